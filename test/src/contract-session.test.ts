import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { HResult, SyncMgrFlag } from '@syncmgr/protocol';
import { HostError, type Session } from '@syncmgr/host';
import { itemId, readJournal, registerContract } from './support/journal.js';
import { managerPerTest } from './support/manager-per-test.js';

// Skip, cancel, ShowError and retry, item choices and Initialize's flags, with real handler processes.
describe('the SyncMgr contract in a session', () => {
  const manager = managerPerTest();
  const journal = () => path.join(manager().home.root, 'journal.jsonl');

  /** Calls act once, when the handler reports the first progress of the given item. */
  function onFirstProgress(session: Session, item: string, act: () => unknown): void {
    let done = false;
    session.on('itemProgress', (_h, state) => {
      if (!done && state.itemId === item && state.status === 'updating') {
        done = true;
        void act();
      }
    });
  }

  it('skips an item inside the PrepareForSync window', async () => {
    const clsid = await registerContract(manager(), 'slow-prepare', journal(), { PREPARE_MS: '600' });
    const session = await manager().createSession();
    let skipped: Promise<void> | undefined;
    session.on('handlerPhase', (_h, phase) => phase === 'prepare' && (skipped = session.skip(clsid, itemId(2))));
    const report = await session.run();
    await skipped;
    expect(report.handlers[0]!.items.map((i) => i.status)).toEqual(['succeeded', 'skipped']);
    const lines = await readJournal(journal());
    const skip = lines.findIndex((l) => l.received === 'setItemStatus');
    const completed = lines.findIndex((l) => l.call === 'callback/prepareForSyncCompleted');
    expect(lines[skip]?.params).toEqual({ itemId: itemId(2), syncMgrStatus: 1 });
    expect(skip).toBeLessThan(completed);
  });

  it('skips an item inside the Synchronize window, and refuses a skip outside both windows', async () => {
    const clsid = await registerContract(manager(), 'slow', journal(), { BEHAVIOUR: 'slow' });
    const session = await manager().createSession();
    onFirstProgress(session, itemId(1), () => session.skip(clsid, itemId(1)));
    const report = await session.run();
    expect(report.handlers[0]!.items.map((i) => i.status)).toEqual(['skipped', 'succeeded']);
    await expect(session.skip(clsid, itemId(2))).rejects.toThrow(HostError);
    await expect(session.skip(clsid, itemId(2))).rejects.toMatchObject({ code: 'USAGE' });
  });

  it('stops one item with S_SYNCMGR_CANCELITEM through Progress, and the others go on', async () => {
    const clsid = await registerContract(manager(), 'slow', journal(), { BEHAVIOUR: 'slow' });
    const session = await manager().createSession();
    onFirstProgress(session, itemId(1), () => session.cancelItem(clsid, itemId(1)));
    const report = await session.run();
    expect(report.handlers[0]!.items.map((i) => i.status)).toEqual(['stopped', 'succeeded']);
    const verdicts = (await readJournal(journal())).filter((l) => l.call === 'callback/progress').map((l) => l.result?.hr);
    expect(verdicts).toContain(HResult.S_SYNCMGR_CANCELITEM);
  });

  it('stops every item with S_SYNCMGR_CANCELALL, and the handler still completes the phase', async () => {
    await registerContract(manager(), 'slow', journal(), { BEHAVIOUR: 'slow', ITEM_IDS: '1,2,3' });
    const session = await manager().createSession();
    onFirstProgress(session, itemId(1), () => session.cancel());
    const report = await session.run();
    expect(report.handlers[0]).toMatchObject({ result: 'succeeded' });
    expect(report.handlers[0]!.items.map((i) => i.status)).toEqual(['stopped', 'stopped', 'stopped']);
    const lines = await readJournal(journal());
    expect(lines.some((l) => l.result?.hr === HResult.S_SYNCMGR_CANCELALL)).toBe(true);
    expect(lines.some((l) => l.call === 'callback/synchronizeCompleted')).toBe(true);
  });

  it('ends a handler that ignores the cancel after the grace period, and its items say so', async () => {
    await registerContract(manager(), 'stubborn', journal(), { BEHAVIOUR: 'ignore-cancel' });
    await registerContract(manager(), 'polite', path.join(manager().home.root, 'polite.jsonl'), { BEHAVIOUR: 'slow' });
    const session = await manager().createSession({ cancelGraceSeconds: 1 });
    onFirstProgress(session, itemId(1), () => session.cancel());
    const report = await session.run();
    const stubborn = report.handlers.find((h) => h.name === 'stubborn')!;
    expect(stubborn.result).toBe('failed');
    expect(stubborn.fault).toMatchObject({ kind: 'cancel-ignored', phase: 'synchronize' });
    expect(stubborn.items.map((i) => i.status)).toEqual(['stopped', 'stopped']);
    expect(report.handlers.find((h) => h.name === 'polite')!.items.map((i) => i.status)).toEqual(['stopped', 'stopped']);
  });

  it('opens an actionable entry with ShowError and retries exactly the items ShowErrorCompleted returned', async () => {
    const clsid = await registerContract(manager(), 'actionable', journal(), { BEHAVIOUR: 'actionable', ITEM_IDS: '1,2,3' });
    const session = await manager().createSession({ holdForErrors: true });
    await session.run();
    const [entry] = session.actionableEntries();
    expect(entry).toMatchObject({ clsid, entry: { text: 'open me to retry item 2', errorId: '00000000-0000-4000-8000-0000000000e1' } });
    const retried = await session.showError(clsid, entry!.entry.errorId);
    expect(retried.handlers[0]!.items.map((i) => i.status)).toEqual(['succeeded', 'succeeded', 'succeeded']);
    const final = await session.close();
    const prepares = (await readJournal(journal())).filter((l) => l.received === 'prepareForSync').map((l) => l.params?.['itemIds']);
    expect(prepares).toEqual([[itemId(1), itemId(2), itemId(3)], [itemId(2)]]);
    expect((await readJournal(journal())).some((l) => l.received === 'showError')).toBe(true);
    expect(await manager().results.load(session.id)).toEqual(final);
  });

  it('keeps stored choices for items an S_SYNCMGR_MISSINGITEMS enumeration did not list, and forgets them after a complete one', async () => {
    const clsid = await registerContract(manager(), 'choices', journal(), { ITEM_IDS: '1,2,3' });
    await manager().chooseItems('idle', clsid, { [itemId(2)]: false });
    await manager().registry.register({ ...(await manager().registry.get(clsid)), events: ['idle'] });
    const synced = async (env: Record<string, string>) => {
      const entry = await manager().registry.get(clsid);
      await manager().registry.register({ ...entry, env: { ...entry.env, ...env } });
      const report = await manager().sync({ event: 'idle' });
      return report.handlers[0]!.items.map((i) => i.name);
    };
    expect(await synced({})).toEqual(['item 1', 'item 3']);
    expect(await synced({ ITEM_IDS: '1', MISSING: '1' })).toEqual(['item 1']);
    expect(await synced({ ITEM_IDS: '1,2,3', MISSING: '' })).toEqual(['item 1', 'item 3']);
    expect(await synced({ ITEM_IDS: '1,3' })).toEqual(['item 1', 'item 2']);
    expect(await synced({ ITEM_IDS: '1,2,3' })).toEqual(['item 1', 'item 2', 'item 3']);
    const manual = await manager().sync({ event: 'manual', handlers: [clsid] });
    expect(manual.handlers[0]!.items).toHaveLength(3);
  }, 30_000);

  it('leaves the choices file alone when a handler has no stored choice, and still settles one that has', async () => {
    const plain = await registerContract(manager(), 'plain', journal());
    await manager().sync({ handlers: [plain] });
    await expect(stat(manager().home.choices)).rejects.toMatchObject({ code: 'ENOENT' });

    const chosen = await registerContract(manager(), 'chosen', journal(), { ITEM_IDS: '1,2' });
    await manager().chooseItems('manual', chosen, { [itemId(1)]: false, [itemId(2)]: false });
    const entry = await manager().registry.get(chosen);
    await manager().registry.register({ ...entry, env: { ...entry.env, ITEM_IDS: '1' } });
    await manager().sync();
    // The complete listing no longer has item 2, so its choice was forgotten; plain still has none.
    expect(JSON.parse(await readFile(manager().home.choices, 'utf8')).events.manual).toEqual({ [chosen]: { [itemId(1)]: false } });
  });

  it('does not remember choices for TEMPORARY items', async () => {
    const clsid = await registerContract(manager(), 'temporary', journal(), { ITEM_IDS: '1,2', TEMP_IDS: '2' });
    await manager().chooseItems('manual', clsid, { [itemId(1)]: false, [itemId(2)]: false });
    const items = (await manager().sync({ handlers: [clsid] })).handlers[0]!.items.map((i) => i.name);
    expect(items).toEqual(['item 2']); // item 1's choice was kept; item 2 fell back to its dwItemState
  });

  it('passes the event, the modifiers and the invoke cookie to Initialize verbatim', async () => {
    const clsid = await registerContract(manager(), 'invoked', journal());
    const cookie = Buffer.from([0, 1, 2, 250, 251, 252, 10, 13]).toString('base64');
    await manager().updateItems(clsid, cookie);
    const [init] = (await readJournal(journal())).filter((l) => l.received === 'initialize');
    expect(init?.params).toEqual({ syncMgrFlags: SyncMgrFlag.SYNCMGRFLAG_INVOKE, cookie });
  });
});
