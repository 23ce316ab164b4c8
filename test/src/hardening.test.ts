import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { execa } from 'execa';
import { DEFAULT_HANG_TIMEOUT_SECONDS, DEFAULT_START_TIMEOUT_SECONDS } from '@syncmgr/host';
import { runCli } from './support/cli.js';
import { registerFixture } from './support/fixtures.js';
import { managerPerTest } from './support/manager-per-test.js';
import { cliPath, fixture, folderSyncMain, tarSnapshotMain } from './support/paths.js';
import { processesWithEnv } from './support/processes.js';
import { tempDir } from './support/temp-dir.js';

async function waitUntil(check: () => boolean, ms: number): Promise<boolean> {
  for (const end = Date.now() + ms; Date.now() < end; await sleep(100)) if (check()) return true;
  return check();
}

describe('hardening', () => {
  const manager = managerPerTest();

  it('absorbs a flood of progress without growing memory without bound, serving a handler beside it, keeping every last state', async () => {
    const patient = { hangTimeoutSeconds: DEFAULT_HANG_TIMEOUT_SECONDS, startTimeoutSeconds: DEFAULT_START_TIMEOUT_SECONDS };
    await registerFixture(manager(), 'floods-progress', { name: 'flood', items: 100, updates: 200_000 }, patient);
    await registerFixture(manager(), 'well-behaved', { items: 3, name: 'healthy' });
    const before = process.memoryUsage().rss;
    let peak = before;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
    const report = await manager()
      .sync()
      .finally(() => clearInterval(sampler));
    const flood = report.handlers.find((h) => h.name === 'flood')!;
    expect(flood.items).toHaveLength(100);
    expect(flood.items.every((item, i) => item.status === 'succeeded' && item.text === `last of ${i + 1}`)).toBe(true);
    expect(report.handlers.find((h) => h.name === 'healthy')!.items.every((i) => i.status === 'succeeded')).toBe(true);
    expect(peak - before).toBeLessThan(200 * 1024 * 1024);
  }, 120_000);

  it('keeps at most maxLogEntries entries per handler, and says how many it dropped', async () => {
    const { SyncManager } = await import('@syncmgr/host');
    const limited = new SyncManager({ home: manager().home.root, limits: { maxLogEntries: 2 } });
    await registerFixture(limited, 'logs-errors');
    const [handler] = (await limited.sync()).handlers;
    expect(handler!.log.map((e) => [e.level, e.source])).toEqual([
      ['information', undefined],
      ['error', undefined],
      ['warning', 'host'],
    ]);
    // No field counts the dropped entries; the host's entry names how many, and the limit.
    expect(handler!.log[2]!.text).toMatch(/\b1\b.*\b2\b/);
  });
});

describe('byte budgets', () => {
  const manager = managerPerTest();

  it("keeps a handler's dozens of maximal LogError texts within its byte budget, costing neither the host nor the handler beside it its report", async () => {
    const { SyncManager } = await import('@syncmgr/host');
    const limited = new SyncManager({ home: manager().home.root, limits: { maxLogBytes: 64 * 1024 } });
    const patient = { hangTimeoutSeconds: DEFAULT_HANG_TIMEOUT_SECONDS, startTimeoutSeconds: DEFAULT_START_TIMEOUT_SECONDS };
    await registerFixture(limited, 'logs-maximal-errors', { name: 'flood', updates: 30 }, patient);
    await registerFixture(limited, 'well-behaved', { items: 3, name: 'healthy' });
    const before = process.memoryUsage().rss;
    let peak = before;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
    const report = await limited.sync().finally(() => clearInterval(sampler));

    const flood = report.handlers.find((h) => h.name === 'flood')!;
    const healthy = report.handlers.find((h) => h.name === 'healthy')!;
    expect(healthy.items.map((item) => item.status)).toEqual(['succeeded', 'succeeded', 'succeeded']);
    expect(flood.items.every((item) => item.status === 'succeeded')).toBe(true);
    const kept = flood.log.filter((entry) => entry.source === undefined);
    expect(kept.length).toBeGreaterThan(0);
    expect(flood.logOverflow).toEqual({ dropped: 30 - kept.length, limits: ['handler-bytes'], truncated: kept.length });
    expect(flood.log.at(-1)).toMatchObject({ level: 'warning', source: 'host' });
    // What is kept is what the limits allow: 64 KiB of log, not 30 texts of 16 MiB.
    expect(Buffer.byteLength(JSON.stringify(report))).toBeLessThan(256 * 1024);
    expect((await limited.results.load(report.sessionId)).handlers.map((h) => h.logOverflow?.dropped)).toEqual(
      report.handlers.map((h) => h.logOverflow?.dropped),
    );
    expect(peak - before).toBeLessThan(600 * 1024 * 1024);
  }, 240_000);

  it("stops keeping any handler's entries once the session's handlers together spent maxSessionLogBytes", async () => {
    const { SyncManager } = await import('@syncmgr/host');
    const limited = new SyncManager({ home: manager().home.root, limits: { maxSessionLogBytes: 0 } });
    await registerFixture(limited, 'logs-errors', { name: 'first' });
    await registerFixture(limited, 'logs-errors', { name: 'second' });
    const report = await limited.sync();
    expect(report.handlers.map((h) => h.logOverflow)).toEqual([
      { dropped: 3, limits: ['session-bytes'], truncated: 0 },
      { dropped: 3, limits: ['session-bytes'], truncated: 0 },
    ]);
    expect(report.handlers.every((h) => h.items.every((item) => item.status === 'succeeded'))).toBe(true);
  });
});

