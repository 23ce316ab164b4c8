import path from 'node:path';
import { Command } from 'commander';
import { parseClsid, REGISTER_EVENTS, type RegisterEvent, type SyncManager } from '../../index.js';
import { collectEnvPair, collectOneOf, parseSeconds } from '../options.js';
import { stderr, stdout } from '../output.js';
import { formatCommand, printable } from '../render/format.js';
import { ExitCode } from '../exit-code.js';
import { registrationWarnings } from './register-checks.js';

interface RegisterOptions {
  name: string;
  event: RegisterEvent[];
  cwd?: string;
  env: Record<string, string>;
  startTimeout?: number;
  hangTimeout?: number;
  force?: boolean;
}

/** syncmgr register <clsid> --name TEXT … -- COMMAND [ARG…] */
export function registerCommand(manager: () => SyncManager): Command {
  return new Command('register')
    .description('register a handler: its class ID and the command that starts it (run directly, never through a shell)')
    .argument('<clsid>', 'the class ID, a GUID (braces optional, any case)')
    .argument('<command...>', 'the command and its arguments: everything after the class ID and the options (`--` before it is optional)')
    .requiredOption('--name <text>', 'the name to show for the handler')
    .option(
      '--event <event>',
      `an automatic event to run on (${Object.keys(REGISTER_EVENTS).join('|')}); repeatable`,
      collectOneOf(Object.keys(REGISTER_EVENTS), '--event'),
      [],
    )
    .option('--cwd <dir>', 'the working directory to start it in (default: the current one, stored absolute)')
    .option('--env <K=V>', 'a variable for its environment; repeatable', collectEnvPair, {})
    .option('--start-timeout <seconds>', 'how long it may take to answer the handshake', parseSeconds)
    .option('--hang-timeout <seconds>', 'how long it may stay silent while the host awaits it', parseSeconds)
    .option('--force', 'replace an entry already registered under this class ID')
    .addHelpText(
      'after',
      '\nEverything from the first word after the class ID that is not an option of register belongs to the handler.\n' +
        'Exit codes: 0 registered, 2 bad arguments or the class ID is taken (use --force).\n' +
        'Example:\n  syncmgr register {6B29FC40-CA47-1067-B31D-00DD010662DA} --name "Mail" node mail-handler.js --verbose',
    )
    .action(async (clsidText: string, command: string[], options: RegisterOptions) => {
      const clsid = parseClsid(clsidText);
      if (!options.force && (await isRegistered(manager(), clsid))) {
        stderr.line(`syncmgr: {${clsid}} is already registered: pass --force to replace it (see \`syncmgr list\`)`);
        process.exitCode = ExitCode.Usage;
        return;
      }
      const env = options.env;
      // Stored absolute: a relative path would otherwise mean wherever `syncmgr sync` happens to run.
      const cwd = path.resolve(options.cwd ?? process.cwd());
      const [program, ...args] = command;
      if (program?.includes('/')) command = [path.resolve(cwd, program), ...args];
      const entry = await manager().registry.register({
        clsid,
        name: options.name,
        command,
        events: options.event,
        cwd,
        ...(Object.keys(env).length > 0 ? { env } : {}),
        ...(options.startTimeout !== undefined ? { startTimeoutSeconds: options.startTimeout } : {}),
        ...(options.hangTimeout !== undefined ? { hangTimeoutSeconds: options.hangTimeout } : {}),
      });
      stdout.line(`registered {${entry.clsid}} "${printable(entry.name)}": ${printable(formatCommand(entry.command))}`);
      for (const warning of await registrationWarnings(entry.command[0] as string, cwd, env)) stderr.line(`syncmgr: warning: ${warning}`);
    });
}

// A registry that cannot be read counts as no entry: the registration itself then says why it cannot be written.
async function isRegistered(manager: SyncManager, clsid: string): Promise<boolean> {
  return manager.registry.list().then(
    (entries) => entries.some((entry) => entry.clsid === clsid),
    () => false,
  );
}
