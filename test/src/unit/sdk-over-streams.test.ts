// The handler SDK through the wire, served over in-memory streams and driven by a test host: no process, no sleep.
import type { SyncHandler, SyncItem } from '@syncmgr/handler-sdk';
import {
  EnumNext,
  EnumRelease,
  EnumSyncMgrItems,
  GetHandlerInfo,
  GUID_NULL,
  Handshake,
  HResult,
  LogError,
  PROTOCOL_VERSION,
  PrepareForSync,
  PrepareForSyncCompleted,
  Progress,
  SetItemStatus,
  SetProgressCallback,
  ShowError,
  ShowErrorCompleted,
  ShowProperties,
  ShowPropertiesCompleted,
  Synchronize,
  SynchronizeCompleted,
  SyncMgrErrorCodes,
  SyncMgrFlag,
  SyncMgrStatus,
} from '@syncmgr/protocol';
import { ResponseError } from 'vscode-jsonrpc/node';
import { deferred } from '../support/deferred.js';
import { InMemoryHost, TEST_CLSID, TEST_HANDSHAKE } from '../support/in-memory-host.js';

const ITEM_A = 'aaaaaaaa-0000-4000-8000-000000000001';
const ITEM_B = 'bbbbbbbb-0000-4000-8000-000000000002';
const ITEM_C = 'cccccccc-0000-4000-8000-000000000003';
const ERROR_ID = 'eeeeeeee-0000-4000-8000-000000000001';
const ITEMS: SyncItem[] = [
  { itemId: ITEM_A, itemName: 'Inbox' },
  { itemId: ITEM_B, itemName: 'Calendar' },
  { itemId: ITEM_C, itemName: 'Contacts' },
];

let host: InMemoryHost | undefined;
afterEach(() => host?.close());

function serve(handler: Partial<SyncHandler> = {}): InMemoryHost {
  host = new InMemoryHost(
    { handlerInfo: { handlerName: 'In memory' }, enumItems: () => ITEMS, synchronizeItem: () => undefined, ...handler },
    { name: 'in-memory', version: '1.2.3' },
  );
  return host;
}

/** The final statuses the handler reported, per item, in order. */
function finalStatuses(h: InMemoryHost): [unknown, unknown][] {
  const finals = new Set<number>([
    SyncMgrStatus.SYNCMGRSTATUS_SUCCEEDED,
    SyncMgrStatus.SYNCMGRSTATUS_FAILED,
    SyncMgrStatus.SYNCMGRSTATUS_SKIPPED,
    SyncMgrStatus.SYNCMGRSTATUS_STOPPED,
  ]);
  return h.received
    .filter((call) => call.method === 'callback/progress')
    .map((call) => [call.params.itemId, (call.params.progressItem as { statusType?: number }).statusType] as [unknown, unknown])
    .filter(([, statusType]) => finals.has(statusType as number));
}

