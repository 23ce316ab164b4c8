// `syncmgr completion bash|zsh`: the script completes the program's real commands and options.
import { execa } from 'execa';
import { tempDir } from './support/temp-dir.js';
import { runCli } from './support/cli.js';

// What bash's completion offers for the words typed so far (the last one being completed).
async function bashCompletes(script: string, words: string[]): Promise<string[]> {
  const line = ['syncmgr', ...words].map((w) => `'${w}'`).join(' ');
  const driver = `${script}\nCOMP_WORDS=(${line}); COMP_CWORD=${words.length}; _syncmgr; printf '%s\\n' "\${COMPREPLY[@]}"`;
  const run = await execa('bash', ['--norc', '--noprofile', '-c', driver]);
  return run.stdout.split('\n').filter(Boolean);
}

describe('syncmgr completion', () => {
  let home: string;
  let remove: () => Promise<void>;
  let bash: string;

  beforeAll(async () => {
    ({ dir: home, remove } = await tempDir());
    const run = await runCli(home, ['completion', 'bash']);
    expect(run.exitCode).toBe(0);
    bash = run.stdout;
  });
  afterAll(() => remove());

  it('bash: completes the commands, then a command’s own options, past --home', async () => {
    expect(await bashCompletes(bash, ['re'])).toEqual(['register', 'results', 'reset']);
    expect(await bashCompletes(bash, ['--home', '/x', 'sync', '--no'])).toEqual(['--no-prompt']);
    expect(await bashCompletes(bash, ['register', 'X', '--f'])).toEqual(['--force']);
    expect(await bashCompletes(bash, ['results', '--'])).toEqual(expect.arrayContaining(['--list', '--json', '--help']));
    expect(await bashCompletes(bash, ['completion', ''])).toEqual(['bash', 'zsh']);
  });

  it('zsh: a #compdef script naming every command with its options', async () => {
    const run = await runCli(home, ['completion', 'zsh']);
    expect(run.exitCode).toBe(0);
    expect(run.stdout.startsWith('#compdef syncmgr\n')).toBe(true);
    for (const command of ['register', 'sync', 'results', 'doctor', 'choose', 'completion']) expect(run.stdout).toMatch(new RegExp(`^ {4}${command}\\) `, 'm'));
    expect(run.stdout).toMatch(/^ {4}sync\) .*--no-prompt/m);
  });

  it('refuses another shell with exit 2', async () => {
    const run = await runCli(home, ['completion', 'fish']);
    expect(run.exitCode).toBe(2);
    expect(run.stdout).toBe('');
  });
});
