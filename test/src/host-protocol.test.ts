import v8 from 'node:v8';
import vm from 'node:vm';
import type { EnumerationTotals, HandlerReport, ItemState } from '@syncmgr/host';
import { managerPerTest } from './support/manager-per-test.js';
import { registerScripted } from './support/scripted.js';

// How the host holds a handler to the protocol: what it accepts, what it refuses, what it records.
describe('the host driving a handler', () => {
  const manager = managerPerTest();

  async function syncOne(env: Record<string, string>): Promise<HandlerReport> {
    await registerScripted(manager(), 'scripted', env);
    const report = await manager().sync();
    return report.handlers[0]!;
  }

  it('refuses callbacks out of phase and a second completion, logs them, and finishes the session', async () => {
    const handler = await syncOne({ BEHAVIOUR: 'out-of-phase' });
    expect(handler.result).toBe('succeeded');
    expect(handler.items.map((i) => i.status)).toEqual(['succeeded', 'succeeded']);
    const violations = handler.log.filter((entry) => entry.source === 'host').map((entry) => entry.text);
    expect(violations).toEqual([
      expect.stringMatching(/phase initialize.*callback\/progress arrived while the handler holds no callback/),
      expect.stringMatching(/phase (synchronize|shutdown).*callback\/synchronizeCompleted arrived, but the host is not awaiting/),
    ]);
  });

  it('refuses progress for an item that is not in the session', async () => {
    const handler = await syncOne({ BEHAVIOUR: 'unknown-item' });
    expect(handler.result).toBe('succeeded');
    expect(handler.log.map((e) => e.text)).toContainEqual(expect.stringMatching(/named item 99999999-0000-4000-8000-000000000000, which is not part of/));
  });

  it('accepts a completion that arrives before the answer to the call it completes', async () => {
    const handler = await syncOne({ BEHAVIOUR: 'early-completion' });
    expect(handler).toMatchObject({ result: 'succeeded' });
    expect(handler.items.every((i) => i.status === 'succeeded')).toBe(true);
  });

  it('fails the items a handler never gave a final status, saying so', async () => {
    const handler = await syncOne({ BEHAVIOUR: 'no-final-status' });
    expect(handler.items).toEqual([
      expect.objectContaining({ status: 'failed', text: 'the handler reported no final status for this item' }),
      expect.objectContaining({ status: 'failed', text: 'the handler reported no final status for this item' }),
    ]);
  });

  it('keeps LogError entries with their level, item and error ID, and honours DeleteLogError', async () => {
    const handler = await syncOne({ BEHAVIOUR: 'log-errors' });
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
    const handler = await syncOne({ BEHAVIOUR: 'log-errors,clear-log,unknown-item' });
    expect(handler.log.map((e) => e.source)).toEqual(['host']);
  });

  it('fails a handler that sends a message over the size limit, naming the limit', async () => {
    const handler = await syncOne({ BEHAVIOUR: 'oversized' });
    expect(handler.result).toBe('failed');
    expect(handler.reason).toMatch(/message over the size limit during Synchronize.*exceeds the limit of 16777216 bytes/);
  });

  it('synchronizes only the items checked by default, and an explicit --item list overrides that', async () => {
    const clsid = await registerScripted(manager(), 'scripted', { BEHAVIOUR: 'unchecked', ITEMS: '3' });
    const byDefault = (await manager().sync()).handlers[0]!;
    expect(byDefault.items.map((i) => i.name)).toEqual(['item 1', 'item 3']);
    const explicit = await manager().sync({ handlers: [clsid], items: ['00000000-0000-4000-8000-000000000002', '00000000-0000-4000-8000-00000000ffff'] });
    expect(explicit.handlers[0]!.items.map((i) => i.name)).toEqual(['item 2']);
    expect(explicit.itemsNotFound).toEqual(['00000000-0000-4000-8000-00000000ffff']);
  });

  it('pages through a long enumeration and emits typed events for every item', async () => {
    await registerScripted(manager(), 'scripted', { ITEMS: '1300' });
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
    await registerScripted(manager(), 'scripted', { BEHAVIOUR: 'unchecked', ITEMS: '1300' });
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