function untilAborted(signal: AbortSignal): Promise<void> {
  return signal.aborted ? Promise.resolve() : new Promise((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
}

/** prepareForSync answered S_OK, then its completion's HRESULT. */
async function prepare(h: InMemoryHost, itemIds: string[], completions = 1): Promise<number> {
  expect((await h.connection.sendRequest(PrepareForSync.type, { itemIds })).hr).toBe(HResult.S_OK);
  return (await h.waitFor(PrepareForSyncCompleted, completions)).hr;
}

/** synchronize answered S_OK, then its completion's HRESULT. */
async function synchronize(h: InMemoryHost, completions = 1): Promise<number> {
  expect((await h.connection.sendRequest(Synchronize.type, {})).hr).toBe(HResult.S_OK);
  return (await h.waitFor(SynchronizeCompleted, completions)).hr;
}

describe('the SDK over in-memory streams', () => {
  it('answers the handshake with the protocol version and its name, once', async () => {
    const h = serve();
    const answer = await h.request(Handshake, TEST_HANDSHAKE);
    expect(answer).toMatchObject({
      protocolVersion: PROTOCOL_VERSION,
      handlerName: 'in-memory',
      handlerVersion: '1.2.3',
      capabilities: { enumeratorNavigation: true },
    });
    const again = h.request(Handshake, TEST_HANDSHAKE);
    await expect(again).rejects.toBeInstanceOf(ResponseError);
    await expect(again).rejects.toMatchObject({ code: SyncMgrErrorCodes.OutOfPhase });
  });

  it('accepts Initialize with S_OK and tells the handler the event and flags', async () => {
    const seen: unknown[] = [];
    const h = serve({ initialize: (session) => void seen.push([session.event, session.mayBotherUser, session.settings, session.clsid]) });
    expect(await h.initialize(SyncMgrFlag.SYNCMGRFLAG_MANUAL | SyncMgrFlag.SYNCMGRFLAG_MAYBOTHERUSER)).toBe(HResult.S_OK);
    expect(seen).toEqual([['manual', true, false, TEST_CLSID]]);
  });

  it('declines Initialize with S_FALSE when the handler says no, and then refuses the rest with E_UNEXPECTED', async () => {
    const h = serve({ initialize: () => false });
    expect(await h.initialize()).toBe(HResult.S_FALSE);
    expect((await h.connection.sendRequest(GetHandlerInfo.type, {})).hr).toBe(HResult.E_UNEXPECTED);
    expect((await h.connection.sendRequest(EnumSyncMgrItems.type, {})).hr).toBe(HResult.E_UNEXPECTED);
  });

  it('answers GetHandlerInfo with the handler name and flags', async () => {
    const h = serve({ handlerInfo: { handlerName: 'In memory', handlerFlags: 0x4 } });
    await h.initialize();
    const info = await h.connection.sendRequest(GetHandlerInfo.type, {});
    expect(info.hr).toBe(HResult.S_OK);
    expect(info.handlerInfo).toMatchObject({ handlerName: 'In memory', handlerFlags: 0x4 });
  });

  it('enumerates page by page: S_OK for a full page, S_FALSE at the end, then release', async () => {
    const h = serve();
    // The host's order: the enumeration comes after GetHandlerInfo, not straight after Initialize.
    await h.initialize();
    expect((await h.request(GetHandlerInfo, {})).hr).toBe(HResult.S_OK);
    const { hr, enumeratorId } = await h.connection.sendRequest(EnumSyncMgrItems.type, {});
    expect(hr).toBe(HResult.S_OK);
    const first = await h.connection.sendRequest(EnumNext.type, { enumeratorId: enumeratorId!, celt: 2 });
    expect([first.hr, first.items.map((item) => item.itemId)]).toEqual([HResult.S_OK, [ITEM_A, ITEM_B]]);
    const second = await h.connection.sendRequest(EnumNext.type, { enumeratorId: enumeratorId!, celt: 2 });
    expect([second.hr, second.items.map((item) => item.itemId)]).toEqual([HResult.S_FALSE, [ITEM_C]]);
    const third = await h.connection.sendRequest(EnumNext.type, { enumeratorId: enumeratorId!, celt: 2 });
    expect([third.hr, third.items]).toEqual([HResult.S_FALSE, []]);
    expect((await h.connection.sendRequest(EnumRelease.type, { enumeratorId: enumeratorId! })).hr).toBe(HResult.S_OK);
  });

  it('takes the progress callback with S_OK once its items were listed', async () => {
    const h = serve();
    await h.openUntilEnumerated();
    expect((await h.connection.sendRequest(SetProgressCallback.type, { enabled: true })).hr).toBe(HResult.S_OK);
  });

  it('answers PrepareForSync S_OK, runs the handler on the chosen items, then completes with S_OK', async () => {
    const prepared: string[][] = [];
    const h = serve({ prepareForSync: (items) => void prepared.push(items.map((item) => item.itemId)) });
    await h.openUntilReady();
    expect(await prepare(h, [ITEM_A, ITEM_C])).toBe(HResult.S_OK);
    expect(prepared).toEqual([[ITEM_A, ITEM_C]]);
    expect(h.methods).toEqual(['callback/prepareForSyncCompleted']);
  });

  it('completes PrepareForSync with S_FALSE when the handler declines', async () => {
    const h = serve({ prepareForSync: () => 'decline' });
    await h.openUntilReady();
    expect(await prepare(h, [ITEM_A])).toBe(HResult.S_FALSE);
    expect((await h.connection.sendRequest(Synchronize.type, {})).hr).toBe(HResult.E_UNEXPECTED);
  });

  it('synchronizes every item: a report before each, its progress, then its final status, then the completion', async () => {
    const h = serve({ synchronizeItem: async (_item, ctx) => void (await ctx.progress({ value: 1, max: 2 })) });
    await h.openUntilReady();
    await prepare(h, [ITEM_A, ITEM_B]);
    expect(await synchronize(h)).toBe(HResult.S_OK);
    expect(finalStatuses(h)).toEqual([
      [ITEM_A, SyncMgrStatus.SYNCMGRSTATUS_SUCCEEDED],
      [ITEM_B, SyncMgrStatus.SYNCMGRSTATUS_SUCCEEDED],
    ]);
    expect(h.methods.at(-1)).toBe('callback/synchronizeCompleted');
    const aReports = h.received
      .filter((call) => call.params.itemId === ITEM_A)
      .map((call) => call.params.progressItem as { statusType?: number; progValue?: number });
    expect(aReports[0]!.statusType).toBe(SyncMgrStatus.SYNCMGRSTATUS_UPDATING);
    expect(aReports.some((report) => report.progValue === 1)).toBe(true);
  });

  it('aborts the item told S_SYNCMGR_CANCELITEM, and only it: the item ends stopped', async () => {
    const aborted: string[] = [];
    const h = serve({
      synchronizeItem: async (item, ctx) => {
        if (item.itemId !== ITEM_A) return;
        // A report resolves at once with the latest verdict; the cancel aborts the signal when its answer comes.
        await ctx.progress({ value: 1 });
        await untilAborted(ctx.signal);
        aborted.push(String(ctx.signal.reason));
        ctx.throwIfStopped();
      },
    });
    h.answer(Progress, ({ itemId, progressItem }) => ({ hr: itemId === ITEM_A && progressItem.progValue === 1 ? HResult.S_SYNCMGR_CANCELITEM : HResult.S_OK }));
    await h.openUntilReady();
    await prepare(h, [ITEM_A, ITEM_B]);
    expect(await synchronize(h)).toBe(HResult.S_OK);
    expect(aborted).toEqual(['stopped']);
    expect(finalStatuses(h)).toEqual([
      [ITEM_A, SyncMgrStatus.SYNCMGRSTATUS_STOPPED],
      [ITEM_B, SyncMgrStatus.SYNCMGRSTATUS_SUCCEEDED],
    ]);
  });

  it('stops every item when told S_SYNCMGR_CANCELALL: the running one and those not started', async () => {
    const started: string[] = [];
    const h = serve({
      synchronizeItem: async (item, ctx) => {
        started.push(item.itemId);
        await ctx.progress({ value: 1 });
        await untilAborted(ctx.signal);
        ctx.throwIfStopped();
      },
    });
    h.answer(Progress, ({ progressItem }) => ({ hr: progressItem.progValue === 1 ? HResult.S_SYNCMGR_CANCELALL : HResult.S_OK }));
    await h.openUntilReady();
    await prepare(h, [ITEM_A, ITEM_B, ITEM_C]);
    expect(await synchronize(h)).toBe(HResult.S_OK);
    expect(started).toEqual([ITEM_A]);
    expect(
      finalStatuses(h)
        .map(([itemId, statusType]) => [itemId, statusType])
        .sort(),
    ).toEqual([ITEM_A, ITEM_B, ITEM_C].map((itemId) => [itemId, SyncMgrStatus.SYNCMGRSTATUS_STOPPED]).sort());
  });

  it('skips an item on SetItemStatus(SKIPPED): its signal aborts and it ends skipped', async () => {
    const running = deferred();
    const h = serve({
      synchronizeItem: async (item, ctx) => {
        if (item.itemId !== ITEM_A) return;
        running.resolve();
        await untilAborted(ctx.signal);
        expect(ctx.signal.reason).toBe('skipped');
        ctx.throwIfStopped();
      },
    });
    await h.openUntilReady();
    await prepare(h, [ITEM_A, ITEM_B]);
    expect((await h.connection.sendRequest(Synchronize.type, {})).hr).toBe(HResult.S_OK);
    await running.promise;
    expect((await h.connection.sendRequest(SetItemStatus.type, { itemId: ITEM_A, syncMgrStatus: SyncMgrStatus.SYNCMGRSTATUS_SKIPPED })).hr).toBe(HResult.S_OK);
    expect((await h.waitFor(SynchronizeCompleted)).hr).toBe(HResult.S_OK);
    expect(finalStatuses(h)).toEqual([
      [ITEM_A, SyncMgrStatus.SYNCMGRSTATUS_SKIPPED],
      [ITEM_B, SyncMgrStatus.SYNCMGRSTATUS_SUCCEEDED],
    ]);
    expect((await h.connection.sendRequest(SetItemStatus.type, { itemId: ITEM_A, syncMgrStatus: SyncMgrStatus.SYNCMGRSTATUS_SKIPPED })).hr).toBe(
      HResult.E_UNEXPECTED,
    );
  });

  it('opens an error in the results with ShowError and retries the items it names', async () => {
    let attempts = 0;
    const h = serve({
      synchronizeItem: async (item, ctx) => {
        if (item.itemId !== ITEM_A) return undefined;
        attempts += 1;
        if (attempts > 1) return undefined;
        await ctx.logError('error', 'sign in again', { errorId: ERROR_ID });
        return { status: 'failed' as const };
      },
      showError: (errorId) => (errorId === ERROR_ID ? { retryItemIds: [ITEM_A] } : undefined),
    });
    await h.openUntilReady();
    await prepare(h, [ITEM_A, ITEM_B]);
    expect(await synchronize(h)).toBe(HResult.S_OK);
    const logged = await h.waitFor(LogError);
    expect(logged.logErrorInfo).toMatchObject({ errorId: ERROR_ID, itemId: ITEM_A });

    expect((await h.connection.sendRequest(ShowError.type, { errorId: ERROR_ID })).hr).toBe(HResult.S_OK);
    expect(await h.waitFor(ShowErrorCompleted)).toEqual({ hr: HResult.S_SYNCMGR_RETRYSYNC, itemIds: [ITEM_A] });
    expect((await h.connection.sendRequest(PrepareForSync.type, { itemIds: [ITEM_B] })).hr).toBe(HResult.E_INVALIDARG);

    // That refused retry ended the ShowError's retry (prepare → results): the user opens the entry again.
    expect((await h.connection.sendRequest(ShowError.type, { errorId: ERROR_ID })).hr).toBe(HResult.S_OK);
    expect(await h.waitFor(ShowErrorCompleted, 2)).toEqual({ hr: HResult.S_SYNCMGR_RETRYSYNC, itemIds: [ITEM_A] });
    expect(await prepare(h, [ITEM_A], 2)).toBe(HResult.S_OK);
    expect(await synchronize(h, 2)).toBe(HResult.S_OK);
    expect(attempts).toBe(2);
    expect(finalStatuses(h)).toEqual([
      [ITEM_A, SyncMgrStatus.SYNCMGRSTATUS_FAILED],
      [ITEM_B, SyncMgrStatus.SYNCMGRSTATUS_SUCCEEDED],
      [ITEM_A, SyncMgrStatus.SYNCMGRSTATUS_SUCCEEDED],
    ]);
  });

  it('completes ShowError with S_OK and no retry when the handler asks for none; a further prepare is refused', async () => {
    const h = serve({ showError: () => undefined });
    await h.openUntilReady();
    await prepare(h, [ITEM_A]);
    await synchronize(h);
    expect((await h.connection.sendRequest(ShowError.type, { errorId: ERROR_ID })).hr).toBe(HResult.S_OK);
    expect(await h.waitFor(ShowErrorCompleted)).toEqual({ hr: HResult.S_OK, itemIds: [] });
    expect((await h.connection.sendRequest(PrepareForSync.type, { itemIds: [ITEM_A] })).hr).toBe(HResult.E_UNEXPECTED);
  });

  it('shows the properties of a settings instance and completes with the handler HRESULT', async () => {
    const shown: unknown[] = [];
    const h = serve({
      showProperties: (itemId, ctx) => {
        shown.push([itemId, ctx.settings]);
        return HResult.S_SYNCMGR_ENUMITEMS;
      },
    });
    await h.openUntilEnumerated(SyncMgrFlag.SYNCMGRFLAG_MANUAL | SyncMgrFlag.SYNCMGRFLAG_SETTINGS);
    expect((await h.connection.sendRequest(ShowProperties.type, { itemId: GUID_NULL })).hr).toBe(HResult.S_OK);
    expect((await h.waitFor(ShowPropertiesCompleted)).hr).toBe(HResult.S_SYNCMGR_ENUMITEMS);
    expect(shown).toEqual([[undefined, true]]);
  });

  it('refuses to prepare a settings instance', async () => {
    const h = serve();
    await h.openUntilEnumerated(SyncMgrFlag.SYNCMGRFLAG_MANUAL | SyncMgrFlag.SYNCMGRFLAG_SETTINGS);
    // The host hands a settings instance no callback; sent anyway (whatever its answer), so that the
    // prepare is refused for the instance being settings and not merely for coming out of order.
    await h.request(SetProgressCallback, { enabled: true });
    expect((await h.connection.sendRequest(PrepareForSync.type, { itemIds: [ITEM_A] })).hr).toBe(HResult.E_UNEXPECTED);
  });

  it('answers E_NOTIMPL to ShowProperties and ShowError the handler does not implement, with no completion', async () => {
    const h = serve();
    await h.openUntilReady();
    expect((await h.connection.sendRequest(ShowProperties.type, { itemId: GUID_NULL })).hr).toBe(HResult.E_NOTIMPL);
    expect((await h.connection.sendRequest(ShowError.type, { errorId: ERROR_ID })).hr).toBe(HResult.E_NOTIMPL);
    expect(h.methods).toEqual([]);
  });

  it.each([
    [
      'GetHandlerInfo before Initialize',
      async (h: InMemoryHost) => {
        await h.request(Handshake, TEST_HANDSHAKE);
        return (await h.connection.sendRequest(GetHandlerInfo.type, {})).hr;
      },
    ],
    [
      'Synchronize before PrepareForSync',
      async (h: InMemoryHost) => {
        await h.openUntilReady();
        return (await h.connection.sendRequest(Synchronize.type, {})).hr;
      },
    ],
    [
      'PrepareForSync without the progress callback',
      async (h: InMemoryHost) => {
        await h.openUntilEnumerated();
        return (await h.connection.sendRequest(PrepareForSync.type, { itemIds: [ITEM_A] })).hr;
      },
    ],
    [
      'SetItemStatus outside a phase',
      async (h: InMemoryHost) => {
        await h.openUntilReady();
        return (await h.connection.sendRequest(SetItemStatus.type, { itemId: ITEM_A, syncMgrStatus: SyncMgrStatus.SYNCMGRSTATUS_SKIPPED })).hr;
      },
    ],
    [
      'a second PrepareForSync while one is open',
      async (h: InMemoryHost) => {
        const held = deferred();
        h.close();
        host = serve({ prepareForSync: () => held.promise });
        await host.openUntilReady();
        await host.connection.sendRequest(PrepareForSync.type, { itemIds: [ITEM_A] });
        const hr = (await host.connection.sendRequest(PrepareForSync.type, { itemIds: [ITEM_A] })).hr;
        held.resolve();
        return hr;
      },
    ],
  ])('answers E_UNEXPECTED to %s', async (_case, send) => {
    expect(await send(serve())).toBe(HResult.E_UNEXPECTED);
  });
});
