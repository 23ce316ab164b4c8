// A real daemon with --listen (its WebSocket, for the dashboard), and `syncmgr sync` going through it.
import { readFile, stat } from 'node:fs/promises';
import { daemonPaths } from '@syncmgr/host/internal/daemon/daemon-paths.js';
import { DaemonStatus, ListSessions } from '@syncmgr/protocol';
import WebSocket from 'ws';
import { connectClient, registerSlowHandler, runDaemonCli, startDaemon, stopDaemon, type DaemonProcess } from './support/daemon-process.js';
import { managerPerTest } from './support/manager-per-test.js';

// Before managerPerTest's hooks, so that the daemon is gone before its home is removed.
let daemon: DaemonProcess | undefined;
afterEach(async () => {
  if (daemon) await stopDaemon(daemon);
  daemon = undefined;
});
const manager = managerPerTest();

/** The HTTP status of the answer to an upgrade (101 when accepted), and the socket when it was. */
function upgrade(url: string, headers: Record<string, string>): Promise<{ status: number; ws?: WebSocket }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers });
    ws.once('unexpected-response', (_request, response) => resolve({ status: response.statusCode ?? 0 }));
    ws.once('open', () => resolve({ status: 101, ws }));
    ws.once('error', reject);
  });
}

it('serves the API over a token-protected WebSocket on loopback, refusing no token, a wrong one and a foreign Origin', async () => {
  daemon = await startDaemon(manager().home.root, ['--listen', '127.0.0.1:0']);
  const { connection } = await connectClient(daemon.socket);
  const { webSocket } = await connection.sendRequest(DaemonStatus.type, {});
  const url = new URL(webSocket!);
  expect(url.hostname).toBe('127.0.0.1');
  const tokenFile = daemonPaths(manager().home).token;
  expect((await stat(tokenFile)).mode & 0o777).toBe(0o600);
  const token = (await readFile(tokenFile, 'utf8')).trim();
  const host = { Host: url.host };

  expect((await upgrade(url.href, host)).status).toBe(401);
  expect((await upgrade(url.href, { ...host, Authorization: `Bearer ${token.slice(1)}x` })).status).toBe(401);
  expect((await upgrade(url.href, { ...host, Authorization: `Bearer ${token}`, Origin: 'http://evil.example' })).status).toBe(403);
  expect((await upgrade(url.href, { Host: `evil.example:${url.port}`, Authorization: `Bearer ${token}` })).status).toBe(403);

  const { status, ws } = await upgrade(url.href, { ...host, Authorization: `Bearer ${token}` });
  expect(status).toBe(101);
  const answer = new Promise<{ result: { pid: number } }>((resolve) =>
    ws!.once('message', (data: Buffer) => resolve(JSON.parse(data.toString('utf8')) as { result: { pid: number } })),
  );
  ws!.send(JSON.stringify({ jsonrpc: '2.0', id: 1, method: DaemonStatus.method, params: {} }));
  expect((await answer).result.pid).toBe(daemon.pid);
  ws!.close();
  connection.dispose();
});

it('`syncmgr sync` goes through the running daemon, and the session is the daemon’s', async () => {
  await registerSlowHandler(manager(), 1);
  daemon = await startDaemon(manager().home.root);
  const run = await runDaemonCli(manager().home.root, ['sync', '--json']);
  expect(run.exitCode).toBe(0);
  const report = JSON.parse(run.stdout) as { sessionId: string; handlers: { items: { status: string }[] }[] };
  expect(report.handlers[0]?.items.map((i) => i.status)).toEqual(['succeeded', 'succeeded']);
  const { connection } = await connectClient(daemon.socket);
  const { sessions } = await connection.sendRequest(ListSessions.type, {});
  expect(sessions.map((s) => [s.sessionId, s.state])).toContainEqual([report.sessionId, 'finished']);
  connection.dispose();
});

it('`syncmgr sync --handler H --item ID` through the daemon synchronizes that item alone', async () => {
  const clsid = await registerSlowHandler(manager(), 1);
  daemon = await startDaemon(manager().home.root);
  const all = JSON.parse((await runDaemonCli(manager().home.root, ['sync', '--json'])).stdout) as { handlers: { items: { itemId: string }[] }[] };
  const [first] = all.handlers[0]!.items;
  const run = await runDaemonCli(manager().home.root, ['sync', '--handler', clsid, '--item', first!.itemId, '--json']);
  expect(run.exitCode).toBe(0);
  const report = JSON.parse(run.stdout) as { event: string; handlers: { items: { itemId: string; status: string }[] }[] };
  expect(report.event).toBe('invoke');
  expect(report.handlers[0]!.items).toEqual([expect.objectContaining({ itemId: first!.itemId, status: 'succeeded' })]);
});
