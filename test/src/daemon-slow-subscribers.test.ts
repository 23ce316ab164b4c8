// A subscriber that stops reading while a handler floods progress is dropped, and told so by the end
// of its connection: it must not be left waiting on a stream that will never send again. A client
// that keeps reading (DaemonClient, resuming after any drop of its own) sees the session to its end.
import { once } from 'node:events';
import { readFile } from 'node:fs/promises';
import { daemonPaths } from '@syncmgr/host/internal/daemon/daemon-paths.js';
import { DaemonClient } from '@syncmgr/host/internal/daemon-client/daemon-client.js';
import { DaemonStatus, EventNotification, Subscribe, UpdateItems, type DaemonEvent } from '@syncmgr/protocol';
import WebSocket from 'ws';
import { connectClient, EventCollector, startDaemon, stopDaemon, type DaemonProcess } from './support/daemon-process.js';
import { registerFixture } from './support/fixtures.js';
import { managerPerTest } from './support/manager-per-test.js';

// Before managerPerTest's hooks, so that the daemon is gone before its home is removed.
let daemon: DaemonProcess | undefined;
const closers: (() => void)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0)) close();
  if (daemon) await stopDaemon(daemon);
  daemon = undefined;
});
const manager = managerPerTest();

// Well past the 16 MiB the daemon holds for a reader that does not read: ~200 bytes an event, ~40 MB.
const UPDATES = 200_000;
const PATIENT = { hangTimeoutSeconds: 60, startTimeoutSeconds: 30 };
const FLOOD_TEST = 300_000;

/** The seq of each whole events/event frame in the bytes; a frame the drop cut short is not one. */
function eventSeqsIn(bytes: Buffer): number[] {
  const seqs: number[] = [];
  let at = 0;
  for (;;) {
    const headerEnd = bytes.indexOf('\r\n\r\n', at);
    const length = Number(/Content-Length: (\d+)/.exec(bytes.subarray(at, headerEnd).toString('ascii'))?.[1]);
    if (headerEnd < 0 || !(length >= 0) || headerEnd + 4 + length > bytes.length) return seqs;
    const message = JSON.parse(bytes.subarray(headerEnd + 4, headerEnd + 4 + length).toString('utf8')) as { method?: string; params?: DaemonEvent };
    if (message.method === EventNotification.method) seqs.push(message.params!.seq);
    at = headerEnd + 4 + length;
  }
}

/** Starts the flood; resolves with the session's finish as a reading client saw it. */
async function floodToItsEnd(socketPath: string): Promise<DaemonEvent> {
  const clsid = await registerFixture(manager(), 'floods-progress', { name: 'flood', items: 10, updates: UPDATES }, PATIENT);
  const watcher = (await DaemonClient.connect({ socket: socketPath }))!;
  closers.push(() => watcher.close());
  // On a loaded machine it may be dropped too: it resumes after the last event it saw.
  const events = new EventCollector();
  await watcher.subscribe(undefined, (event) => events.add(event));
  const { sessionId } = await watcher.request(UpdateItems, { clsid, invokeFlags: 0 });
  return events.finished(sessionId!);
}

it(
  'closes the Unix socket of a subscriber that stops reading, before the flood ends',
  async () => {
    daemon = await startDaemon(manager().home.root);
    const { connection, socket } = await connectClient(daemon.socket);
    closers.push(() => socket.destroy());
    // The bytes as they came: the connection handles its messages a turn at a time, after the close.
    const received: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => received.push(chunk));
    await connection.sendRequest(Subscribe.type, {});
    socket.pause();

    const finished = await floodToItsEnd(daemon.socket);
    // Without the drop, a socket resumed after the flood would not close: it would read to the end.
    const closed = once(socket, 'close');
    socket.resume();
    await closed;
    const seqs = eventSeqsIn(Buffer.concat(received));
    expect(seqs.length).toBeGreaterThan(0);
    expect(seqs.at(-1)!).toBeLessThan(finished.seq);
  },
  FLOOD_TEST,
);

it(
  'closes the WebSocket of a subscriber that stops reading, before the flood ends',
  async () => {
    daemon = await startDaemon(manager().home.root, ['--listen', '127.0.0.1:0']);
    const { connection } = await connectClient(daemon.socket);
    closers.push(() => connection.dispose());
    const { webSocket } = await connection.sendRequest(DaemonStatus.type, {});
    const token = (await readFile(daemonPaths(manager().home).token, 'utf8')).trim();
    const ws = new WebSocket(webSocket!, { headers: { Authorization: `Bearer ${token}` } });
    closers.push(() => ws.terminate());
    await once(ws, 'open');
    const seqs: number[] = [];
    ws.on('message', (data: Buffer) => {
      const message = JSON.parse(data.toString('utf8')) as { params?: DaemonEvent };
      if (message.params) seqs.push(message.params.seq);
    });
    const subscribed = once(ws, 'message');
    ws.send(JSON.stringify({ jsonrpc: '2.0', id: 1, method: Subscribe.method, params: {} }));
    await subscribed;
    ws.pause();

    const finished = await floodToItsEnd(daemon.socket);
    const closed = once(ws, 'close');
    ws.resume();
    await closed;
    expect(seqs.length).toBeGreaterThan(0);
    expect(seqs.at(-1)!).toBeLessThan(finished.seq);
  },
  FLOOD_TEST,
);
