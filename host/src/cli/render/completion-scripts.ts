/** What a completion script offers: the commands, their options, and the program's own. */
export interface CompletionSpec {
  name: string;
  globalOptions: string[];
  /** `values`: the words a command's argument takes, when they are a fixed set. */
  commands: { name: string; description: string; options: string[]; values: string[] }[];
}

// The first word after the program and its --home value is the command.
const BASH_TEMPLATE = `# bash completion for NAME: source it, or put it in ~/.local/share/bash-completion/completions/NAME
_NAME() {
  local cur=\${COMP_WORDS[COMP_CWORD]} command="" i
  for ((i = 1; i < COMP_CWORD; i++)); do
    case \${COMP_WORDS[i]} in
      --home) ((i++)) ;;
      -*) ;;
      *) command=\${COMP_WORDS[i]}; break ;;
    esac
  done
  local words
  case $command in
CASES
  esac
  COMPREPLY=($(compgen -W "$words" -- "$cur"))
}
complete -o default -F _NAME NAME
`;

/** A bash script: `complete -F` over the commands, then each command's options. */
export function bashCompletion(spec: CompletionSpec): string {
  const cases = [
    `    "") if [[ $cur == -* ]]; then words="${spec.globalOptions.join(' ')}"; else words="${spec.commands.map((c) => c.name).join(' ')}"; fi ;;`,
    ...spec.commands.map(
      (c) =>
        `    ${c.name}) if [[ $cur == -* ]]; then words="${c.options.join(' ')}"; else ${c.values.length > 0 ? `words="${c.values.join(' ')}"` : 'return 0'}; fi ;;`,
    ),
    '    *) return 0 ;;',
  ];
  return BASH_TEMPLATE.replaceAll('NAME', spec.name).replace('CASES', cases.join('\n'));
}

const ZSH_TEMPLATE = `#compdef NAME
# zsh completion for NAME: put it in a folder of $fpath as _NAME, or source it
_NAME() {
  local command="" i
  for ((i = 2; i < CURRENT; i++)); do
    case $words[i] in
      --home) ((i++)) ;;
      -*) ;;
      *) command=$words[i]; break ;;
    esac
  done
  local -a commands
  commands=(
COMMANDS
  )
  case $command in
CASES
  esac
}
if [[ $funcstack[1] == _NAME ]]; then _NAME "$@"; else compdef _NAME NAME; fi
`;

/** A zsh script: commands with their descriptions, then each command's options (files otherwise). */
export function zshCompletion(spec: CompletionSpec): string {
  const quote = (text: string) => `'${text.replaceAll("'", `'\\''`)}'`;
  const commands = spec.commands.map((c) => `    ${quote(`${c.name}:${c.description.replaceAll(':', '\\:')}`)}`);
  const cases = [
    `    "") if [[ $PREFIX == -* ]]; then compadd -- ${spec.globalOptions.join(' ')}; else _describe command commands; fi ;;`,
    ...spec.commands.map(
      (c) =>
        `    ${c.name}) if [[ $PREFIX == -* ]]; then compadd -- ${c.options.join(' ')}; else ${c.values.length > 0 ? `compadd -- ${c.values.join(' ')}` : '_files'}; fi ;;`,
    ),
  ];
  return ZSH_TEMPLATE.replaceAll('NAME', spec.name).replace('COMMANDS', commands.join('\n')).replace('CASES', cases.join('\n'));
}
