// Pipelined verdicts (for reports sent alone and in batches), item concurrency, progress batches
// and batched writes, through the wire over in-memory streams.
import { PassThrough } from 'node:stream';
import { serveHandler, type SyncHandler, type SyncItem } from '@syncmgr/handler-sdk';
import {
  HResult,
  LogError,
  MAX_PROGRESS_BATCH,
  PrepareForSync,
  PrepareForSyncCompleted,
  Progress,
  ProgressBatch,
  Synchronize,
  SynchronizeCompleted,
  SyncMgrStatus,
  type ProgressBatchParams,
  type ProgressParams,
} from '@syncmgr/protocol';
import { ResponseError } from 'vscode-jsonrpc/node';
import { deferred } from '../support/deferred.js';
import { InMemoryHost } from '../support/in-memory-host.js';
import { answerReports, reportsReceived, untilReports } from '../support/progress-reports.js';

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

/** The host offers batches of this many reports (undefined: reports come one per message). */
function serve(handler: Partial<SyncHandler>, maxProgressBatch?: number): InMemoryHost {
  host = new InMemoryHost({ handlerInfo: { handlerName: 'In memory' }, enumItems: () => ITEMS, synchronizeItem: () => undefined, ...handler });
  if (maxProgressBatch !== undefined) host.capabilities.maxProgressBatch = maxProgressBatch;
  return host;
}

function finalStatuses(h: InMemoryHost): [unknown, unknown][] {
  return reportsReceived(h)
    .map(({ itemId, progressItem }) => [itemId, progressItem.statusType] as [unknown, unknown])
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

describe.each([
  ['one per message', undefined],
  ['in batches', MAX_PROGRESS_BATCH],
])('pipelined verdicts, reports %s', (_mode, maxProgressBatch) => {
  it('runs an item before the answer to its report comes; a CANCELITEM coming then aborts that item alone', async () => {
    const running = deferred();
    const reasons: unknown[] = [];
    const h = serve(
      {
        synchronizeItem: async (item, ctx) => {
          if (item.itemId !== ITEM_A) return;
          running.resolve();
          await untilAborted(ctx.signal);
          reasons.push(ctx.signal.reason);
          ctx.throwIfStopped();
        },
      },
      maxProgressBatch,
    );
    // The answer to A's UPDATING report is held until A runs: the item did not wait for it.
    answerReports(h, async (params) => {
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
    const h = serve(
      {
        synchronizeItem: async (item, ctx) => {
          started.push(item.itemId);
          if (item.itemId === ITEM_A) return;
          bRunning.resolve();
          await untilAborted(ctx.signal);
          ctx.throwIfStopped();
        },
      },
      maxProgressBatch,
    );
    // A's own report is answered only once A is over and B runs.
    answerReports(h, async (params) => {
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
    const h = serve({}, maxProgressBatch);
    answerReports(h, async () => {
      await release.promise;
      answered++;
      return { hr: HResult.S_OK };
    });
    const completed = synchronize(h, [ITEM_A, ITEM_B]);
    await untilReports(h, 4);
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

describe('progress batches', () => {
  const batches = (h: InMemoryHost) =>
    h.received.filter((call) => call.method === ProgressBatch.method).map((call) => (call.params as unknown as ProgressBatchParams).reports);

  it('sends the reports of one turn as one callback/progressBatch, in order, and never callback/progress', async () => {
    const h = serve({}, MAX_PROGRESS_BATCH);
    expect(await synchronize(h, [ITEM_A, ITEM_B, ITEM_C])).toBe(HResult.S_OK);
    expect(h.methods).not.toContain(Progress.method);
    // Three items with nothing to do: UPDATING and a final status each, all in one turn.
    expect(batches(h).map((reports) => reports.length)).toEqual([6]);
    expect(reportsReceived(h).map(({ itemId }) => itemId)).toEqual([ITEM_A, ITEM_A, ITEM_B, ITEM_B, ITEM_C, ITEM_C]);
  });

  it('sends no batch larger than the host offers', async () => {
    const h = serve({}, 2);
    expect(await synchronize(h, [ITEM_A, ITEM_B, ITEM_C])).toBe(HResult.S_OK);
    expect(batches(h).map((reports) => reports.length)).toEqual([2, 2, 2]);
  });

  it('lets no other callback overtake a report made before it', async () => {
    const h = serve(
      {
        synchronizeItem: async (item, ctx) => {
          if (item.itemId === ITEM_B) await ctx.logError('warning', 'after the reports');
        },
      },
      MAX_PROGRESS_BATCH,
    );
    expect(await synchronize(h, [ITEM_A, ITEM_B])).toBe(HResult.S_OK);
    const order = h.methods.filter((method) => method === ProgressBatch.method || method === LogError.method);
    expect(order.slice(0, 2)).toEqual([ProgressBatch.method, LogError.method]);
    // A's UPDATING and final status, and B's UPDATING, were made before B's LogError.
    expect(batches(h)[0]!.map(({ itemId }) => itemId)).toEqual([ITEM_A, ITEM_A, ITEM_B]);
  });

  it('takes a refused batch as CANCELALL: the running item and those not started stop', async () => {
    const h = serve(
      {
        synchronizeItem: async (_item, ctx) => {
          await untilAborted(ctx.signal);
          ctx.throwIfStopped();
        },
      },
      MAX_PROGRESS_BATCH,
    );
    h.answer(ProgressBatch, () => new ResponseError(-32603, 'refused by the test') as never);
    expect(await synchronize(h, [ITEM_A, ITEM_B, ITEM_C])).toBe(HResult.S_OK);
    expect(finalStatuses(h).sort()).toEqual([
      [ITEM_A, SyncMgrStatus.SYNCMGRSTATUS_STOPPED],
      [ITEM_B, SyncMgrStatus.SYNCMGRSTATUS_STOPPED],
      [ITEM_C, SyncMgrStatus.SYNCMGRSTATUS_STOPPED],
    ]);
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