describe('the host dying', () => {
  let dir: string;
  let remove: () => Promise<void>;
  const marker = randomUUID();

  beforeAll(async () => {
    ({ dir, remove } = await tempDir());
    const home = path.join(dir, 'home');
    // Folders large enough that both samples are still working when the host dies.
    const big = path.join(dir, 'big');
    await mkdir(big);
    for (let i = 0; i < 200; i++) await writeFile(path.join(big, `f${i}.bin`), Buffer.alloc(512 * 1024, i));
    await writeFile(path.join(dir, 'fs.json'), JSON.stringify({ pairs: [{ name: 'Big', source: 'big', target: 'mirror' }] }));
    await writeFile(path.join(dir, 'tar.json'), JSON.stringify({ archiveDir: 'archives', folders: [{ name: 'Big', path: 'big' }] }));
    await mkdir(path.join(dir, 'archives'));
    const register = (clsid: string, name: string, command: string[]) => runCli(home, ['register', clsid, '--name', name, '--', ...command]);
    await register(SLOW, 'slow sdk', [process.execPath, fixture('slow-sdk-handler.js'), '--ticks', '100']);
    await register(randomUUID(), 'folder-sync', [process.execPath, folderSyncMain, '--config', path.join(dir, 'fs.json')]);
    await register(randomUUID(), 'tar-snapshot', ['python3', tarSnapshotMain, '--config', path.join(dir, 'tar.json')]);
    await register(randomUUID(), 'with a child', [process.execPath, fixture('sdk-handler-with-a-child.js')]);
    await register(randomUUID(), 'with a setsid grandchild', [process.execPath, fixture('sdk-handler-with-a-setsid-grandchild.js')]);
  }, 60_000);

  const SLOW = randomUUID();

  // Mid-sync: the slow handler has begun its first item (its log says so), so it has been
  // enumerated and named, and the two children and the setsid grandchild are running (each names
  // itself in its last argument); waited for, never guessed with a sleep.
  async function untilMidSync(): Promise<void> {
    const slowLog = path.join(dir, 'home', 'logs', `${SLOW}.log`);
    const synchronizing = () => existsSync(slowLog) && readFileSync(slowLog, 'utf8').includes('synchronizing one');
    const named = (name: string) => processesWithEnv('SYNCMGR_TEST_MARKER', marker).filter((p) => p.command.endsWith(` ${name}`)).length;
    const midSync = () => synchronizing() && named('child-of-a-handler') === 2 && named('setsid-grandchild') === 1;
    expect(await waitUntil(midSync, 20_000)).toBe(true);
  }

  afterAll(() => remove());

  function startSync(args: string[] = []) {
    return execa(process.execPath, [cliPath, '--home', path.join(dir, 'home'), 'sync', ...args], {
      reject: false,
      forceKillAfterDelay: false,
      env: { SYNCMGR_TEST_MARKER: marker },
    });
  }

  it.each(['SIGKILL', 'SIGHUP'] as const)(
    'leaves no handler, nor a child of one, nor a grandchild that called setsid, behind after %s to the host mid-sync: every one exits within 5 s',
    async (signal) => {
      const host = startSync();
      await untilMidSync();
      host.kill(signal);
      await host;
      const killedAt = Date.now();
      expect(await waitUntil(() => processesWithEnv('SYNCMGR_TEST_MARKER', marker).length === 0, 5_000)).toBe(true);
      expect(Date.now() - killedAt).toBeLessThan(5_000);
    },
    30_000,
  );

  it('stops gracefully on SIGTERM, exit 143: cancels, ends the handlers, prints and saves the partial report', async () => {
    const host = startSync(['--json']);
    await untilMidSync();
    host.kill('SIGTERM');
    const result = await host;
    expect({ exitCode: result.exitCode, signal: result.signal, stderr: String(result.stderr) }).toMatchObject({ exitCode: 143 });
    const report = JSON.parse(String(result.stdout)) as { sessionId: string; handlers: { name: string; ownName?: string; items: { status: string }[] }[] };
    const slow = report.handlers.find((h) => h.name === 'slow sdk')!;
    expect(slow.ownName).toBe('slow (SDK)');
    expect(slow.items.map((i) => i.status)).toEqual(['stopped', 'stopped']);
    const saved = await runCli(path.join(dir, 'home'), ['results', report.sessionId, '--json']);
    expect(JSON.parse(saved.stdout)).toEqual(report);
    expect(processesWithEnv('SYNCMGR_TEST_MARKER', marker)).toEqual([]);
  }, 30_000);

  it('`syncmgr doctor` names what keeps each entry from starting, without syncing', async () => {
    const { dir: home, remove: removeHome } = await tempDir();
    try {
      await runCli(home, ['register', randomUUID(), '--name', 'fine', '--', process.execPath, fixture('slow-sdk-handler.js')]);
      await runCli(home, ['register', randomUUID(), '--name', 'missing', '--', '/no/such/handler']);
      await runCli(home, ['register', randomUUID(), '--name', 'nocwd', '--cwd', '/no/such/dir', '--', 'true']);
      const run = await runCli(home, ['doctor']);
      expect(run.exitCode).toBe(1);
      expect(run.stdout).toMatch(/fine\n.*\n\s+✔ starts and answers the handshake/);
      expect(run.stdout).toMatch(/cannot start `\/no\/such\/handler`: \/no\/such\/handler does not exist/);
      expect(run.stdout).toMatch(/its working directory \/no\/such\/dir does not exist/);
      expect(run.stdout).toMatch(/^containment: process groups, the instance marker, and (cgroup v2 at |cgroup v1-(freezer|pids) at |no cgroup)/m);
    } finally {
      await removeHome();
    }
  }, 30_000);
});
