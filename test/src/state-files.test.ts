import { chmod, chown, mkdir, readdir, readFile, stat, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { HostError, SyncManager, type StateFileStatus } from '@syncmgr/host';
import { runCli } from './support/cli.js';
import { registerFixture } from './support/fixtures.js';
import { managerPerTest } from './support/manager-per-test.js';
import { tempDir } from './support/temp-dir.js';

// Tests run as root, which ignores permission bits: every unsafe condition here is one the host
// refuses by inspection (a mode bit, a symlink, an owner other than the current user, a path
// through a regular file), so it applies to root too.
const NOBODY = 65534;

/** The log files in <home>/logs: a handler gets one before it is spawned, so none means none was started. */
async function logFiles(home: string): Promise<string[]> {
  return readdir(path.join(home, 'logs')).catch(() => []);
}

describe('state files are checked before any handler is spawned', () => {
  const manager = managerPerTest();
  const home = () => manager().home;

  const unsafeStates: [string, () => Promise<string>][] = [
    ['a world-writable logs/', async () => (await mkdir(home().logs), await chmod(home().logs, 0o777), home().logs)],
    ['a group-writable results/', async () => (await mkdir(home().results), await chmod(home().results, 0o770), home().results)],
    ['logs/ as a symbolic link', async () => (await symlink(home().root, home().logs), home().logs)],
    ['results/ as a regular file', async () => (await writeFile(home().results, '', { mode: 0o600 }), home().results)],
    ['a corrupt choices.json', async () => (await writeFile(home().choices, '{"version": 1, "events":', { mode: 0o600 }), home().choices)],
    ['a choices.json of the wrong shape', async () => (await writeFile(home().choices, '[]', { mode: 0o600 }), home().choices)],
    ['a corrupt config.json', async () => (await writeFile(home().config, '{"connections": {"vpn": {"up": "x"}}}', { mode: 0o600 }), home().config)],
    [
      'a config.json owned by another user',
      async () => (await writeFile(home().config, '{}', { mode: 0o600 }), await chown(home().config, NOBODY, NOBODY), home().config),
    ],
    ['a world-writable registry.json', async () => (await chmod(home().registry, 0o666), home().registry)],
  ];

  it.each(unsafeStates)('%s: `syncmgr sync` exits 2 naming the path, and starts no handler', async (_, plant) => {
    const clsid = await registerFixture(manager(), 'well-behaved', { items: 1 });
    const unsafe = await plant();
    const result = await runCli(home().root, ['sync']);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain(unsafe);
    expect(await logFiles(home().root)).not.toContain(`${clsid}.log`);
  });

  it.each(unsafeStates)('%s: createSession rejects with STATE_CORRUPT', async (_, plant) => {
    await registerFixture(manager(), 'well-behaved', { items: 1 });
    await plant();
    await expect(manager().createSession()).rejects.toMatchObject({ name: 'HostError', code: 'STATE_CORRUPT' });
  });

  it.each(unsafeStates)('%s: `syncmgr doctor --json` names the file with its code, exits 2, and starts no handler', async (_, plant) => {
    const clsid = await registerFixture(manager(), 'well-behaved', { items: 1 });
    const unsafe = await plant();
    const result = await runCli(home().root, ['doctor', '--json']);
    expect(result.exitCode).toBe(2);
    const { state, handlers } = JSON.parse(result.stdout) as { state: StateFileStatus[]; handlers: unknown[] };
    expect(state.filter((file) => file.problem)).toEqual([{ path: unsafe, problem: { code: 'STATE_CORRUPT', message: expect.stringContaining(unsafe) } }]);
    expect(handlers).toEqual([]);
    expect(await logFiles(home().root)).not.toContain(`${clsid}.log`);
  });

  it("never appends a handler's stderr through a symbolic link planted as its log", async () => {
    const clsid = await registerFixture(manager(), 'logs-errors');
    const target = path.join(home().root, 'target');
    await writeFile(target, 'untouched', { mode: 0o600 });
    await mkdir(home().logs, { mode: 0o700 });
    await symlink(target, path.join(home().logs, `${clsid}.log`));
    const [handler] = (await manager().sync()).handlers;
    expect(handler?.result).toBe('failed');
    expect(await readFile(target, 'utf8')).toBe('untouched');
  });

  it('still appends to a log of its own, creating it owner-only', async () => {
    const clsid = await registerFixture(manager(), 'well-behaved', { items: 1 });
    await manager().sync();
    await manager().sync();
    const file = path.join(home().logs, `${clsid}.log`);
    expect((await readFile(file, 'utf8')).match(/^=== /gm)).toHaveLength(2);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
  });
});

describe('a home that cannot be created', () => {
  let dir: string;
  let remove: () => Promise<void>;
  let homeUnderAFile: string;

  beforeEach(async () => {
    ({ dir, remove } = await tempDir());
    await writeFile(path.join(dir, 'a-file'), '', { mode: 0o600 });
    // mkdir through a regular file fails with ENOTDIR whoever runs it, root included.
    homeUnderAFile = path.join(dir, 'a-file', 'home');
  });
  afterEach(() => remove());

  it.each([[['sync']], [['register', '6b29fc40-ca47-1067-b31d-00dd010662da', '--name', 'x', '--', 'true']]])(
    '`syncmgr %j` exits 2 naming the home',
    async (args) => {
      const result = await runCli(homeUnderAFile, args);
      expect(result.exitCode).toBe(2);
      expect(result.stderr).toContain(homeUnderAFile);
      expect(result.stderr).not.toMatch(/^\s+at /m);
    },
  );

  it('is HostError HOME_UNWRITABLE from the library, for sessions and registration alike', async () => {
    const manager = new SyncManager({ home: homeUnderAFile });
    await expect(manager.createSession()).rejects.toMatchObject({ name: 'HostError', code: 'HOME_UNWRITABLE' });
    const registering = manager.registry.register({ clsid: '6b29fc40-ca47-1067-b31d-00dd010662da', name: 'x', command: ['true'], events: [] });
    await expect(registering).rejects.toBeInstanceOf(HostError);
    await expect(registering).rejects.toMatchObject({ code: 'HOME_UNWRITABLE' });
  });
});
