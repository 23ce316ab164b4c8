// What the CLI writes: no handler text drives the terminal, a reader that goes away ends the output
// but not the session, and a report that cannot be saved is an exit status of its own.
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import path from 'node:path';
import { SyncManager } from '@syncmgr/host';
import { runCli } from './support/cli.js';
import { fixtureItemId, registerFixture } from './support/fixtures.js';
import { cliPath, fixture } from './support/paths.js';
import { tempDir } from './support/temp-dir.js';

const ESC = '\u001b';
// The clipboard payload of the fixture's OSC 52: removed with its sequence, not left behind as text.
const OSC_52_PAYLOAD = 'cm0gLXJmIH4=';
const RESULTS_NOT_SAVED = 3;

interface JsonItems {
  handlerInfo: { handlerName: string };
  items: { itemName: string }[];
}

describe('the CLI output', () => {
  let home: string;
  let remove: () => Promise<void>;
  let manager: SyncManager;

  beforeEach(async () => {
    ({ dir: home, remove } = await tempDir());
    manager = new SyncManager({ home });
  });

  afterEach(() => remove());

  describe('of a handler whose names and log carry OSC 52 and a screen clear', () => {
    let clsid: string;

    beforeEach(async () => {
      clsid = await registerFixture(manager, 'names-items-with-escapes');
    });

    it.each([
      ['items', () => ['items', clsid]],
      ['choose', () => ['choose', '--event', 'manual', clsid]],
      ['properties', () => ['properties', clsid]],
      ['properties of an item', () => ['properties', clsid, fixtureItemId(1)]],
      ['sync', () => ['sync']],
      ['results', () => ['results']],
    ])(
      '%s prints none of it',
      async (_command, args) => {
        if (args()[0] === 'results') expect((await runCli(home, ['sync', '--json'])).exitCode).toBe(0);
        const run = await runCli(home, args());
        expect(run.exitCode).toBe(0);
        expect(run.stdout).toContain('item 1');
        expect(run.stdout).not.toContain(ESC);
        expect(run.stdout).not.toContain(OSC_52_PAYLOAD);
        expect(run.stderr).not.toContain(ESC);
      },
      30_000,
    );

    it('items --json keeps the names as they were sent, in valid JSON with no raw control character', async () => {
      const run = await runCli(home, ['items', clsid, '--json']);
      expect(run.exitCode).toBe(0);
      expect(run.stdout).not.toContain(ESC);
      const parsed = JSON.parse(run.stdout) as JsonItems;
      expect(parsed.handlerInfo.handlerName).toContain(`${ESC}]52;c;${OSC_52_PAYLOAD}`);
      expect(parsed.items[0]?.itemName).toContain(`${ESC}[2J`);
    }, 30_000);
  });

  it('ends quietly when its reader closes after one line (| head -1), and the session still finishes and is saved', async () => {
    const clsid = '5106d1e0-0000-4000-8000-000000000001';
    await manager.registry.register({ clsid, name: 'slow', command: [process.execPath, fixture('slow-sdk-handler.js'), '--ticks', '10'], events: [] });
    const cli = spawn(process.execPath, [cliPath, '--home', home, 'sync'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    cli.stderr.on('data', (chunk: Buffer) => (stderr += String(chunk)));
    const exited = once(cli, 'exit') as Promise<[number | null, NodeJS.Signals | null]>;
    let firstLine = '';
    for await (const chunk of cli.stdout) {
      firstLine += String(chunk as Buffer);
      if (firstLine.includes('\n')) break; // leaving the loop destroys the reading end, as head does
    }
    expect(cli.stdout.destroyed).toBe(true);
    const [code, signal] = await exited;
    expect({ code, signal, stderr }).toEqual({ code: 0, signal: null, stderr: '' });
    const report = await manager.results.load();
    expect(report.handlers).toMatchObject([{ clsid, result: 'succeeded' }]);
    expect(report.handlers[0]?.items.map((item) => item.status)).toEqual(['succeeded', 'succeeded']);
  }, 60_000);

  it('sync exits 3 with the reason when its report cannot be saved', async () => {
    // Tests may run as root, whom no mode bit stops: a regular file where the folder should be does.
    // The handler puts it there mid-session, since a session does not start on a broken home.
    const results = path.join(home, 'results');
    await manager.registry.register({
      clsid: randomUUID(),
      name: 'breaks results',
      command: [process.execPath, fixture('replaces-the-results-folder.js'), '--results', results],
      events: [],
    });
    const run = await runCli(home, ['sync', '--json']);
    expect(run.exitCode).toBe(RESULTS_NOT_SAVED);
    expect(run.stderr).toContain(path.join(home, 'results'));
    const report = JSON.parse(run.stdout) as { handlers: { items: { status: string }[] }[] };
    expect(report.handlers[0]?.items.map((item) => item.status)).toEqual(['succeeded', 'succeeded']);
  }, 30_000);
});
