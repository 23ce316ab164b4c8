// An application steering a session it asked the real daemon for: answering a handler's prompt
// (prompts/answer), skipping the item that runs (sessions/skipItem), cancelling one not yet begun
// (sessions/cancelItem), and opening an actionable log entry, whose retry runs (log/showError).
import {
  AnswerPrompt,
  CancelItem,
  GetSessionReport,
  HResult,
  ShowError,
  ShowLogEntry,
  SkipItem,
  Subscribe,
  UpdateItems,
  type DaemonEvent,
} from '@syncmgr/protocol';
import { connectClient, EventCollector, registerSlowHandler, startDaemon, stopDaemon, type DaemonProcess } from './support/daemon-process.js';
import { fixtureRecords, registerFixture } from './support/fixtures.js';
import { managerPerTest } from './support/manager-per-test.js';

// Before managerPerTest's hooks, so that the daemon is gone before its home is removed.
let daemon: DaemonProcess | undefined;
afterEach(async () => {
  if (daemon) await stopDaemon(daemon);
  daemon = undefined;
});
const manager = managerPerTest();

async function invoked(clsid: string) {
  daemon = await startDaemon(manager().home.root);
  const { connection } = await connectClient(daemon.socket);
  const events = new EventCollector(connection);
  await connection.sendRequest(Subscribe.type, {});
  const { sessionId } = await connection.sendRequest(UpdateItems.type, { clsid, invokeFlags: 0 });
  return { connection, events, sessionId: sessionId! };
}

it('hands a prompt to the subscribed application and its answer to the handler', async () => {
  const clsid = await registerFixture(manager(), 'prompts-holding-the-token');
  const { connection, events, sessionId } = await invoked(clsid);
  const asked = await events.next((e) => e.sessionId === sessionId && e.body.kind === 'prompt');
  const promptId = (asked.body as Extract<DaemonEvent['body'], { kind: 'prompt' }>).promptId;
  const answers = { user: 'bob', password: 'hunter2' };
  expect(await connection.sendRequest(AnswerPrompt.type, { sessionId, promptId, answers })).toEqual({ hr: HResult.S_OK });
  await events.finished(sessionId);
  const prompted = (await fixtureRecords(manager(), clsid)).find((r) => 'callback' in r && r.callback === 'callback/prompt');
  expect(prompted).toEqual({ callback: 'callback/prompt', accepted: true, result: { hr: HResult.S_OK, answers } });
  connection.dispose();
});

it('skips the item that runs and cancels the one not yet begun', async () => {
  const clsid = await registerSlowHandler(manager(), 600);
  const { connection, events, sessionId } = await invoked(clsid);
  const running = await events.next((e) => e.sessionId === sessionId && e.body.kind === 'itemProgress' && e.body.item.status === 'updating');
  const first = (running.body as Extract<DaemonEvent['body'], { kind: 'itemProgress' }>).item;
  // The other item has not begun: its live state is in the session's report.
  const live = await connection.sendRequest(GetSessionReport.type, { sessionId });
  const second = live.items!.flatMap((h) => h.items).find((item) => item.itemId !== first.itemId)!;
  expect(second.status).toBe('pending');
  expect(await connection.sendRequest(CancelItem.type, { sessionId, clsid, itemId: second.itemId })).toEqual({ hr: HResult.S_OK });
  expect(await connection.sendRequest(SkipItem.type, { sessionId, clsid, itemId: first.itemId })).toEqual({ hr: HResult.S_OK });
  await events.finished(sessionId);
  const report = (await manager().results.loadAll()).find((r) => r.sessionId === sessionId);
  const statuses = Object.fromEntries(report!.handlers[0]!.items.map((i) => [i.itemId, i.status]));
  expect(statuses).toEqual({ [first.itemId]: 'skipped', [second.itemId]: 'stopped' });
  connection.dispose();
});

it('opens an actionable log entry of a finished session: ShowError, and the retry the handler asks for', async () => {
  const clsid = await registerFixture(manager(), 'retries-second-item-on-show-error', { items: 3 });
  const { connection, events, sessionId } = await invoked(clsid);
  await events.finished(sessionId);
  const { report } = await connection.sendRequest(GetSessionReport.type, { sessionId });
  const entry = report!.handlers[0]!.log.find((e) => e.actionable);
  const opened = await connection.sendRequest(ShowLogEntry.type, { sessionId, clsid, errorId: entry!.errorId! });
  expect(opened.hr).toBe(HResult.S_OK);
  expect(opened.report!.handlers[0]!.items.map((i) => i.status)).toEqual(['succeeded', 'succeeded', 'succeeded']);
  const shown = (await fixtureRecords(manager(), clsid)).filter((r) => 'received' in r && r.received === ShowError.method);
  expect(shown).toEqual([{ received: ShowError.method, params: { errorId: entry!.errorId } }]);
  connection.dispose();
});
