// What the SyncMgr dialog offered on handlers, through the real daemon: the registered handlers
// (handlers/list), the check that each starts (handlers/doctor), a handler's properties whose prompt a
// client answers (handlers/showProperties), the Choice dialog (choices/choose), and Stop on one handler
// of a session (sessions/cancelHandler).
import {
  AnswerPrompt,
  CancelHandler,
  ChooseItems,
  DoctorHandlers,
  HResult,
  ListHandlers,
  ShowHandlerProperties,
  Subscribe,
  SyncMgrErrorCodes,
  UpdateAll,
  type DaemonEvent,
} from '@syncmgr/protocol';
import { daemonPaths } from '@syncmgr/host/internal/daemon/daemon-paths.js';
import { Quarantine, QUARANTINE_FAILURES } from '@syncmgr/host/internal/daemon/quarantine.js';
import type { MessageConnection } from 'vscode-jsonrpc/node';
import { connectClient, EventCollector, registerSlowHandler, startDaemon, stopDaemon, type DaemonProcess } from './support/daemon-process.js';
import { fixtureItemId, fixtureRecords, registerFixture } from './support/fixtures.js';
import { managerPerTest } from './support/manager-per-test.js';

// Before managerPerTest's hooks, so that the daemon is gone before its home is removed.
let daemon: DaemonProcess | undefined;
let client: MessageConnection | undefined;
afterEach(async () => {
  client?.dispose();
  if (daemon) await stopDaemon(daemon);
  daemon = undefined;
  client = undefined;
});
const manager = managerPerTest();

async function connected() {
  daemon = await startDaemon(manager().home.root);
  const { connection } = await connectClient(daemon.socket);
  client = connection;
  const events = new EventCollector(connection);
  await connection.sendRequest(Subscribe.type, {});
  return { connection, events };
}

type Body<K extends DaemonEvent['body']['kind']> = Extract<DaemonEvent['body'], { kind: K }>;

it('lists the registered handlers with their command, events and variable names, never the values, and a quarantine', async () => {
  const clsid = crypto.randomUUID();
  const command = [process.execPath, 'handler.js'];
  await manager().registry.register({ clsid, name: 'mail', command, env: { MAIL_TOKEN: 'secret-value' }, events: ['idle'] });
  const quarantine = new Quarantine(daemonPaths(manager().home).quarantine);
  for (let n = 1; n <= QUARANTINE_FAILURES; n++) await quarantine.failed(clsid, 'mail', `failure ${n}`);
  const { connection } = await connected();
  const { handlers } = await connection.sendRequest(ListHandlers.type, {});
  expect(handlers).toEqual([
    {
      clsid,
      name: 'mail',
      command,
      envNames: ['MAIL_TOKEN'],
      events: ['idle'],
      registeredAt: expect.any(String),
      quarantine: { since: expect.any(String), reasons: Array.from({ length: QUARANTINE_FAILURES }, (_, n) => `failure ${n + 1}`) },
    },
  ]);
  expect(JSON.stringify(handlers)).not.toContain('secret-value');
});

it('checks one handler or all of them: the broken one fails with its fault, the good one succeeds', async () => {
  const good = await registerFixture(manager(), 'well-behaved');
  const broken = crypto.randomUUID();
  await manager().registry.register({ clsid: broken, name: 'missing', command: ['/nonexistent/handler'], events: [] });
  const { connection } = await connected();
  const one = await connection.sendRequest(DoctorHandlers.type, { clsid: good });
  expect(one.handlers.map((h) => [h.clsid, h.result])).toEqual([[good, 'succeeded']]);
  const all = await connection.sendRequest(DoctorHandlers.type, {});
  const byClsid = Object.fromEntries(all.handlers.map((h) => [h.clsid, { result: h.result, fault: h.fault?.kind }]));
  expect(byClsid).toEqual({ [good]: { result: 'succeeded', fault: undefined }, [broken]: { result: 'failed', fault: 'spawn-failed' } });
});

