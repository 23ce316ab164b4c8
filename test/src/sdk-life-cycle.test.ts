// The SDK follows the handler life cycle declared in protocol/src/life-cycle.ts: it refuses host
// requests out of phase, and sends no callback the host would not take in the current phase.
import { once } from 'node:events';
import * as p from '@syncmgr/protocol';
import type { SyncHandler } from '@syncmgr/handler-sdk';
import { openUntilReady, startInMemoryHost, type InMemoryHost } from './support/in-memory-host.js';

const ITEM = '00000000-0000-4000-8000-000000000001';
const ENTRY = '00000000-0000-4000-8000-0000000000e1';

const baseHandler: SyncHandler = {
  handlerInfo: { handlerName: 'life cycle' },
  enumItems: () => [{ itemId: ITEM, itemName: 'one' }],
  synchronizeItem: () => ({ text: 'done' }),
};

describe('the SDK life cycle', () => {
  let host: InMemoryHost;
  const start = (handler: Partial<SyncHandler>) => (host = startInMemoryHost({ ...baseHandler, ...handler }));
  const request = <P, R>(descriptor: p.MethodDescriptor<P, R>, params: P) => host.connection.sendRequest(descriptor.type as never, params as never) as Promise<R>;

  afterEach(() => host.dispose());

  async function synchronizeOnce(): Promise<void> {
    await openUntilReady(host);
    expect(await request(p.PrepareForSync, { itemIds: [ITEM] })).toEqual({ hr: p.HResult.S_OK });
    expect(await host.next(p.PrepareForSyncCompleted)).toEqual({ hr: p.HResult.S_OK });
    expect(await request(p.Synchronize, {})).toEqual({ hr: p.HResult.S_OK });
    expect(await host.next(p.SynchronizeCompleted)).toEqual({ hr: p.HResult.S_OK });
  }

  it('a declined handler refuses getHandlerInfo with E_UNEXPECTED', async () => {
    start({ initialize: () => false });
    await request(p.Handshake, { protocolVersion: p.PROTOCOL_VERSION, hostPid: process.pid, hostName: 'test', hostVersion: '0', clsid: ITEM, capabilities: { maxMessageBytes: 1 << 20 } });
    expect(await request(p.Initialize, { syncMgrFlags: p.SyncMgrFlag.SYNCMGRFLAG_MANUAL })).toEqual({ hr: p.HResult.S_FALSE });
    expect(await request(p.GetHandlerInfo, {})).toEqual({ hr: p.HResult.E_UNEXPECTED });
  });

  it('refuses synchronize before prepare', async () => {
    start({});
    await openUntilReady(host);
    expect(await request(p.Synchronize, {})).toEqual({ hr: p.HResult.E_UNEXPECTED });
  });

  it('sends no callback after setProgressCallback {enabled:false}, and a refused progress stops the item as cancel all', async () => {
    let reachTeardown!: () => void;
    const atTeardown = new Promise<void>((resolve) => (reachTeardown = resolve));
    let releaseItem!: () => void;
    const tornDown = new Promise<void>((resolve) => (releaseItem = resolve));
    let reportStop!: (reason: unknown) => void;
    const stopReason = new Promise<unknown>((resolve) => (reportStop = resolve));
    start({
      async synchronizeItem(_item, ctx) {
        await ctx.progress({ status: 'updating', text: 'before teardown' });
        reachTeardown();
        await tornDown;
        await ctx.logError('warning', 'after teardown');
        await ctx.progress({ text: 'after teardown' });
        if (!ctx.signal.aborted) await once(ctx.signal, 'abort');
        reportStop(ctx.signal.reason);
      },
    });
    await openUntilReady(host);
    await request(p.PrepareForSync, { itemIds: [ITEM] });
    await host.next(p.PrepareForSyncCompleted);
    await request(p.Synchronize, {});
    await atTeardown;
    while ((await host.next(p.Progress)).progressItem.statusText !== 'before teardown');
    const before = host.received.length;

    expect(await request(p.SetProgressCallback, { enabled: false })).toEqual({ hr: p.HResult.S_OK });
    releaseItem();
    // The refused progress counts as "cancel all": the item is stopped.
    expect(await stopReason).toBe('stopped');
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

  it('refuses a second prepare that no showError asked for', async () => {
    start({});
    await synchronizeOnce();
    expect(await request(p.PrepareForSync, { itemIds: [ITEM] })).toEqual({ hr: p.HResult.E_UNEXPECTED });
  });

  it('refuses a second prepare while the first is open', async () => {
    start({});
    await openUntilReady(host);
    expect(await request(p.PrepareForSync, { itemIds: [ITEM] })).toEqual({ hr: p.HResult.S_OK });
    expect(await request(p.PrepareForSync, { itemIds: [ITEM] })).toEqual({ hr: p.HResult.E_UNEXPECTED });
  });

  it('refuses a retry of an item the showError did not return, and is back in the results phase', async () => {
    const other = '00000000-0000-4000-8000-000000000002';
    start({
      enumItems: () => [{ itemId: ITEM, itemName: 'one' }, { itemId: other, itemName: 'two' }],
      showError: () => ({ retryItemIds: [ITEM] }),
    });
    await synchronizeOnce();
    await request(p.ShowError, { errorId: ENTRY });
    await host.next(p.ShowErrorCompleted);
    expect(await request(p.PrepareForSync, { itemIds: [other] })).toEqual({ hr: p.HResult.E_INVALIDARG });
    expect(await request(p.ShowError, { errorId: ENTRY })).toEqual({ hr: p.HResult.S_OK });
  });
});
