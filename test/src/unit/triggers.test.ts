import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { HResult, type Guid } from '@syncmgr/protocol';
import type { RegistryEntry, RegisterEvent } from '@syncmgr/host/internal/registry/registry-entry.js';
import { runPendingDisconnect } from '@syncmgr/host/internal/daemon/triggers/pending-disconnect.js';
import { ScheduleStore } from '@syncmgr/host/internal/daemon/triggers/schedule-store.js';
import { Triggers } from '@syncmgr/host/internal/daemon/triggers/triggers.js';
import { FakeJobs } from '../support/fake-jobs.js';
import { FakeTimers } from '../support/fake-timers.js';
import { tempDir } from '../support/temp-dir.js';

const IDLE = '00000000-0000-0000-0000-000000000001';
const LOGOFF = '00000000-0000-0000-0000-000000000002';
const PLAIN = '00000000-0000-0000-0000-000000000003';

function entry(clsid: Guid, events: RegisterEvent[]): RegistryEntry {
  return { clsid, name: clsid.slice(-1), command: ['true'], events, registeredAt: '2026-01-01T00:00:00.000Z' };
}

// Lets the awaits before a timer is armed (reading the registry) run, without any wall clock.
async function settle(): Promise<void> {
  for (let i = 0; i < 20; i++) await new Promise((resolve) => setImmediate(resolve));
}

describe('Triggers', () => {
  let dir: { dir: string; remove: () => Promise<void> };
  let jobs: FakeJobs;
  let timers: FakeTimers;
  let store: ScheduleStore;
  let entries: RegistryEntry[];
  let quarantined: Set<Guid>;
  let triggers: Triggers;

  beforeEach(async () => {
    dir = await tempDir();
    jobs = new FakeJobs();
    timers = new FakeTimers(new Date('2026-01-01T05:30:00.000Z'));
    store = new ScheduleStore(path.join(dir.dir, 'schedules.json'), () => timers.now());
    entries = [entry(IDLE, ['idle', 'connect']), entry(LOGOFF, ['pendingdisconnect']), entry(PLAIN, [])];
    quarantined = new Set();
    triggers = new Triggers({
      jobs,
      store,
      handlers: () => Promise.resolve(entries),
      isQuarantined: (c) => quarantined.has(c),
      timers,
      pendingDisconnectTimeoutMs: 30_000,
    });
  });
  afterEach(async () => {
    triggers.stop();
    await dir.remove();
  });

  it('idle starts a session of the handlers registered for idle; idle ending cancels the idle sessions', async () => {
    expect(await triggers.trigger('idle', { idle: true })).toEqual({ hr: HResult.S_OK, sessionId: 'session-1' });
    expect(jobs.submitted).toEqual([{ event: 'idle', clsids: [IDLE], triggered: true }]);
    expect(await triggers.trigger('idle', { idle: false })).toEqual({ hr: HResult.S_OK });
    expect(jobs.cancelled).toEqual(['idle']);
    expect(jobs.submitted).toHaveLength(1);
  });

  it('answers S_FALSE and starts nothing when no handler is registered for the event, or all are quarantined', async () => {
    entries = [entry(PLAIN, [])];
    expect(await triggers.trigger('idle')).toEqual({ hr: HResult.S_FALSE });
    expect(await triggers.trigger('connect')).toEqual({ hr: HResult.S_FALSE });
    expect(await triggers.trigger('pendingDisconnect')).toEqual({ hr: HResult.S_FALSE });
    quarantined.add(PLAIN);
    expect(await triggers.trigger('scheduled')).toEqual({ hr: HResult.S_FALSE });
    expect(jobs.submitted).toEqual([]);
  });

  it('runs every handler not quarantined for the scheduled event', async () => {
    quarantined.add(LOGOFF);
    await triggers.trigger('scheduled');
    expect(jobs.submitted).toEqual([{ event: 'scheduled', clsids: [IDLE, PLAIN], triggered: true }]);
  });

  it('pendingDisconnect answers when its session has ended', async () => {
    let answered = false;
    const answer = triggers.trigger('pendingDisconnect').then((result) => ((answered = true), result));
    await settle();
    expect(jobs.submitted).toEqual([{ event: 'pendingdisconnect', clsids: [LOGOFF], triggered: true }]);
    expect(answered).toBe(false);
    jobs.end('session-1');
    expect(await answer).toEqual({ hr: HResult.S_OK, sessionId: 'session-1' });
    expect(timers.armed).toBe(0);
  });

  it('pendingDisconnect gives up at its timeout, and runPendingDisconnect then resolves', async () => {
    const lines: string[] = [];
    let done = false;
    const stopping = runPendingDisconnect(triggers, 5_000, (line) => lines.push(line)).then(() => (done = true));
    await settle();
    expect(timers.delays()).toEqual([5_000]);
    timers.advance(4_999);
    await settle();
    expect(done).toBe(false);
    timers.advance(1);
    await stopping;
    expect(lines).toHaveLength(1);
  });

  it('runPendingDisconnect resolves when the session cannot even start', async () => {
    const failing = new Triggers({ jobs, store, handlers: () => Promise.reject(new Error('registry unreadable')), timers });
    await expect(runPendingDisconnect(failing, 5_000)).resolves.toBeUndefined();
  });

  it('at start: the connect trigger, and a schedule missed while stopped runs once, recorded as its last run', async () => {
    await store.add({ cron: '0 * * * *', clsids: [PLAIN] });
    await store.recordRun((await store.list())[0]!.scheduleId, new Date('2026-01-01T00:00:00.000Z'));
    await triggers.start();
    await triggers.settled();
    expect(jobs.submitted).toEqual([
      { event: 'scheduled', clsids: [PLAIN], triggered: true },
      { event: 'connect', clsids: [IDLE], triggered: true },
    ]);
    expect((await store.list())[0]!.lastRun).toBe('2026-01-01T05:30:00.000Z');
    expect(timers.delays()).toEqual([30 * 60_000]);
  });

  it('adds, lists and removes schedules, armed at once and shown with their next run', async () => {
    const { schedule: added } = await triggers.addSchedule({ cron: '*/10 * * * * *', itemIds: ['00000000-0000-0000-0000-0000000000aa'] });
    expect(added).toMatchObject({ cron: '*/10 * * * * *', nextRun: '2026-01-01T05:30:10.000Z' });
    expect(added).not.toHaveProperty('createdAt');
    expect(await triggers.listSchedules()).toEqual({ schedules: [added] });
    timers.advance(10_000);
    await triggers.settled();
    expect(jobs.submitted).toEqual([{ event: 'scheduled', clsids: [IDLE, LOGOFF, PLAIN], itemIds: ['00000000-0000-0000-0000-0000000000aa'], triggered: true }]);
    expect(await triggers.removeSchedule(added.scheduleId)).toEqual({ hr: HResult.S_OK });
    expect(await triggers.removeSchedule(added.scheduleId)).toEqual({ hr: HResult.S_FALSE });
    expect(timers.armed).toBe(0);
  });

  it('refuses a schedule whose cron does not parse with USAGE', async () => {
    await expect(triggers.addSchedule({ cron: '* * *' })).rejects.toMatchObject({ code: 'USAGE' });
  });
});
