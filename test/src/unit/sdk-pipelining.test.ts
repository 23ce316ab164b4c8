// Pipelined verdicts, item concurrency and batched writes, through the wire over in-memory streams.
import { PassThrough } from 'node:stream';
import { serveHandler, type SyncHandler, type SyncItem } from '@syncmgr/handler-sdk';
import {
  HResult,
  PrepareForSync,
  PrepareForSyncCompleted,
  Progress,
  Synchronize,
  SynchronizeCompleted,
  SyncMgrStatus,
  type HResultResult,
  type ProgressParams,
} from '@syncmgr/protocol';
import { deferred } from '../support/deferred.js';
import { InMemoryHost } from '../support/in-memory-host.js';

const ITEM_A = 'aaaaaaaa-0000-4000-8000-000000000001';
const ITEM_B = 'bbbbbbbb-0000-4000-8000-000000000002';
const ITEM_C = 'cccccccc-0000-4000-8000-000000000003';
const ITEMS: SyncItem[] = [
  { itemId: ITEM_A, itemName: 'Inbox' },
  { itemId: ITEM_B, itemName: 'Calendar' },
  { itemId: ITEM_C, itemName: 'Contacts' },
];
const FINALS = new Set<number>([
  SyncMgrStatus.SYNCMGRSTATUS_SUCCEEDED,
  SyncMgrStatus.SYNCMGRSTATUS_FAILED,
  SyncMgrStatus.SYNCMGRSTATUS_SKIPPED,
  SyncMgrStatus.SYNCMGRSTATUS_STOPPED,
]);

let host: InMemoryHost | undefined;
afterEach(() => host?.close());

function serve(handler: Partial<SyncHandler>): InMemoryHost {
  host = new InMemoryHost({ handlerInfo: { handlerName: 'In memory' }, enumItems: () => ITEMS, synchronizeItem: () => undefined, ...handler });
  return host;
}

/** The host answers Progress with this (a promise: an answer held back until the test lets it go). */
function answerProgress(h: InMemoryHost, answer: (params: ProgressParams) => HResultResult | Promise<HResultResult>): void {
  h.answer(Progress, answer as (params: ProgressParams) => HResultResult);
}

function finalStatuses(h: InMemoryHost): [unknown, unknown][] {
  return h.received
    .filter((call) => call.method === Progress.method)
    .map((call) => [call.params.itemId, (call.params.progressItem as { statusType?: number }).statusType] as [unknown, unknown])
    .filter(([, statusType]) => FINALS.has(statusType as number));
}

const isUpdating = ({ progressItem }: ProgressParams) => progressItem.statusType === SyncMgrStatus.SYNCMGRSTATUS_UPDATING;

