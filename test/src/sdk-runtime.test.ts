import { randomUUID } from 'node:crypto';
import type { ItemState } from '@syncmgr/host';
import { managerPerTest } from './support/manager-per-test.js';
import { fixture } from './support/paths.js';

describe('the SDK', () => {
  const manager = managerPerTest();

  it('coalescing progress sends fewer messages than updates, and the host still ends with every item at its last value and final status', async () => {
    const updates = 1000;
    await manager().registry.register({
      clsid: randomUUID(),
      name: 'burst',
      command: [process.execPath, fixture('burst-sdk-handler.js')],
      env: { ITEMS: '5', UPDATES: String(updates) },
      events: [],
    });
    const session = await manager().createSession();
    const last = new Map<string, ItemState>();
    let messages = 0;
    session.on('itemProgress', (_handler, item) => {
      messages++;
      last.set(item.itemId, { ...item });
    });
    const report = await session.run();

    expect(report.handlers[0]!.items.map((i) => [i.status, i.text])).toEqual([1, 2, 3, 4, 5].map((n) => ['succeeded', `done with item ${n}`]));
    expect([...last.values()].map((s) => [s.status, s.progValue, s.maxValue])).toEqual(Array(5).fill(['succeeded', updates, updates]));
    expect(messages).toBeLessThan(5 * updates);
  });

  it("fails only the item whose own timer threw, and keeps the handler alive through an ended item's leftover", async () => {
    await manager().registry.register({ clsid: randomUUID(), name: 'stray', command: [process.execPath, fixture('stray-error-sdk-handler.js')], events: [] });
    const [handler] = (await manager().sync()).handlers;
    expect(handler!.result).toBe('succeeded');
    expect(handler!.items.map((i) => [i.name, i.status])).toEqual([
      ['stray', 'failed'],
      ['leftover', 'succeeded'],
      ['steady', 'succeeded'],
    ]);
    expect(handler!.items[0]!.text).toContain('the stray timer of item stray');
    expect(handler!.log.map((e) => e.text)).toEqual([expect.stringContaining('the stray timer of item stray')]);
  });
});
