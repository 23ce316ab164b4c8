// Options of `register` that take a value, so their value is not mistaken for the handler's command.
const VALUE_OPTIONS = new Set(['--name', '--event', '--cwd', '--env', '--start-timeout', '--hang-timeout']);
// Global options that take a value, for finding the subcommand word.
const GLOBAL_VALUE_OPTIONS = new Set(['--home']);

/**
 * Marks where the handler's command starts in `syncmgr … register CLSID [OPTION]… COMMAND [ARG]…`
 * by inserting `--` before COMMAND, so `node --version` or `node -e 1` belong to the handler and not
 * to syncmgr. An argv that already has `--` there, or is not a `register`, is returned as it is.
 */
export function splitRegisterArgv(argv: readonly string[]): string[] {
  const user = argv.slice(2);
  const commandWord = indexOfSubcommand(user);
  if (user[commandWord] !== 'register') return [...argv];
  let positionals = 0;
  for (let i = commandWord + 1; i < user.length; i++) {
    const token = user[i] as string;
    if (token === '--') break;
    if (token.startsWith('-')) {
      if (VALUE_OPTIONS.has(token)) i++;
      continue;
    }
    positionals++;
    if (positionals === 2) return [...argv.slice(0, 2), ...user.slice(0, i), '--', ...user.slice(i)];
  }
  return [...argv];
}

function indexOfSubcommand(user: readonly string[]): number {
  let i = 0;
  while (i < user.length && (user[i] as string).startsWith('-')) i += GLOBAL_VALUE_OPTIONS.has(user[i] as string) ? 2 : 1;
  return i;
}
