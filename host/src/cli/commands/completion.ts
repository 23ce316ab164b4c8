import { Command, InvalidArgumentError } from 'commander';
import { stdout } from '../output.js';
import { bashCompletion, zshCompletion, type CompletionSpec } from '../render/completion-scripts.js';

const SHELLS = { bash: bashCompletion, zsh: zshCompletion } as const;
type Shell = keyof typeof SHELLS;

function parseShell(text: string): Shell {
  if (!(text in SHELLS)) throw new InvalidArgumentError(`"${text}" is not one of ${Object.keys(SHELLS).join(', ')}.`);
  return text as Shell;
}

/** syncmgr completion bash|zsh: a completion script made from the program's own commands and options. */
export function completionCommand(program: Command): Command {
  return new Command('completion')
    .description('print a shell completion script for the commands and their options')
    .argument('<shell>', `the shell (${Object.keys(SHELLS).join('|')})`, parseShell)
    .addHelpText(
      'after',
      '\nInstall:\n  bash: syncmgr completion bash > ~/.local/share/bash-completion/completions/syncmgr\n  zsh:  syncmgr completion zsh > "${fpath[1]}/_syncmgr"   (or: source <(syncmgr completion zsh))',
    )
    .action((shell: Shell) => stdout.raw(SHELLS[shell](specOf(program))));
}

function specOf(program: Command): CompletionSpec {
  const names = program.commands.map((c) => c.name());
  const values: Record<string, string[]> = { help: names, completion: Object.keys(SHELLS) };
  return {
    name: program.name(),
    globalOptions: [...program.options.map((o) => o.long ?? ''), '--help'].filter(Boolean),
    commands: program.commands.map((c) => ({
      name: c.name(),
      description: c.description(),
      options: [...c.options.map((o) => o.long ?? '').filter(Boolean), '--help'],
      values: values[c.name()] ?? [],
    })),
  };
}
