// Sessions the daemon starts by itself, against a real daemon process: a per-second schedule, a
// schedule missed while the daemon was down (run once at the next start), the logoff session on
// SIGTERM, idle and its end, and a handler quarantined under triggers that `syncmgr reset` lifts.
import { readFile, writeFile } from 'node:fs/promises';
import { daemonPaths } from '@syncmgr/host/internal/daemon/daemon-paths.js';
import { ListSessions, Subscribe, type DaemonStatusResult, type SessionSummary } from '@syncmgr/protocol';
import { connectClient, EventCollector, registerSlowHandler, runDaemonCli, startDaemon, stopDaemon, type DaemonProcess } from './support/daemon-process.js';
import { fixtureCommand } from './support/fixtures.js';
import { managerPerTest } from './support/manager-per-test.js';

// Before managerPerTest's hooks, so that the daemon is gone before its home is removed.
let daemon: DaemonProcess | undefined;
afterEach(async () => {
  if (daemon) await stopDaemon(daemon);
  daemon = undefined;
});
const manager = managerPerTest();

async function followedDaemon() {
  daemon = await startDaemon(manager().home.root);
  const { connection } = await connectClient(daemon.socket);
  const events = new EventCollector(connection);
  await connection.sendRequest(Subscribe.type, { after: 0 });
  return { connection, events };
}

const cli = (...args: string[]) => runDaemonCli(manager().home.root, args);
const sessionsOf = async (connection: Awaited<ReturnType<typeof connectClient>>['connection'], event: string): Promise<SessionSummary[]> =>
  (await connection.sendRequest(ListSessions.type, {})).sessions.filter((s) => s.event === event);

it('runs a per-second schedule; `schedule list` shows its last run, and `schedule remove` ends it', async () => {
  const clsid = await registerSlowHandler(manager(), 1);
  const { events } = await followedDaemon();
  const added = await cli('schedule', 'add', '--cron', '* * * * * *', '--handler', clsid, '--json');
  expect(added.exitCode).toBe(0);
  const started = await events.next((e) => e.body.kind === 'sessionStarted' && e.body.session.event === 'scheduled');
  await events.finished(started.sessionId!);
  const schedule = JSON.parse(added.stdout) as { scheduleId: string };
  const [shown] = JSON.parse((await cli('schedule', 'list', '--json')).stdout) as { scheduleId: string; lastRun?: string }[];
  expect(shown).toMatchObject({ scheduleId: schedule.scheduleId, lastRun: expect.any(String) });
  expect((await cli('schedule', 'remove', schedule.scheduleId)).exitCode).toBe(0);
  const listed = await cli('schedule', 'list', '--json');
  expect(JSON.parse(listed.stdout)).toEqual([]);
});

it('runs a schedule missed while the daemon was down once at the next start, and not again after that', async () => {
  const clsid = await registerSlowHandler(manager(), 1);
  await followedDaemon();
  // Every 1 January at midnight: it fires again only next year, so any run now is the missed one.
  expect((await cli('schedule', 'add', '--cron', '0 0 1 1 *', '--handler', clsid)).exitCode).toBe(0);
  await stopDaemon(daemon!);
  // As if the daemon had been down since before the last 1 January.
  const file = daemonPaths(manager().home).schedules;
  const stored = JSON.parse(await readFile(file, 'utf8')) as { schedules: { createdAt: string }[] };
  for (const schedule of stored.schedules) schedule.createdAt = `${new Date().getFullYear() - 1}-06-01T00:00:00.000Z`;
  await writeFile(file, JSON.stringify(stored));

  const { connection, events } = await followedDaemon();
  const started = await events.next((e) => e.body.kind === 'sessionStarted' && e.body.session.event === 'scheduled');
  await events.finished(started.sessionId!);
  await stopDaemon(daemon!);
  const again = await followedDaemon();
  expect(await sessionsOf(again.connection, 'scheduled')).toHaveLength(1);
  connection.dispose();
});

it('on SIGTERM runs the pendingdisconnect session of the handlers registered for it, then exits 0', async () => {
  await registerSlowHandler(manager(), 2, ['pendingdisconnect']);
  await followedDaemon();
  daemon!.child.kill('SIGTERM');
  const { code } = await daemon!.exited;
  daemon = undefined;
  expect(code).toBe(0);
  const reports = await manager().results.loadAll();
  expect(reports.filter((r) => r.event === 'pendingdisconnect').map((r) => r.handlers.map((h) => h.result))).toEqual([['succeeded']]);
});

it('`trigger idle` starts the idle session; `trigger idle --end` cancels it, as SyncMgr stopped when the user came back', async () => {
  await registerSlowHandler(manager(), 600, ['idle']);
  const { events } = await followedDaemon();
  const started = await cli('trigger', 'idle', '--json');
  const { sessionId } = JSON.parse(started.stdout) as { sessionId: string };
  await events.next((e) => e.sessionId === sessionId && e.body.kind === 'itemProgress');
  expect((await cli('trigger', 'idle', '--end')).exitCode).toBe(0);
  const finished = await events.finished(sessionId);
  expect(finished.body.kind === 'sessionFinished' && finished.body.session.succeeded).toBe(false);
  const report = (await manager().results.loadAll()).find((r) => r.sessionId === sessionId);
  expect(report?.handlers[0]?.items.map((i) => i.status)).toEqual(['stopped', 'stopped']);
});

it('quarantines a handler whose triggered sessions failed 5 times; triggers skip it and `syncmgr reset` lifts it', async () => {
  const clsid = crypto.randomUUID();
  const command = fixtureCommand('exits-with-code-3', { in: 'prepare' });
  await manager().registry.register({ clsid, name: 'fails', command, events: ['idle'], hangTimeoutSeconds: 5, startTimeoutSeconds: 10 });
  const { events } = await followedDaemon();
  for (let failure = 0; failure < 5; failure++) {
    const { sessionId } = JSON.parse((await cli('trigger', 'idle', '--json')).stdout) as { sessionId: string };
    await events.finished(sessionId);
  }
  const status = JSON.parse((await cli('status', '--json')).stdout) as DaemonStatusResult;
  expect(status.quarantined.map((q) => [q.clsid, q.reasons.length])).toEqual([[clsid, 5]]);
  expect(JSON.parse((await cli('trigger', 'idle', '--json')).stdout)).toEqual({ hr: 1 }); // S_FALSE: nobody takes part
  expect((await cli('reset', clsid)).exitCode).toBe(0);
  expect((JSON.parse((await cli('status', '--json')).stdout) as DaemonStatusResult).quarantined).toEqual([]);
});
