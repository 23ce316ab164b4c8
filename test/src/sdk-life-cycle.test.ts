// The SDK follows the handler life cycle declared in protocol/src/life-cycle.ts: it refuses host
// requests out of phase, and sends no callback the host would not take in the current phase.
import { once } from 'node:events';
import * as p from '@syncmgr/protocol';
import type { SyncHandler } from '@syncmgr/handler-sdk';
import { deferred } from './support/deferred.js';
import { InMemoryHost } from './support/in-memory-host.js';

const ITEM = '00000000-0000-4000-8000-000000000001';
const ENTRY = '00000000-0000-4000-8000-0000000000e1';

const baseHandler: SyncHandler = {
  handlerInfo: { handlerName: 'life cycle' },
  enumItems: () => [{ itemId: ITEM, itemName: 'one' }],
  synchronizeItem: () => ({ text: 'done' }),
};

describe('the SDK life cycle', () => {
  let host: InMemoryHost;
  const start = (handler: Partial<SyncHandler>) => (host = new InMemoryHost({ ...baseHandler, ...handler }));
  const request = <P, R>(descriptor: p.MethodDescriptor<P, R>, params: P) => host.request(descriptor, params);

  afterEach(() => host.close());

  async function synchronizeOnce(): Promise<void> {
    await host.openUntilReady();
    expect(await request(p.PrepareForSync, { itemIds: [ITEM] })).toEqual({ hr: p.HResult.S_OK });
    expect(await host.next(p.PrepareForSyncCompleted)).toEqual({ hr: p.HResult.S_OK });
    expect(await request(p.Synchronize, {})).toEqual({ hr: p.HResult.S_OK });
    expect(await host.next(p.SynchronizeCompleted)).toEqual({ hr: p.HResult.S_OK });
  }

  it('refuses every request before the handshake with NotHandshaken, then takes the handshake', async () => {
    start({});
    await expect(request(p.Initialize, { syncMgrFlags: p.SyncMgrFlag.SYNCMGRFLAG_MANUAL })).rejects.toMatchObject({ code: p.SyncMgrErrorCodes.NotHandshaken });
    await expect(request(p.EnumSyncMgrItems, {})).rejects.toMatchObject({ code: p.SyncMgrErrorCodes.NotHandshaken });
    expect(await host.initialize()).toBe(p.HResult.S_OK);
  });

  it('a declined handler refuses getHandlerInfo with E_UNEXPECTED', async () => {
    start({ initialize: () => false });
    expect(await host.initialize()).toBe(p.HResult.S_FALSE);
    expect(await request(p.GetHandlerInfo, {})).toEqual({ hr: p.HResult.E_UNEXPECTED });
  });

  it('refuses synchronize before prepare', async () => {
    start({});
    await host.openUntilReady();
    expect(await request(p.Synchronize, {})).toEqual({ hr: p.HResult.E_UNEXPECTED });
  });

  it('sends no callback after setProgressCallback {enabled:false}, and a refused progress stops the item as cancel all', async () => {
    const atTeardown = deferred();
    const tornDown = deferred();
    const stopReason = deferred<unknown>();
    start({
      async synchronizeItem(_item, ctx) {
        await ctx.progress({ status: 'updating', text: 'before teardown' });
        atTeardown.resolve();
        await tornDown.promise;
        await ctx.logError('warning', 'after teardown');
        await ctx.progress({ text: 'after teardown' });
        if (!ctx.signal.aborted) await once(ctx.signal, 'abort');
        stopReason.resolve(ctx.signal.reason);
      },
    });
    await host.openUntilReady();
    await request(p.PrepareForSync, { itemIds: [ITEM] });
    await host.next(p.PrepareForSyncCompleted);
    await request(p.Synchronize, {});
    await atTeardown.promise;
    while ((await host.next(p.Progress)).progressItem.statusText !== 'before teardown');
    const before = host.received.length;

    expect(await request(p.SetProgressCallback, { enabled: false })).toEqual({ hr: p.HResult.S_OK });
    tornDown.resolve();
    // The refused progress counts as "cancel all": the item is stopped.
    expect(await stopReason.promise).toBe('stopped');
    // Anything the handler wrote before answering shutdown arrives before that answer.
    expect(await request(p.Shutdown, {})).toEqual({});
    expect(host.received.slice(before)).toEqual([]);
  });

  it('accepts showError in the results phase, and the prepare of the retry it asked for', async () => {
    start({
      async synchronizeItem(item, ctx) {
        await ctx.logError('error', 'open me to retry', { errorId: ENTRY });
        return { text: `done with ${item.itemName}` };
      },
      showError: () => ({ retryItemIds: [ITEM] }),
    });
    await synchronizeOnce();

    expect(await request(p.ShowError, { errorId: ENTRY })).toEqual({ hr: p.HResult.S_OK });
    expect(await host.next(p.ShowErrorCompleted)).toEqual({ hr: p.HResult.S_SYNCMGR_RETRYSYNC, itemIds: [ITEM] });
    expect(await request(p.PrepareForSync, { itemIds: [ITEM] })).toEqual({ hr: p.HResult.S_OK });
    expect(await host.next(p.PrepareForSyncCompleted)).toEqual({ hr: p.HResult.S_OK });
    expect(await request(p.Synchronize, {})).toEqual({ hr: p.HResult.S_OK });
    expect(await host.next(p.SynchronizeCompleted)).toEqual({ hr: p.HResult.S_OK });
  });

  it('is in the results phase after a prepare cancelled altogether, as the host is: it refuses synchronize and accepts showError', async () => {
    start({
      async prepareForSync(items, ctx) {
        await ctx.logError('error', 'open me', { errorId: ENTRY });
        for (const item of items) await ctx.progress(item.itemId, { status: 'updating' });
      },
      showError: () => ({}),
    });
    host.answer(p.Progress, () => ({ hr: p.HResult.S_SYNCMGR_CANCELALL }));
    await host.openUntilReady();
    expect(await request(p.PrepareForSync, { itemIds: [ITEM] })).toEqual({ hr: p.HResult.S_OK });
    expect(await host.next(p.PrepareForSyncCompleted)).toEqual({ hr: p.HResult.S_OK });
    expect(await request(p.Synchronize, {})).toEqual({ hr: p.HResult.E_UNEXPECTED });
    expect(await request(p.ShowError, { errorId: ENTRY })).toEqual({ hr: p.HResult.S_OK });
    expect(await host.next(p.ShowErrorCompleted)).toEqual({ hr: p.HResult.S_OK, itemIds: [] });
  });

  it('refuses a second prepare that no showError asked for', async () => {
    start({});
    await synchronizeOnce();
    expect(await request(p.PrepareForSync, { itemIds: [ITEM] })).toEqual({ hr: p.HResult.E_UNEXPECTED });
  });

  it('refuses a second prepare while the first is open', async () => {
    start({});
    await host.openUntilReady();
    expect(await request(p.PrepareForSync, { itemIds: [ITEM] })).toEqual({ hr: p.HResult.S_OK });
    expect(await request(p.PrepareForSync, { itemIds: [ITEM] })).toEqual({ hr: p.HResult.E_UNEXPECTED });
  });

  it('refuses a retry of an item the showError did not return, and is back in the results phase', async () => {
    const other = '00000000-0000-4000-8000-000000000002';
    start({
      enumItems: () => [
        { itemId: ITEM, itemName: 'one' },
        { itemId: other, itemName: 'two' },
      ],
      showError: () => ({ retryItemIds: [ITEM] }),
    });
    await synchronizeOnce();
    await request(p.ShowError, { errorId: ENTRY });
    await host.next(p.ShowErrorCompleted);
    expect(await request(p.PrepareForSync, { itemIds: [other] })).toEqual({ hr: p.HResult.E_INVALIDARG });
    expect(await request(p.ShowError, { errorId: ENTRY })).toEqual({ hr: p.HResult.S_OK });
  });
});
