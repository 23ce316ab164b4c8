import { randomUUID } from 'node:crypto';
import { execa } from 'execa';
import type { HandlerFault } from '@syncmgr/host';
import { runCli } from './support/cli.js';
import { fixtureCommand } from './support/fixtures.js';
import { repoRoot } from './support/paths.js';
import { processesWithEnv } from './support/processes.js';
import { tempDir } from './support/temp-dir.js';

const FOLDER_SYNC = 'a3b1c8e2-5d4f-4e6a-9b7c-1d2e3f405162';
const TAR_SNAPSHOT = 'c7d8e9f0-1a2b-4c3d-8e4f-5a6b7c8d9e0f';
const EXIT_3 = '{0BAD0BAD-0000-4000-8000-000000000003}';

interface JsonReport {
  handlers: { clsid: string; name: string; result: string; fault?: HandlerFault; items: { status: string }[] }[];
}

describe('the syncmgr CLI', () => {
  let home: string;
  let remove: () => Promise<void>;
  const marker = randomUUID();

  beforeAll(async () => {
    ({ dir: home, remove } = await tempDir());
    const demo = await execa(process.execPath, ['sample-handlers/dist/demo/main.js'], {
      cwd: repoRoot,
      env: { SYNCMGR_HOME: home },
      reject: false,
    });
    expect(demo.exitCode).toBe(0);
  }, 60_000);

  afterAll(() => remove());

  afterEach(() => {
    expect(processesWithEnv('SYNCMGR_TEST_MARKER', marker)).toEqual([]);
  });

  it('reports a handler that exits with code 3 beside the samples, whose items all succeed, and exits 1', async () => {
    expect((await runCli(home, ['register', EXIT_3, '--name', 'exits three', '--', ...fixtureCommand('exits-with-code-3', { in: 'start' })])).exitCode).toBe(0);
    const run = await runCli(home, ['sync', '--json'], { SYNCMGR_TEST_MARKER: marker });
    expect(run.exitCode).toBe(1);
    const report = JSON.parse(run.stdout) as JsonReport;
    const failing = report.handlers.find((h) => h.clsid === '0bad0bad-0000-4000-8000-000000000003');
    expect(failing).toMatchObject({ name: 'exits three', result: 'failed' });
    expect(failing?.fault).toMatchObject({ kind: 'exited', exitCode: 3 });
    const samples = report.handlers.filter((h) => h.clsid === FOLDER_SYNC || h.clsid === TAR_SNAPSHOT);
    expect(samples).toHaveLength(2);
    for (const sample of samples) {
      expect(sample.result).toBe('succeeded');
      expect(sample.items.length).toBeGreaterThan(0);
      expect(sample.items.every((item) => item.status === 'succeeded')).toBe(true);
    }
    expect((await runCli(home, ['unregister', EXIT_3])).exitCode).toBe(0);
  }, 60_000);

  it('fails a handler that never answers within --start-timeout, quickly, leaving no process', async () => {
    const clsid = randomUUID();
    await runCli(home, ['register', clsid, '--name', 'sleeper', '--', ...fixtureCommand('hangs', { in: 'start' })]);
    const started = Date.now();
    const run = await runCli(home, ['sync', '--handler', clsid, '--start-timeout', '2', '--json'], { SYNCMGR_TEST_MARKER: marker });
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(run.exitCode).toBe(1);
    const [sleeper] = (JSON.parse(run.stdout) as JsonReport).handlers;
    expect(sleeper?.fault).toMatchObject({ kind: 'start-timeout', phase: 'handshake' });
    await runCli(home, ['unregister', clsid]);
  }, 30_000);

  it.each([['items'], ['doctor']])(
    '%s --start-timeout 0 waits for a slow handshake however long the entry allows',
    async (command) => {
      const clsid = randomUUID();
      const slow = fixtureCommand('answers-the-handshake-late', { holdMs: 1500 });
      await runCli(home, ['register', clsid, '--name', 'late', '--start-timeout', '1', '--', ...slow]);
      const refused = await runCli(home, [command, clsid, '--json'], { SYNCMGR_TEST_MARKER: marker });
      expect(refused.exitCode).not.toBe(0);
      const waited = await runCli(home, [command, clsid, '--start-timeout', '0', '--json'], { SYNCMGR_TEST_MARKER: marker });
      expect(waited.exitCode).toBe(0);
      await runCli(home, ['unregister', clsid]);
    },
    30_000,
  );

  it.each([
    ['folder-sync', FOLDER_SYNC, /Folder sync/],
    ['tar-snapshot', TAR_SNAPSHOT, /Folder snapshots \(Python\)/],
  ])(
    'prints the handler info and items of the %s sample',
    async (_name, clsid, handlerName) => {
      const text = await runCli(home, ['items', clsid], { SYNCMGR_TEST_MARKER: marker });
      expect(text.exitCode).toBe(0);
      expect(text.stdout).toMatch(handlerName);
      expect(text.stdout).toMatch(/2 items/);
      const json = await runCli(home, ['items', `{${clsid.toUpperCase()}}`, '--json']);
      const parsed = JSON.parse(json.stdout) as { handlerInfo: { handlerName: string }; items: { itemId: string; itemName: string }[] };
      expect(parsed.handlerInfo.handlerName).toMatch(handlerName);
      expect(parsed.items).toHaveLength(2);
    },
    30_000,
  );

  it('prints plain progress lines when piped, and the summary', async () => {
    const run = await runCli(home, ['sync', '--handler', FOLDER_SYNC], { SYNCMGR_TEST_MARKER: marker });
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toMatch(/\] Documents: succeeded/);
    expect(run.stdout).toMatch(/✔ Pictures: succeeded/);
  }, 30_000);

  it('shows with `results --json` the same items and log the session reported with `sync --json`', async () => {
    const run = await runCli(home, ['sync', '--json'], { SYNCMGR_TEST_MARKER: marker });
    const reported = JSON.parse(run.stdout) as JsonReport & { sessionId: string };
    const newest = JSON.parse((await runCli(home, ['results', '--json'])).stdout) as typeof reported;
    const byId = JSON.parse((await runCli(home, ['results', reported.sessionId.slice(0, 8), '--json'])).stdout) as typeof reported;
    expect(newest).toEqual(reported);
    expect(byId).toEqual(reported);
    const text = await runCli(home, ['results']);
    expect(text.stdout).toContain(`session ${reported.sessionId}`);
  }, 30_000);

  it('remembers item choices per event with `choose`, and `sync --event` uses them', async () => {
    const items = JSON.parse((await runCli(home, ['items', FOLDER_SYNC, '--json'])).stdout) as { items: { itemId: string; itemName: string }[] };
    const pictures = items.items.find((i) => i.itemName === 'Pictures')!.itemId;
    const chosen = await runCli(home, ['choose', '--event', 'scheduled', '--uncheck', pictures, FOLDER_SYNC]);
    expect(chosen.exitCode).toBe(0);
    expect(chosen.stdout).toMatch(new RegExp(`\\[ \\] \\{${pictures}\\}  Pictures`));
    const scheduled = JSON.parse(
      (await runCli(home, ['sync', '--event', 'scheduled', '--handler', FOLDER_SYNC, '--json'], { SYNCMGR_TEST_MARKER: marker })).stdout,
    ) as JsonReport;
    expect(scheduled.handlers[0]!.items.map((i) => (i as { name?: string }).name)).toEqual(['Documents']);
    const manual = JSON.parse((await runCli(home, ['sync', '--handler', FOLDER_SYNC, '--json'], { SYNCMGR_TEST_MARKER: marker })).stdout) as JsonReport;
    expect(manual.handlers[0]!.items).toHaveLength(2);
  }, 60_000);

  it('runs `properties` on a settings instance; with no user to ask, nothing changes', async () => {
    const run = await runCli(home, ['properties', FOLDER_SYNC], { SYNCMGR_TEST_MARKER: marker });
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toMatch(/ShowPropertiesCompleted S_OK/);
  }, 30_000);

  it.each([
    [['register', 'not-a-guid', '--name', 'x', '--', 'true'], /"not-a-guid" is not a class ID/],
    [['sync', '--handler', '99999999-9999-4999-8999-999999999999'], /no handler is registered as \{99999999/],
    [['register', FOLDER_SYNC, '--', 'true'], /required option '--name <text>' not specified/],
    [['sync', '--event', 'sometimes'], /--event "sometimes" is not one of/],
    [['items', '99999999-9999-4999-8999-999999999999'], /syncmgr list/],
  ])('exits 2 with a message that says what is wrong: %j', async (args, message) => {
    const run = await runCli(home, args);
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toMatch(message);
  });
});
