// Sessions as jobs in a real daemon: concurrent invocations are neither lost nor run twice at once
// for a handler, and an event client that reconnects resumes without a gap.
import { Subscribe, UpdateAll, UpdateItems, type DaemonEvent } from '@syncmgr/protocol';
import { connectClient, daemonPerTest, EventCollector, registerSlowHandler } from './support/daemon-process.js';

const { manager, daemon } = daemonPerTest();

it('runs 20 concurrent invocations for the same handlers: every session finishes, never two at once for one handler', async () => {
  const first = await registerSlowHandler(manager(), 1);
  const second = await registerSlowHandler(manager(), 1);
  const { connection } = await connectClient(daemon().socket);
  const events = new EventCollector(connection);
  await connection.sendRequest(Subscribe.type, {});
  const answers = await Promise.all(
    Array.from({ length: 20 }, (_, n) => {
      if (n % 4 === 3) return connection.sendRequest(UpdateAll.type, {});
      // Distinct cookies: invocations that cannot be merged, so they queue.
      return connection.sendRequest(UpdateItems.type, { invokeFlags: 0, clsid: n % 2 === 0 ? first : second, cookie: btoa(`n${n}`) });
    }),
  );
  const sessionIds = new Set(answers.map((a) => a.sessionId ?? ''));
  await Promise.all([...sessionIds].map((id) => events.finished(id)));

  const running = new Map<string, number>();
  let most = 0;
  for (const event of events.events) {
    if (event.body.kind !== 'sessionStarted' && event.body.kind !== 'sessionFinished') continue;
    const step = event.body.kind === 'sessionStarted' ? 1 : -1;
    for (const clsid of event.body.session.clsids) {
      running.set(clsid, (running.get(clsid) ?? 0) + step);
      most = Math.max(most, running.get(clsid) ?? 0);
    }
  }
  expect(most).toBe(1);
  const finished = events.events.filter((e) => e.body.kind === 'sessionFinished').map((e) => e.sessionId);
  expect(new Set(finished)).toEqual(sessionIds);
  expect(finished).toHaveLength(sessionIds.size); // each once
  connection.dispose();
});

it('gives a client that reconnects with after = the last event it saw every later event once, in order', async () => {
  const clsid = await registerSlowHandler(manager(), 5);
  const watcher = await connectClient(daemon().socket);
  const all = new EventCollector(watcher.connection);
  await watcher.connection.sendRequest(Subscribe.type, {});

  const leaving = await connectClient(daemon().socket);
  const before = new EventCollector(leaving.connection);
  await leaving.connection.sendRequest(Subscribe.type, {});
  const { sessionId = '' } = await leaving.connection.sendRequest(UpdateItems.type, { invokeFlags: 0, clsid });
  const lastSeen = (await before.next((e) => e.body.kind === 'itemProgress')).seq;
  leaving.connection.dispose();
  leaving.socket.destroy();
  // Events happen while it is away: the watcher sees a few more first.
  await all.next((e) => e.seq >= lastSeen + 3);

  const back = await connectClient(daemon().socket);
  const after = new EventCollector(back.connection);
  const resumed = await back.connection.sendRequest(Subscribe.type, { after: lastSeen });
  expect(resumed.complete).toBe(true);
  const end = await after.finished(sessionId);
  await all.finished(sessionId);
  const seqs = after.events.filter((e) => e.seq <= end.seq).map((e: DaemonEvent) => e.seq);
  expect(seqs).toEqual(Array.from({ length: end.seq - lastSeen }, (_, i) => lastSeen + 1 + i));
  expect(after.events.filter((e) => e.seq <= end.seq)).toEqual(all.events.filter((e) => e.seq > lastSeen && e.seq <= end.seq));
  back.connection.dispose();
  watcher.connection.dispose();
});
