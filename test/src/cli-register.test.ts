// `syncmgr register` as a new user types it: the handler's command is everything after the class
// ID and the options, replacing an entry takes --force, and what would not start is said at once.
import { randomUUID } from 'node:crypto';
import { runCli } from './support/cli.js';
import { tempDir } from './support/temp-dir.js';

interface Entry {
  clsid: string;
  command: string[];
}

describe('syncmgr register', () => {
  let home: string;
  let remove: () => Promise<void>;

  beforeEach(async () => void ({ dir: home, remove } = await tempDir()));
  afterEach(() => remove());

  const listed = async (): Promise<Entry[]> => JSON.parse((await runCli(home, ['list', '--json'])).stdout) as Entry[];

  it.each([[['node', '--version']], [['node', '-e', '1']], [['node', '--name', 'inner', '-h']]])(
    'gives the handler every word from its command on, options included: %j',
    async (command) => {
      const clsid = randomUUID();
      const run = await runCli(home, ['register', clsid, '--name', 'x', ...command]);
      expect(run.exitCode).toBe(0);
      expect(await listed()).toEqual([expect.objectContaining({ clsid, command })]);
    },
  );

  it('still takes the command after --, with options of its own after the class ID', async () => {
    const clsid = randomUUID();
    const run = await runCli(home, ['register', clsid, '--event', 'idle', '--name', 'x', '--', 'node', '--version']);
    expect(run.exitCode).toBe(0);
    expect(await listed()).toEqual([expect.objectContaining({ clsid, command: ['node', '--version'], events: ['idle'] })]);
  });

  it('refuses to replace an entry without --force, exit 2 naming the flag, and replaces it with --force', async () => {
    const clsid = randomUUID();
    expect((await runCli(home, ['register', clsid, '--name', 'first', 'node', 'a.js'])).exitCode).toBe(0);
    const again = await runCli(home, ['register', clsid, '--name', 'second', 'node', 'b.js']);
    expect(again.exitCode).toBe(2);
    expect(again.stderr).toContain('--force');
    expect(await listed()).toEqual([expect.objectContaining({ name: 'first' })]);
    expect((await runCli(home, ['register', clsid, '--force', '--name', 'second', 'node', 'b.js'])).exitCode).toBe(0);
    expect(await listed()).toEqual([expect.objectContaining({ name: 'second' })]);
  });

  it('warns at once about a missing executable and a missing working directory, and still registers', async () => {
    const clsid = randomUUID();
    const run = await runCli(home, ['register', clsid, '--name', 'x', '--cwd', '/no/such/dir', 'no-such-program-' + clsid]);
    expect(run.exitCode).toBe(0);
    const warnings = run.stderr.split('\n').filter((line) => line.startsWith('syncmgr: warning:'));
    expect(warnings).toHaveLength(2);
    expect(warnings.some((w) => w.includes('/no/such/dir'))).toBe(true);
    expect(warnings.some((w) => w.includes(`no-such-program-${clsid}`))).toBe(true);
    expect(await listed()).toHaveLength(1);
  });

  it('says nothing when the executable and the folder are there', async () => {
    const run = await runCli(home, ['register', randomUUID(), '--name', 'x', process.execPath, '-e', '1']);
    expect(run.exitCode).toBe(0);
    expect(run.stderr).toBe('');
  });

  it('shows the command shell-quoted after register and in list', async () => {
    const clsid = randomUUID();
    const run = await runCli(home, ['register', clsid, '--name', 'x', 'node', '-e', "console.log('hi there')"]);
    const quoted = `node -e 'console.log('\\''hi there'\\'')'`;
    expect(run.stdout).toContain(quoted);
    expect((await runCli(home, ['list'])).stdout).toContain(quoted);
  });
});
