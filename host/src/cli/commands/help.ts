import { Command } from 'commander';
import { ExitCode } from '../exit-code.js';
import { stderr } from '../output.js';

/** What every help text ends with: where the state is kept and what the exit codes mean. */
export const PROGRAM_HELP_FOOTER = `
Environment:
  SYNCMGR_HOME       the home, when --home is not given: all state in one folder
  XDG_CONFIG_HOME    else the registry, choices and config are in $XDG_CONFIG_HOME/syncmgr (default ~/.config/syncmgr)
  XDG_STATE_HOME     and logs and results in $XDG_STATE_HOME/syncmgr (default ~/.local/state/syncmgr)

Exit codes:
  0    every selected item succeeded or was skipped by the user
  1    an item or a handler failed (or completed with errors)
  2    the command line or the configuration is wrong
  3    sync: the session ran, but its report could not be saved
  130  sync: stopped by the user (Ctrl-C, c, SIGINT); 143 SIGTERM, 129 SIGHUP`;

/** syncmgr help [COMMAND]: an unknown command is a usage error, not the program's help. */
export function helpCommand(program: Command): Command {
  return new Command('help')
    .description('show help for a command, or for syncmgr')
    .argument('[command]', 'the command')
    .action((name: string | undefined) => {
      if (name === undefined) return program.outputHelp();
      const command = program.commands.find((c) => c.name() === name);
      if (command) return command.outputHelp();
      const known = program.commands.map((c) => c.name()).join(', ');
      stderr.line(`syncmgr: unknown command '${name}': the commands are ${known}`);
      process.exitCode = ExitCode.Usage;
    });
}
