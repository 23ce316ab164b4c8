import { EventLog } from '@syncmgr/host/internal/daemon/event-log.js';

describe('EventLog', () => {
  it('numbers events from 1 without a gap and returns those after a number', () => {
    const log = new EventLog();
    for (let n = 0; n < 5; n++) log.add({ kind: 'warning', text: `w${n}` });
    expect(log.last).toBe(5);
    expect(log.since(2)).toEqual({ events: log.since(0).events.slice(2), complete: true });
    expect(log.since(2).events.map((e) => e.seq)).toEqual([3, 4, 5]);
  });

  it('keeps events within its byte bound and says when some after a number were dropped', () => {
    const log = new EventLog(4096);
    for (let n = 0; n < 200; n++) log.add({ kind: 'warning', text: 'x'.repeat(100) });
    const kept = log.since(0);
    expect(kept.complete).toBe(false);
    expect(JSON.stringify(kept.events).length).toBeLessThanOrEqual(4096 + kept.events.length);
    const oldest = kept.events[0]?.seq ?? 0;
    expect(kept.events.map((e) => e.seq)).toEqual(Array.from({ length: 200 - oldest + 1 }, (_, i) => oldest + i));
    expect(log.since(oldest - 1).complete).toBe(true);
    expect(log.since(oldest - 2).complete).toBe(false);
  });
});
