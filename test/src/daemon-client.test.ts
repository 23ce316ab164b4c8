// DaemonClient against a stand-in daemon: typed requests, and an event stream that survives a drop.
import path from 'node:path';
import { ListSessions, type DaemonEvent } from '@syncmgr/protocol';
import { DaemonClient, type StreamChange } from '@syncmgr/host/internal/daemon-client/daemon-client.js';
import { DaemonStandIn, sessionSummary } from './support/daemon-stand-in.js';
import { tempDir } from './support/temp-dir.js';

let dir: string;
let removeDir: () => Promise<void>;

beforeEach(async () => {
  ({ dir, remove: removeDir } = await tempDir());
});
afterEach(() => removeDir());

const phase = (n: number) => ({ kind: 'warning' as const, text: `event ${n}` });

/** Subscribes the client; keeps what it saw (as `show` puts it) and the stream's changes; seenCount(n) waits for n. */
async function follow<T>(client: DaemonClient, show: (event: DaemonEvent) => T) {
  const seen: T[] = [];
  const changes: StreamChange[] = [];
  let wanted = { count: 0, resolve: () => {} };
  const onEvent = (event: DaemonEvent) => {
    seen.push(show(event));
    if (seen.length >= wanted.count) wanted.resolve();
  };
  await client.subscribe(undefined, onEvent, { onChange: (change) => changes.push(change), retryDelayMs: 10 });
  const seenCount = (count: number) => new Promise<void>((resolve) => ((wanted = { count, resolve }), seen.length >= count && resolve()));
  return { seen, changes, seenCount };
}

describe('DaemonClient', () => {
  it('answers undefined when no daemon listens', async () => {
    expect(await DaemonClient.connect({ socket: path.join(dir, 'none.sock') })).toBeUndefined();
  });

  it('sends typed requests', async () => {
    const standIn = new DaemonStandIn(path.join(dir, 'run', 'daemon.sock'));
    standIn.sessions.push(sessionSummary('s1', 'running'));
    await standIn.listen();
    const client = (await DaemonClient.connect({ socket: standIn.socketPath }))!;
    expect((await client.request(ListSessions, {})).sessions.map((s) => s.sessionId)).toEqual(['s1']);
    client.close();
    await standIn.close();
  });

  it('resumes an event stream after the daemon drops it, missing and repeating nothing', async () => {
    const standIn = new DaemonStandIn(path.join(dir, 'run', 'daemon.sock'));
    await standIn.listen();
    standIn.emit(phase(0)); // before the subscription: not asked for
    const client = (await DaemonClient.connect({ socket: standIn.socketPath }))!;
    const { seen, changes, seenCount } = await follow(client, (event) => event);
    await standIn.subscribedTimes(1);
    for (let n = 1; n <= 3; n++) standIn.emit(phase(n));
    await seenCount(3);
    standIn.dropClients();
    // Emitted while the client is away: it must get them on resuming, after the last it saw.
    for (let n = 4; n <= 6; n++) standIn.emit(phase(n));
    await standIn.subscribedTimes(2);
    for (let n = 7; n <= 8; n++) standIn.emit(phase(n));
    await seenCount(8);
    expect(seen.map((e) => e.seq)).toEqual([2, 3, 4, 5, 6, 7, 8, 9]);
    expect(changes).toEqual(['disconnected', 'resumed']);
    client.close();
    await standIn.close();
  });

  it('goes on with a new daemon run after a restart, from its first event', async () => {
    const socketPath = path.join(dir, 'run', 'daemon.sock');
    const first = new DaemonStandIn(socketPath, '2026-01-01T00:00:00.000Z');
    await first.listen();
    const client = (await DaemonClient.connect({ socket: socketPath }))!;
    const { seen, changes, seenCount } = await follow(client, (event) => `${event.seq}:${event.body.kind === 'warning' ? event.body.text : ''}`);
    await first.subscribedTimes(1);
    for (let n = 1; n <= 3; n++) first.emit(phase(n));
    await seenCount(3);
    await first.close();
    // The next run numbers from 1 again; what it did before the client came back is not lost.
    const second = new DaemonStandIn(socketPath, '2026-01-01T00:01:00.000Z');
    second.emit(phase(10));
    await second.listen();
    await second.subscribedTimes(1);
    second.emit(phase(11));
    await seenCount(5);
    expect(seen).toEqual(['1:event 1', '2:event 2', '3:event 3', '1:event 10', '2:event 11']);
    expect(changes).toEqual(['disconnected', 'restarted']);
    client.close();
    await second.close();
  });
});
