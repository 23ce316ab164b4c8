import { describe, expect, it } from '@jest/globals';
import { Scheduler } from '@syncmgr/host/internal/daemon/triggers/scheduler.js';
import type { StoredSchedule } from '@syncmgr/host/internal/daemon/triggers/schedule-store.js';
import { FakeTimers } from '../support/fake-timers.js';

function schedule(cron: string, times: { createdAt: string; lastRun?: string }): StoredSchedule {
  return { scheduleId: 'a', cron, ...times };
}

function recording(timers: FakeTimers) {
  const runs: string[] = [];
  const scheduler = new Scheduler((_schedule, at) => {
    runs.push(`${at.toISOString()} at ${timers.now().toISOString()}`);
    return Promise.resolve();
  }, timers);
  return { runs, scheduler };
}

describe('Scheduler', () => {
  it('fires a per-second schedule each second, with one timer armed for the next run only', () => {
    const timers = new FakeTimers(new Date('2026-01-01T00:00:00.000Z'));
    const { runs, scheduler } = recording(timers);
    scheduler.sync([schedule('* * * * * *', { createdAt: '2026-01-01T00:00:00.000Z' })]);
    expect(timers.delays()).toEqual([1000]);
    timers.advance(3000);
    expect(runs).toEqual([
      '2026-01-01T00:00:01.000Z at 2026-01-01T00:00:01.000Z',
      '2026-01-01T00:00:02.000Z at 2026-01-01T00:00:02.000Z',
      '2026-01-01T00:00:03.000Z at 2026-01-01T00:00:03.000Z',
    ]);
    expect(timers.delays()).toEqual([1000]);
    expect(scheduler.nextRun('a')?.toISOString()).toBe('2026-01-01T00:00:04.000Z');
  });

  it('runs a schedule missed five times while stopped once, now, then waits for its next fire time', () => {
    const timers = new FakeTimers(new Date('2026-01-01T05:30:00.000Z'));
    const { runs, scheduler } = recording(timers);
    scheduler.sync([schedule('0 * * * *', { createdAt: '2025-12-01T00:00:00.000Z', lastRun: '2026-01-01T00:00:00.000Z' })]);
    expect(runs).toEqual(['2026-01-01T05:30:00.000Z at 2026-01-01T05:30:00.000Z']);
    expect(timers.delays()).toEqual([30 * 60_000]);
    // Re-armed (a schedule added) before that run is recorded as lastRun: it does not run again.
    scheduler.sync([schedule('0 * * * *', { createdAt: '2025-12-01T00:00:00.000Z', lastRun: '2026-01-01T00:00:00.000Z' })]);
    expect(runs).toHaveLength(1);
  });

  it('counts a schedule never run from when it was added', () => {
    const timers = new FakeTimers(new Date('2026-01-01T05:30:00.000Z'));
    const { runs, scheduler } = recording(timers);
    scheduler.sync([schedule('0 * * * *', { createdAt: '2026-01-01T05:10:00.000Z' })]);
    expect(runs).toEqual([]);
    scheduler.sync([schedule('0 * * * *', { createdAt: '2026-01-01T04:10:00.000Z' })]);
    expect(runs).toHaveLength(1);
  });

  it('waits in steps for a fire time beyond what one timer holds, and runs it once', () => {
    const timers = new FakeTimers(new Date('2026-01-01T00:00:00.000Z'));
    const { runs, scheduler } = recording(timers);
    scheduler.sync([schedule('0 0 1 6 *', { createdAt: '2026-01-01T00:00:00.000Z' })]);
    expect(timers.delays()[0]).toBe(2 ** 31 - 1);
    timers.advance(Date.parse('2026-06-01T00:00:00.000Z') - Date.parse('2026-01-01T00:00:00.000Z'));
    expect(runs).toEqual(['2026-06-01T00:00:00.000Z at 2026-06-01T00:00:00.000Z']);
  });

  it('follows the time zone of a schedule', () => {
    const timers = new FakeTimers(new Date('2026-01-01T00:00:00.000Z'));
    const { scheduler } = recording(timers);
    scheduler.sync([{ ...schedule('0 9 * * *', { createdAt: '2026-01-01T00:00:00.000Z' }), timeZone: 'Asia/Tokyo' }]);
    expect(scheduler.nextRun('a')?.toISOString()).toBe('2026-01-02T00:00:00.000Z');
  });

  it('clears every timer on stop', () => {
    const timers = new FakeTimers(new Date('2026-01-01T00:00:00.000Z'));
    const { runs, scheduler } = recording(timers);
    scheduler.sync([schedule('* * * * * *', { createdAt: '2026-01-01T00:00:00.000Z' })]);
    scheduler.stop();
    expect(timers.armed).toBe(0);
    timers.advance(5000);
    expect(runs).toEqual([]);
  });
});
