import v8 from 'node:v8';
import vm from 'node:vm';
import type { EnumerationTotals, HandlerReport, ItemState } from '@syncmgr/host';
import {
  DEFAULT_MAX_MESSAGE_BYTES,
  Handshake,
  HResult,
  MAX_PROGRESS_BATCH,
  Progress,
  ProgressBatch,
  SynchronizeCompleted,
  SyncMgrErrorCodes,
} from '@syncmgr/protocol';
import type { FixtureRecord } from './support/fixture-record.js';
import { fixtureRecords, registerFixture, type FixtureArgs } from './support/fixtures.js';
import { managerPerTest } from './support/manager-per-test.js';

// How the host holds a handler to the protocol: what it accepts, what it refuses, what it records.
describe('the host driving a handler', () => {
  const manager = managerPerTest();

  async function syncOne(fixture: string, args: FixtureArgs = {}): Promise<HandlerReport> {
    await registerFixture(manager(), fixture, args);
    const report = await manager().sync();
    return report.handlers[0]!;
  }

  /** How the host answered the callbacks the handler sent, by the handler's own records. */
  async function answers(handler: HandlerReport): Promise<FixtureRecord[]> {
    return (await fixtureRecords(manager(), handler.clsid)).filter((r) => 'callback' in r);
  }

  const hostEntries = (handler: HandlerReport) => handler.log.filter((e) => e.source === 'host').map((e) => e.level);

  it('refuses progress before SetProgressCallback with OutOfPhase, logs it, and finishes the session', async () => {
    const handler = await syncOne('sends-progress-before-callback');
    expect(handler.result).toBe('succeeded');
    expect(handler.items.map((i) => i.status)).toEqual(['succeeded', 'succeeded']);
    expect(await answers(handler)).toEqual([{ callback: Progress.method, refusedWith: SyncMgrErrorCodes.OutOfPhase }]);
    expect(hostEntries(handler)).toEqual(['error']);
  });

  it('refuses a second SynchronizeCompleted with OutOfPhase, logs it, and finishes the session', async () => {
    const handler = await syncOne('completes-twice', { in: 'synchronize' });
    expect(handler.result).toBe('succeeded');
    expect(handler.items.map((i) => i.status)).toEqual(['succeeded', 'succeeded']);
    expect(await answers(handler)).toEqual([{ callback: SynchronizeCompleted.method, refusedWith: SyncMgrErrorCodes.OutOfPhase }]);
    expect(hostEntries(handler)).toEqual(['error']);
  });

  it('refuses progress for an item that is not in the session with UnknownItem', async () => {
    const handler = await syncOne('reports-foreign-item', { in: 'synchronize' });
    expect(handler.result).toBe('succeeded');
    expect(await answers(handler)).toEqual([{ callback: Progress.method, refusedWith: SyncMgrErrorCodes.UnknownItem }]);
    expect(hostEntries(handler)).toEqual(['error']);
  });

  it('offers progress batches and applies one in order, answering a verdict per report', async () => {
    const handler = await syncOne('reports-in-one-batch');
    const records = await fixtureRecords(manager(), handler.clsid);
    expect(records).toContainEqual({ received: Handshake.method, params: expect.objectContaining({ maxProgressBatch: MAX_PROGRESS_BATCH }) });
    expect(await answers(handler)).toEqual([{ callback: ProgressBatch.method, accepted: true, result: { hrs: [0, 0, 0, 0].map(() => HResult.S_OK) } }]);
    expect(handler.result).toBe('succeeded');
    expect(handler.items.map((i) => [i.status, i.text])).toEqual([
      ['succeeded', 'in one batch'],
      ['succeeded', 'in one batch'],
    ]);
  });

  it('refuses a whole progress batch with UnknownItem when one report names an item not in the session, applying none of it', async () => {
    const handler = await syncOne('reports-a-batch-with-a-foreign-item');
    expect(await answers(handler)).toEqual([{ callback: ProgressBatch.method, refusedWith: SyncMgrErrorCodes.UnknownItem }]);
    expect(handler.result).toBe('succeeded');
    expect(handler.items.map((i) => i.text)).not.toContain('must not be applied');
    expect(hostEntries(handler)).toEqual(['error']);
  });

  it('accepts a completion that arrives before the answer to the call it completes', async () => {
    const handler = await syncOne('completes-prepare-early');
    expect(handler).toMatchObject({ result: 'succeeded' });
    expect(handler.items.map((i) => i.status)).toEqual(['succeeded', 'succeeded']);
  });

  it('fails the items a handler never gave a final status', async () => {
    const handler = await syncOne('reports-no-final-status');
    expect(handler.items.map((i) => i.status)).toEqual(['failed', 'failed']);
  });

  it('keeps LogError entries with their level, item and error ID, and honours DeleteLogError', async () => {
    const handler = await syncOne('logs-errors');
    expect(handler.log).toEqual([
      { level: 'information', text: 'just so you know' },
      {
        level: 'error',
        text: 'could not reach the server',
        itemId: '00000000-0000-4000-8000-000000000001',
        errorId: '0e000000-0000-4000-8000-000000000001',
        actionable: true,
      },
    ]);
  });

  it("clears the handler's own entries with DeleteLogError(GUID_NULL), keeping the host's", async () => {
    const handler = await syncOne('clears-its-log');
    expect(handler.log.map((e) => e.source)).toEqual(['host']);
  });

  it('fails a handler that sends a message over the size limit', async () => {
    const handler = await syncOne('sends-oversized-message');
    expect(handler.result).toBe('failed');
    expect(handler.fault).toMatchObject({ kind: 'oversized-message', phase: 'synchronize' });
    // No field holds the limit; the reason names it.
    expect(handler.reason).toContain(String(DEFAULT_MAX_MESSAGE_BYTES));
  });

  it('synchronizes only the items checked by default, and an explicit --item list overrides that', async () => {
    const clsid = await registerFixture(manager(), 'lists-second-item-unchecked', { items: 3 });
    const byDefault = (await manager().sync()).handlers[0]!;
    expect(byDefault.items.map((i) => i.name)).toEqual(['item 1', 'item 3']);
    const explicit = await manager().sync({ handlers: [clsid], items: ['00000000-0000-4000-8000-000000000002', '00000000-0000-4000-8000-00000000ffff'] });
    expect(explicit.handlers[0]!.items.map((i) => i.name)).toEqual(['item 2']);
    expect(explicit.itemsNotFound).toEqual(['00000000-0000-4000-8000-00000000ffff']);
  });

  it('pages through a long enumeration and emits typed events for every item', async () => {
    await registerFixture(manager(), 'well-behaved', { items: 1300 });
    const session = await manager().createSession();
    const finals: ItemState[] = [];
    const pages: number[] = [];
    let totals: EnumerationTotals | undefined;
    session.on('itemsListed', (_handler, items) => pages.push(items.length));
    session.on('itemsEnumerated', (_handler, summary) => (totals = summary));
    session.on('itemProgress', (_handler, item) => finals.push(item));
    const report = await session.run();
    expect(pages).toEqual([512, 512, 276]);
    expect(totals).toEqual({ listed: 1300, selected: 1300, missingItems: false });
    expect(report.handlers[0]!.items).toHaveLength(1300);
    expect(new Set(finals.map((f) => f.itemId)).size).toBe(1300);
  });

  it('holds no listed page once its listeners have run: an unselected item is garbage by the end of the listing', async () => {
    await registerFixture(manager(), 'lists-second-item-unchecked', { items: 1300 });
    const session = await manager().createSession();
    let unselected: WeakRef<object> | undefined;
    let collected: boolean | undefined;
    session.on('itemsListed', (_handler, items, selected) => {
      const item = items.find((i) => !selected.has(i.itemId));
      unselected ??= item && new WeakRef(item);
    });
    session.on('itemsEnumerated', () => {
      collectGarbage();
      collected = unselected !== undefined && unselected.deref() === undefined;
    });
    await session.run();
    expect(collected).toBe(true);
  });
});

function collectGarbage(): void {
  v8.setFlagsFromString('--expose-gc');
  (vm.runInNewContext('gc') as () => void)();
}
