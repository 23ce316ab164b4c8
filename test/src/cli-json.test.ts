// The commands that print data print JSON with --json; results --list lists the saved sessions;
// an ambiguous session prefix and an unknown help topic are usage errors.
import path from 'node:path';
import { SyncManager, type StateFileStatus } from '@syncmgr/host';
import { runCli } from './support/cli.js';
import { fixtureItemId, registerFixture } from './support/fixtures.js';
import { tempDir } from './support/temp-dir.js';

interface SessionSummary {
  sessionId: string;
  event: string;
  startedAt: string;
  handlers: { clsid: string; name: string; ownName?: string; result: string }[];
}

describe('syncmgr --json and results --list', () => {
  let home: string;
  let remove: () => Promise<void>;
  let clsid: string;
  const sessions: string[] = [];

  beforeAll(async () => {
    ({ dir: home, remove } = await tempDir());
    clsid = await registerFixture(new SyncManager({ home }), 'well-behaved', { items: 2, name: 'good' });
    for (let i = 0; i < 2; i++) {
      const run = await runCli(home, ['sync', '--json', '--item', fixtureItemId(1)]);
      expect(run.exitCode).toBe(0);
      sessions.push((JSON.parse(run.stdout) as { sessionId: string }).sessionId);
    }
  }, 60_000);
  afterAll(() => remove());

  it('choose --json prints each handler with its items checked or not', async () => {
    const run = await runCli(home, ['choose', '--event', 'idle', '--uncheck', fixtureItemId(2), '--json']);
    expect(run.exitCode).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual([
      expect.objectContaining({
        clsid,
        event: 'idle',
        result: 'succeeded',
        items: [expect.objectContaining({ itemId: fixtureItemId(1), checked: true }), expect.objectContaining({ itemId: fixtureItemId(2), checked: false })],
      }),
    ]);
  }, 30_000);

  it('doctor --json prints each check', async () => {
    const run = await runCli(home, ['doctor', '--json']);
    expect(run.exitCode).toBe(0);
    const checks = JSON.parse(run.stdout) as { state: StateFileStatus[]; handlers: unknown[]; containment: string };
    expect(checks.containment).toMatch(/^process groups, the instance marker, and (cgroup v2 at |cgroup v1-(freezer|pids) at |no cgroup)/);
    expect(checks.state.map((file) => path.basename(file.path))).toEqual([
      path.basename(home),
      'logs',
      'results',
      'registry.json',
      'choices.json',
      'config.json',
    ]);
    expect(checks.state.every((file) => file.problem === undefined)).toBe(true);
    expect(checks.handlers).toEqual([expect.objectContaining({ clsid, name: 'good', result: 'succeeded', command: expect.any(Array) })]);
  }, 30_000);

  it('results --list --json lists the saved sessions newest first, with each handler’s result', async () => {
    const run = await runCli(home, ['results', '--list', '--json']);
    expect(run.exitCode).toBe(0);
    const listed = JSON.parse(run.stdout) as SessionSummary[];
    expect(listed.map((s) => s.sessionId)).toEqual([...sessions].reverse());
    expect(listed.map((s) => s.event)).toEqual(['manual', 'manual']);
    expect(listed[0]?.handlers).toEqual([{ clsid, name: 'good', ownName: 'good', result: 'succeeded' }]);
    expect(Date.parse(listed[0]?.startedAt ?? '')).not.toBeNaN();
  });

  it('results --list prints a line per session, newest first', async () => {
    const lines = (await runCli(home, ['results', '--list'])).stdout.trim().split('\n');
    expect(lines.map((line) => line.split(/\s+/)[0])).toEqual([...sessions].reverse());
  });

  it('results with a prefix two sessions share exits 2 and names both', async () => {
    const [a = '', b = ''] = sessions;
    let shared = 0;
    while (a[shared] === b[shared]) shared++;
    const run = await runCli(home, ['results', a.slice(0, shared)]);
    expect(run.exitCode).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(a);
    expect(run.stderr).toContain(b);
  });

  it('results with a whole session ID shows that one', async () => {
    const run = await runCli(home, ['results', sessions[0] ?? '', '--json']);
    expect(run.exitCode).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ sessionId: sessions[0], event: 'manual' });
  });

  it('help of an unknown command exits 2; help of a known one exits 0 with the environment and the exit codes', async () => {
    const unknown = await runCli(home, ['help', 'nope']);
    expect(unknown.exitCode).toBe(2);
    expect(unknown.stderr).toContain("'nope'");
    expect(unknown.stdout).toBe('');
    const known = await runCli(home, ['help', 'sync']);
    expect(known.exitCode).toBe(0);
    for (const text of ['SYNCMGR_HOME', 'XDG_CONFIG_HOME', '130', '--event <event>', '(default: "manual")']) expect(known.stdout).toContain(text);
  });
});
