import { readFile, stat } from 'node:fs/promises';
import {
  HResult,
  Initialize,
  PrepareForSync,
  PrepareForSyncCompleted,
  Progress,
  SetItemStatus,
  ShowError,
  SynchronizeCompleted,
  SyncMgrFlag,
  SyncMgrStatus,
} from '@syncmgr/protocol';
import { DEFAULT_START_TIMEOUT_SECONDS, HostError, type Session } from '@syncmgr/host';
import { answersTo, paramsReceived } from './support/fixture-record.js';
import { fixtureCommand, fixtureItemId as itemId, fixtureRecords, registerFixture, type FixtureArgs, type Timeouts } from './support/fixtures.js';
import { managerPerTest } from './support/manager-per-test.js';

// Long enough for a loaded machine: these handlers are well behaved, and a hang would be the host's fault.
const PATIENT: Timeouts = { hangTimeoutSeconds: 5, startTimeoutSeconds: DEFAULT_START_TIMEOUT_SECONDS };

// Skip, cancel, ShowError and retry, item choices and Initialize's flags, with real handler processes.
describe('the SyncMgr contract in a session', () => {
  const manager = managerPerTest();
  const register = (fixture: string, args: FixtureArgs = {}) => registerFixture(manager(), fixture, args, PATIENT);
  const records = (clsid: string) => fixtureRecords(manager(), clsid);

  /** Calls act once, when each of these handlers (by default: any one) has reported progress on the given item. */
  function onFirstProgress(session: Session, item: string, act: () => unknown, handlers: string[] = []): void {
    const waiting = new Set(handlers);
    let done = false;
    session.on('itemProgress', (handler, state) => {
      if (done || state.itemId !== item || state.status !== 'updating') return;
      waiting.delete(handler.clsid);
      if (waiting.size > 0) return;
      done = true;
      void act();
    });
  }

  it('skips an item inside the PrepareForSync window', async () => {
    const clsid = await register('completes-prepare-after-a-skip');
    const session = await manager().createSession();
    let skipped: Promise<void> | undefined;
    session.on('handlerPhase', (_h, phase) => {
      if (phase === 'prepare') skipped = session.skip(clsid, itemId(2));
    });
    const report = await session.run();
    await skipped;
    expect(report.handlers[0]!.items.map((i) => i.status)).toEqual(['succeeded', 'skipped']);
    const lines = await records(clsid);
    const skip = lines.findIndex((l) => 'received' in l && l.received === SetItemStatus.method);
    const completed = lines.findIndex((l) => 'callback' in l && l.callback === PrepareForSyncCompleted.method);
    expect(paramsReceived(lines, SetItemStatus.method)).toEqual([{ itemId: itemId(2), syncMgrStatus: SyncMgrStatus.SYNCMGRSTATUS_SKIPPED }]);
    expect(skip).toBeGreaterThanOrEqual(0);
    expect(skip).toBeLessThan(completed);
  });

  it('skips an item inside the Synchronize window, and refuses a skip outside both windows', async () => {
    const clsid = await register('works-on-first-item-until-skipped-or-stopped');
    const session = await manager().createSession();
    onFirstProgress(session, itemId(1), () => session.skip(clsid, itemId(1)));
    const report = await session.run();
    expect(report.handlers[0]!.items.map((i) => i.status)).toEqual(['skipped', 'succeeded']);
    await expect(session.skip(clsid, itemId(2))).rejects.toThrow(HostError);
    await expect(session.skip(clsid, itemId(2))).rejects.toMatchObject({ code: 'USAGE' });
  });

  it('stops one item with S_SYNCMGR_CANCELITEM through Progress, and the others go on', async () => {
    const clsid = await register('works-on-first-item-until-skipped-or-stopped');
    const session = await manager().createSession();
    onFirstProgress(session, itemId(1), () => session.cancelItem(clsid, itemId(1)));
    const report = await session.run();
    expect(report.handlers[0]!.items.map((i) => i.status)).toEqual(['stopped', 'succeeded']);
    const verdicts = answersTo(await records(clsid), Progress.method).map((answer) => (answer as { hr: number }).hr);
    expect(verdicts).toContain(HResult.S_SYNCMGR_CANCELITEM);
  });

  it('stops every item with S_SYNCMGR_CANCELALL, and the handler still completes the phase', async () => {
    const clsid = await register('works-on-first-item-until-skipped-or-stopped', { items: 3 });
    const session = await manager().createSession();
    onFirstProgress(session, itemId(1), () => session.cancel());
    const report = await session.run();
    expect(report.handlers[0]).toMatchObject({ result: 'succeeded' });
    expect(report.handlers[0]!.items.map((i) => i.status)).toEqual(['stopped', 'stopped', 'stopped']);
    const lines = await records(clsid);
    expect(answersTo(lines, Progress.method)).toContainEqual({ hr: HResult.S_SYNCMGR_CANCELALL });
    expect(answersTo(lines, SynchronizeCompleted.method)).toHaveLength(1);
  });

  it('ends a handler that ignores the cancel after the grace period, and its items say so', async () => {
    const stubbornClsid = await register('ignores-cancel', { name: 'stubborn' });
    const politeClsid = await register('works-on-first-item-until-skipped-or-stopped', { name: 'polite' });
    const session = await manager().createSession({ cancelGraceSeconds: 1 });
    // Both must be in Synchronize when the cancel comes: one cancelled while still preparing never syncs at all.
    onFirstProgress(session, itemId(1), () => session.cancel(), [stubbornClsid, politeClsid]);
    const report = await session.run();
    const stubborn = report.handlers.find((h) => h.name === 'stubborn')!;
    expect(stubborn.result).toBe('failed');
    expect(stubborn.fault).toMatchObject({ kind: 'cancel-ignored', phase: 'synchronize' });
    expect(stubborn.items.map((i) => i.status)).toEqual(['stopped', 'stopped']);
    expect(report.handlers.find((h) => h.name === 'polite')!.items.map((i) => i.status)).toEqual(['stopped', 'stopped']);
  });

  it('opens an actionable entry with ShowError and retries exactly the items ShowErrorCompleted returned', async () => {
    const clsid = await register('retries-second-item-on-show-error', { items: 3 });
    const session = await manager().createSession({ holdForErrors: true });
    await session.run();
    const [entry] = session.actionableEntries();
    expect(entry).toMatchObject({ clsid, entry: { text: 'open me to retry item 2', errorId: '00000000-0000-4000-8000-0000000000e1' } });
    const retried = await session.showError(clsid, entry!.entry.errorId);
    expect(retried.handlers[0]!.items.map((i) => i.status)).toEqual(['succeeded', 'succeeded', 'succeeded']);
    const final = await session.close();
    const lines = await records(clsid);
    const prepares = paramsReceived(lines, PrepareForSync.method).map((params) => (params as { itemIds: string[] }).itemIds);
    expect(prepares).toEqual([[itemId(1), itemId(2), itemId(3)], [itemId(2)]]);
    expect(paramsReceived(lines, ShowError.method)).toEqual([{ errorId: entry!.entry.errorId }]);
    expect(await manager().results.load(session.id)).toEqual(final);
  });

  it('keeps stored choices for items an S_SYNCMGR_MISSINGITEMS enumeration did not list, and forgets them after a complete one', async () => {
    const clsid = await register('well-behaved', { items: 3, name: 'choices' });
    await manager().chooseItems('idle', clsid, { [itemId(2)]: false });
    await manager().registry.register({ ...(await manager().registry.get(clsid)), events: ['idle'] });
    const synced = async (fixture: string, args: FixtureArgs) => {
      const entry = await manager().registry.get(clsid);
      await manager().registry.register({ ...entry, command: fixtureCommand(fixture, { ...args, name: 'choices' }) });
      const report = await manager().sync({ event: 'idle' });
      return report.handlers[0]!.items.map((i) => i.name);
    };
    expect(await synced('well-behaved', { items: 3 })).toEqual(['item 1', 'item 3']);
    expect(await synced('says-items-are-missing', { items: 1 })).toEqual(['item 1']);
    expect(await synced('well-behaved', { items: 3 })).toEqual(['item 1', 'item 3']);
    expect(await synced('well-behaved', { items: 1 })).toEqual(['item 1']);
    expect(await synced('well-behaved', { items: 3 })).toEqual(['item 1', 'item 2', 'item 3']);
    const manual = await manager().sync({ event: 'manual', handlers: [clsid] });
    expect(manual.handlers[0]!.items).toHaveLength(3);
  }, 30_000);

  it('leaves the choices file alone when a handler has no stored choice, and still settles one that has', async () => {
    const plain = await register('well-behaved', { name: 'plain' });
    await manager().sync({ handlers: [plain] });
    await expect(stat(manager().home.choices)).rejects.toMatchObject({ code: 'ENOENT' });

    const chosen = await register('well-behaved', { items: 2, name: 'chosen' });
    await manager().chooseItems('manual', chosen, { [itemId(1)]: false, [itemId(2)]: false });
    const entry = await manager().registry.get(chosen);
    await manager().registry.register({ ...entry, command: fixtureCommand('well-behaved', { items: 1, name: 'chosen' }) });
    await manager().sync();
    // The complete listing no longer has item 2, so its choice was forgotten; plain still has none.
    expect((JSON.parse(await readFile(manager().home.choices, 'utf8')) as { events: Record<string, unknown> }).events['manual']).toEqual({
      [chosen]: { [itemId(1)]: false },
    });
  });

  it('does not remember choices for TEMPORARY items', async () => {
    const clsid = await register('lists-second-item-temporary', { items: 2 });
    await manager().chooseItems('manual', clsid, { [itemId(1)]: false, [itemId(2)]: false });
    const items = (await manager().sync({ handlers: [clsid] })).handlers[0]!.items.map((i) => i.name);
    expect(items).toEqual(['item 2']); // item 1's choice was kept; item 2 fell back to its dwItemState
  });

  it('passes the event, the modifiers and the invoke cookie to Initialize verbatim', async () => {
    const clsid = await register('records-initialize');
    const cookie = Buffer.from([0, 1, 2, 250, 251, 252, 10, 13]).toString('base64');
    await manager().updateItems(clsid, cookie);
    const [init] = paramsReceived(await records(clsid), Initialize.method);
    expect(init).toEqual({ syncMgrFlags: SyncMgrFlag.SYNCMGRFLAG_INVOKE, cookie });
  });
});
