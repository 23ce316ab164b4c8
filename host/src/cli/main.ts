import { Command, CommanderError } from 'commander';
import { HostError, isConfigurationError, SyncManager } from '../index.js';
import { itemsCommand } from './commands/items.js';
import { registerCommand } from './commands/register.js';
import { listCommand, unregisterCommand } from './commands/registry-commands.js';
import { chooseCommand } from './commands/choose.js';
import { doctorCommand } from './commands/doctor.js';
import { propertiesCommand } from './commands/properties.js';
import { resultsCommand } from './commands/results.js';
import { syncCommand } from './commands/sync.js';
import { TerminalPrompt } from './terminal/terminal-prompt.js';
import { ExitCode } from './exit-code.js';
import type { GlobalOptions } from './options.js';
import { HOST_VERSION } from '../version.js';
import { stderr } from './output.js';
import { splitRegisterArgv } from './commands/register-argv.js';
import { helpCommand, PROGRAM_HELP_FOOTER } from './commands/help.js';
import { completionCommand } from './commands/completion.js';
import { conformanceCommand } from './commands/conformance.js';
import { daemonCommand } from './commands/daemon.js';
import { dashboardCommand } from './commands/dashboard.js';
import { scheduleCommand } from './commands/schedule-commands.js';
import { sessionsCommand } from './commands/sessions.js';
import { statusCommand } from './commands/status.js';
import { resetCommand, triggerCommand } from './commands/trigger-commands.js';
import { watchCommand } from './commands/watch.js';

/** Builds the syncmgr program; commands get the manager lazily, once --home is known. */
export function buildProgram(): Command {
  const program = new Command('syncmgr')
    .description('SyncMgr, out of process: register handlers by class ID and run sync sessions over them')
    .version(HOST_VERSION)
    .option('--home <dir>', 'the folder of all state (default $SYNCMGR_HOME, else the XDG folders: see Environment)')
    .showHelpAfterError('(run with --help for usage)')
    .addHelpText('afterAll', PROGRAM_HELP_FOOTER)
    .helpCommand(false)
    .exitOverride();
  let manager: SyncManager | undefined;
  const getManager = () => {
    const home = program.opts<GlobalOptions>().home;
    return (manager ??= new SyncManager(home ? { home } : {}));
  };
  const commands = [registerCommand, unregisterCommand, listCommand, itemsCommand, syncCommand, chooseCommand, resultsCommand, doctorCommand];
  const daemonClients = [statusCommand, sessionsCommand, watchCommand, scheduleCommand, triggerCommand, resetCommand];
  for (const command of [...commands, ...daemonClients]) {
    program.addCommand(command(getManager).exitOverride());
  }
  const terminalUser = () => (process.stdin.isTTY && process.stdout.isTTY ? new TerminalPrompt(process.stdin, process.stdout) : undefined);
  program.addCommand(propertiesCommand(getManager, terminalUser).exitOverride());
  program.addCommand(daemonCommand(() => program.opts<GlobalOptions>().home).exitOverride());
  program.addCommand(dashboardCommand(getManager, () => program.opts<GlobalOptions>().home).exitOverride());
  program.addCommand(conformanceCommand().exitOverride());
  program.addCommand(completionCommand(program).exitOverride());
  program.addCommand(helpCommand(program).exitOverride());
  return program;
}

/** Runs the CLI; usage and configuration errors exit 2 with a message that says what to do. */
export async function main(argv: string[]): Promise<void> {
  try {
    await buildProgram().parseAsync(splitRegisterArgv(argv));
  } catch (error) {
    if (error instanceof CommanderError) {
      process.exitCode = error.exitCode === 0 ? ExitCode.Success : ExitCode.Usage;
      return;
    }
    stderr.line(`syncmgr: ${(error as Error).message}`);
    process.exitCode = exitCodeOfError(error);
  }
}

// No daemon is its own code, as for status, sessions and watch: a script can start one and retry.
function exitCodeOfError(error: unknown): number {
  if (error instanceof HostError && error.code === 'NO_DAEMON') return ExitCode.NoDaemon;
  return isConfigurationError(error) ? ExitCode.Usage : ExitCode.Failure;
}