function untilAborted(signal: AbortSignal): Promise<void> {
  return signal.aborted ? Promise.resolve() : new Promise((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
}

async function synchronize(h: InMemoryHost, itemIds: string[]): Promise<number> {
  await h.openUntilReady();
  expect((await h.connection.sendRequest(PrepareForSync.type, { itemIds })).hr).toBe(HResult.S_OK);
  expect((await h.waitFor(PrepareForSyncCompleted)).hr).toBe(HResult.S_OK);
  expect((await h.connection.sendRequest(Synchronize.type, {})).hr).toBe(HResult.S_OK);
  return (await h.waitFor(SynchronizeCompleted)).hr;
}

describe('pipelined verdicts', () => {
  it('runs an item before the answer to its report comes; a CANCELITEM coming then aborts that item alone', async () => {
    const running = deferred();
    const reasons: unknown[] = [];
    const h = serve({
      synchronizeItem: async (item, ctx) => {
        if (item.itemId !== ITEM_A) return;
        running.resolve();
        await untilAborted(ctx.signal);
        reasons.push(ctx.signal.reason);
        ctx.throwIfStopped();
      },
    });
    // The answer to A's UPDATING report is held until A runs: the item did not wait for it.
    answerProgress(h, async (params) => {
      if (params.itemId !== ITEM_A || !isUpdating(params)) return { hr: HResult.S_OK };
      await running.promise;
      return { hr: HResult.S_SYNCMGR_CANCELITEM };
    });
    expect(await synchronize(h, [ITEM_A, ITEM_B])).toBe(HResult.S_OK);
    expect(reasons).toEqual(['stopped']);
    expect(finalStatuses(h)).toEqual([
      [ITEM_A, SyncMgrStatus.SYNCMGRSTATUS_STOPPED],
      [ITEM_B, SyncMgrStatus.SYNCMGRSTATUS_SUCCEEDED],
    ]);
  });

  it('a CANCELALL coming after items moved on stops the running item and those not started; one done stays done', async () => {
    const bRunning = deferred();
    const started: string[] = [];
    const h = serve({
      synchronizeItem: async (item, ctx) => {
        started.push(item.itemId);
        if (item.itemId === ITEM_A) return;
        bRunning.resolve();
        await untilAborted(ctx.signal);
        ctx.throwIfStopped();
      },
    });
    // A's own report is answered only once A is over and B runs.
    answerProgress(h, async (params) => {
      if (params.itemId !== ITEM_A || !isUpdating(params)) return { hr: HResult.S_OK };
      await bRunning.promise;
      return { hr: HResult.S_SYNCMGR_CANCELALL };
    });
    expect(await synchronize(h, [ITEM_A, ITEM_B, ITEM_C])).toBe(HResult.S_OK);
    expect(started).toEqual([ITEM_A, ITEM_B]);
    // The item not started ends at once, before the running one has wound down: order across items is not kept.
    expect(finalStatuses(h).sort()).toEqual([
      [ITEM_A, SyncMgrStatus.SYNCMGRSTATUS_SUCCEEDED],
      [ITEM_B, SyncMgrStatus.SYNCMGRSTATUS_STOPPED],
      [ITEM_C, SyncMgrStatus.SYNCMGRSTATUS_STOPPED],
    ]);
  });

  it('sends SynchronizeCompleted only once every report was answered', async () => {
    const release = deferred();
    let answered = 0;
    const h = serve({});
    answerProgress(h, async () => {
      await release.promise;
      answered++;
      return { hr: HResult.S_OK };
    });
    const completed = synchronize(h, [ITEM_A, ITEM_B]);
    await h.waitFor(Progress, 4);
    expect(h.methods).not.toContain(SynchronizeCompleted.method);
    release.resolve();
    expect(await completed).toBe(HResult.S_OK);
    expect(answered).toBe(4);
  });
});

describe('item concurrency', () => {
  it.each([1, 2, 3])('runs %i items at once and no more', async (concurrency) => {
    let running = 0;
    let most = 0;
    const h = serve({
      concurrency,
      synchronizeItem: async () => {
        most = Math.max(most, ++running);
        for (let turn = 0; turn < 5; turn++) await new Promise((resolve) => setImmediate(resolve));
        running--;
      },
    });
    expect(await synchronize(h, [ITEM_A, ITEM_B, ITEM_C])).toBe(HResult.S_OK);
    expect(most).toBe(concurrency);
    expect(finalStatuses(h).map(([, status]) => status)).toEqual(Array(3).fill(SyncMgrStatus.SYNCMGRSTATUS_SUCCEEDED));
  });

  it.each([0, 1.5, -1])('refuses a handler concurrency of %p', (concurrency) => {
    const handler: SyncHandler = { handlerInfo: { handlerName: 'In memory' }, enumItems: () => ITEMS, synchronizeItem: () => undefined, concurrency };
    expect(() => serveHandler(handler, { input: new PassThrough(), output: new PassThrough() })).toThrow(/concurrency must be a positive integer/);
  });
});

describe('batched writes', () => {
  it('sends the reports of one burst in one write', async () => {
    const h = serve({});
    expect(await synchronize(h, [ITEM_A, ITEM_B, ITEM_C])).toBe(HResult.S_OK);
    // Three items with nothing to do: UPDATING and a final status each, all in one turn.
    expect(h.received.filter((call) => call.method === Progress.method)).toHaveLength(6);
    expect(Math.max(...h.framesPerWrite)).toBeGreaterThanOrEqual(6);
  });
});