it("shows a handler's properties, whose prompt a subscribed client answers through prompts/answer", async () => {
  const clsid = await registerFixture(manager(), 'prompts-in-properties');
  const { connection, events } = await connected();
  const shown = connection.sendRequest(ShowHandlerProperties.type, { clsid });
  const asked = await events.next((e) => e.body.kind === 'prompt' && e.body.handler.clsid === clsid);
  const { promptId, handler } = asked.body as Body<'prompt'>;
  expect(asked.sessionId).toMatch(/^properties-/);
  expect(handler.sessionId).toBe(asked.sessionId);
  const answers = { folder: '/home/alice/mail' };
  expect(await connection.sendRequest(AnswerPrompt.type, { sessionId: asked.sessionId!, promptId, answers })).toEqual({ hr: HResult.S_OK });
  const result = await shown;
  expect(result).toMatchObject({ hr: HResult.S_OK, report: { clsid, result: 'succeeded' } });
  const prompted = (await fixtureRecords(manager(), clsid)).find((r) => 'callback' in r && r.callback === 'callback/prompt');
  expect(prompted).toEqual({ callback: 'callback/prompt', accepted: true, result: { hr: HResult.S_OK, answers } });
  // Over, its pseudo-session is unknown again.
  await expect(connection.sendRequest(AnswerPrompt.type, { sessionId: asked.sessionId!, promptId, answers })).rejects.toMatchObject({
    code: SyncMgrErrorCodes.UnknownSession,
  });
});

it('reads the choices of an event, stores a change and reads it back; an unknown item is InvalidParams', async () => {
  const clsid = await registerFixture(manager(), 'well-behaved', { items: 2 });
  const { connection } = await connected();
  const read = await connection.sendRequest(ChooseItems.type, { event: 'idle', clsid });
  expect(read).toMatchObject({ clsid, event: 'idle', result: 'succeeded' });
  expect(read.items.map((i) => [i.itemId, i.checked])).toEqual([
    [fixtureItemId(1), true],
    [fixtureItemId(2), true],
  ]);
  await connection.sendRequest(ChooseItems.type, { event: 'idle', clsid, changes: { [fixtureItemId(2)]: false } });
  const again = await connection.sendRequest(ChooseItems.type, { event: 'idle', clsid });
  expect(again.items.map((i) => [i.itemId, i.checked])).toEqual([
    [fixtureItemId(1), true],
    [fixtureItemId(2), false],
  ]);
  await expect(connection.sendRequest(ChooseItems.type, { event: 'idle', clsid, changes: { [fixtureItemId(9)]: true } })).rejects.toMatchObject({
    code: SyncMgrErrorCodes.InvalidParams,
  });
});

it('stops one handler of a session while the other finishes', async () => {
  const stopped = await registerSlowHandler(manager(), 600);
  const goesOn = await registerSlowHandler(manager(), 20);
  const { connection, events } = await connected();
  const { sessionId } = await connection.sendRequest(UpdateAll.type, {});
  const updating = (clsid: string) => (e: DaemonEvent) =>
    e.sessionId === sessionId && e.body.kind === 'itemProgress' && e.body.handler.clsid === clsid && e.body.item.status === 'updating';
  await Promise.all([events.next(updating(stopped)), events.next(updating(goesOn))]);
  const outsider = crypto.randomUUID();
  await expect(connection.sendRequest(CancelHandler.type, { sessionId: sessionId!, clsid: outsider })).rejects.toMatchObject({
    code: SyncMgrErrorCodes.InvalidParams,
  });
  await expect(connection.sendRequest(CancelHandler.type, { sessionId: crypto.randomUUID(), clsid: stopped })).rejects.toMatchObject({
    code: SyncMgrErrorCodes.UnknownSession,
  });
  expect(await connection.sendRequest(CancelHandler.type, { sessionId: sessionId!, clsid: stopped })).toEqual({ hr: HResult.S_OK });
  await events.finished(sessionId!);
  const report = (await manager().results.loadAll()).find((r) => r.sessionId === sessionId);
  const statuses = (clsid: string) => report!.handlers.find((h) => h.clsid === clsid)!.items.map((i) => i.status);
  expect(statuses(goesOn)).toEqual(['succeeded', 'succeeded']);
  expect(statuses(stopped)).toEqual(['stopped', 'stopped']);
});
