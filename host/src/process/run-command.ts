/** Runs a short command from an argv array (never a shell); undefined on success, else why it failed. */
export async function runCommand(argv: readonly string[], timeoutMs = 60_000): Promise<string | undefined> {
  const [program, ...args] = argv;
  if (!program) return 'the command is empty';
  const { execa } = await import('execa');
  const result = await execa(program, args, { reject: false, timeout: timeoutMs, stdin: 'ignore' });
  if (!result.failed) return undefined;
  const stderr = String(result.stderr ?? '')
    .trim()
    .split('\n')
    .slice(-2)
    .join(' | ');
  const how = result.timedOut
    ? `did not finish within ${timeoutMs / 1000} s`
    : result.exitCode !== undefined
      ? `exited with code ${result.exitCode}`
      : result.shortMessage;
  return `\`${argv.join(' ')}\` ${how}${stderr ? ` (${stderr})` : ''}`;
}
