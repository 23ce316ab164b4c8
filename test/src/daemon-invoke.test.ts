// An application invokes the daemon over its real socket: the answer comes at once, the session runs
// in the daemon, and its report is listed and saved. A second daemon on the home is refused; bad
// frames and bad params are refused without taking the daemon down.
import { stat } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import {
  CancelSession,
  DaemonStatus,
  GetSessionReport,
  HResult,
  ListSessions,
  Subscribe,
  SyncMgrErrorCodes,
  TriggerConnect,
  UpdateItems,
  type SessionSummary,
} from '@syncmgr/protocol';
import { ResponseError } from 'vscode-jsonrpc/node';
import { connectClient, daemonPerTest, EventCollector, registerSlowHandler, spawnDaemon } from './support/daemon-process.js';

const { home, manager, daemon } = daemonPerTest();

async function refusal(promise: Promise<unknown>): Promise<number> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ResponseError);
  return (error as ResponseError<unknown>).code;
}

it('answers invoke/updateItems with its session before the session ends; the report is listed and saved', async () => {
  // Items that take minutes: the session is still running whatever the machine's load.
  const clsid = await registerSlowHandler(manager(), 100_000);
  const { connection } = await connectClient(daemon().socket);
  const events = new EventCollector(connection);
  await connection.sendRequest(Subscribe.type, {});
  const answer = await connection.sendRequest(UpdateItems.type, { invokeFlags: 0, clsid });
  expect(answer.hr).toBe(0);
  const sessionId = answer.sessionId ?? '';
  await events.next((e) => e.sessionId === sessionId && e.body.kind === 'itemProgress');
  const listed = (await connection.sendRequest(ListSessions.type, {})).sessions.find((s) => s.sessionId === sessionId);
  expect(listed).toMatchObject({ state: 'running', event: 'invoke', clsids: [clsid] });
  const live = await connection.sendRequest(GetSessionReport.type, { sessionId });
  expect(live.session.state).toBe('running');
  expect(live.items?.[0]?.handler.clsid).toBe(clsid);

  expect((await connection.sendRequest(CancelSession.type, { sessionId })).hr).toBe(0);
  await events.finished(sessionId);
  const final = await connection.sendRequest(GetSessionReport.type, { sessionId });
  expect(final.session.state).toBe('finished');
  expect(final.report?.handlers.map((h) => h.clsid)).toEqual([clsid]);
  expect((await manager().results.load(sessionId)).sessionId).toBe(sessionId);
  connection.dispose();
});

it('refuses a second daemon on the same home, naming the first one’s pid; the socket and its folder are owner-only', async () => {
  const second = spawnDaemon(home());
  const exit = await second.exited;
  expect(exit.code).toBe(2);
  expect(exit.stderr).toContain(`pid ${daemon().pid}`);
  expect((await stat(daemon().socket)).mode & 0o777).toBe(0o600);
  expect((await stat(path.dirname(daemon().socket))).mode & 0o777).toBe(0o700);
  const { connection } = await connectClient(daemon().socket);
  expect((await connection.sendRequest(DaemonStatus.type, {})).pid).toBe(daemon().pid);
  connection.dispose();
});

it.each([
  ['a header that is not one', 'Content-Length: many\r\n\r\n{}'],
  ['an oversized frame', 'Content-Length: 999999999\r\n\r\n{'],
  ['a body that is not JSON', 'Content-Length: 5\r\n\r\nhello'],
])('closes the connection that sends %s and stays up for the others', async (_what, bytes) => {
  const raw = net.connect(daemon().socket);
  await new Promise<void>((resolve) => raw.once('connect', resolve));
  const closed = new Promise<void>((resolve) => raw.once('close', () => resolve()));
  raw.on('error', () => undefined);
  raw.resume();
  raw.write(bytes);
  await closed;
  const { connection } = await connectClient(daemon().socket);
  expect((await connection.sendRequest(DaemonStatus.type, {})).pid).toBe(daemon().pid);
  connection.dispose();
});

it('refuses invalid params, unknown sessions and unknown methods with typed codes; a trigger with no handler for it answers S_FALSE', async () => {
  const { connection } = await connectClient(daemon().socket);
  expect(await refusal(connection.sendRequest(GetSessionReport.type, {} as never))).toBe(SyncMgrErrorCodes.InvalidParams);
  expect(await refusal(connection.sendRequest(UpdateItems.type, { invokeFlags: 0, clsid: 'not a guid' }))).toBe(SyncMgrErrorCodes.InvalidParams);
  expect(await refusal(connection.sendRequest(UpdateItems.type, { invokeFlags: 0, clsid: crypto.randomUUID() }))).toBe(SyncMgrErrorCodes.InvalidParams);
  expect(await refusal(connection.sendRequest(GetSessionReport.type, { sessionId: crypto.randomUUID() }))).toBe(SyncMgrErrorCodes.UnknownSession);
  expect(await refusal(connection.sendRequest('no/such/method', {}))).toBe(SyncMgrErrorCodes.MethodNotFound);
  expect(await connection.sendRequest(TriggerConnect.type, {})).toEqual({ hr: HResult.S_FALSE });
  const sessions: SessionSummary[] = (await connection.sendRequest(ListSessions.type, {})).sessions;
  expect(sessions).toEqual([]);
  connection.dispose();
});
