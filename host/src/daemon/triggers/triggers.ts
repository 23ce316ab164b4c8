import {
  HResult,
  type AddScheduleParams,
  type Guid,
  type ListSchedulesResult,
  type Schedule,
  type ScheduleResult,
  type TriggerIdleParams,
  type TriggerResult,
} from '@syncmgr/protocol';
import { entryWantsEvent, type RegistryEntry } from '../../registry/registry-entry.js';
import type { SyncEvent } from '../../sync-event.js';
import type { JobSubmitter } from './job-submitter.js';
import type { ScheduleStore, StoredSchedule } from './schedule-store.js';
import { Scheduler } from './scheduler.js';
import { realTimers, type Timers } from './timers.js';

/** The events that come from outside the daemon (trigger/*). */
export type TriggerEvent = 'connect' | 'pendingDisconnect' | 'idle' | 'scheduled';

/** What the triggers need from the daemon; everything but `jobs`, `store` and `handlers` has a default. */
export interface TriggersOptions {
  jobs: JobSubmitter;
  store: ScheduleStore;
  /** The registered handlers (Registry.list), read at each trigger: registrations change while the daemon runs. */
  handlers: () => Promise<RegistryEntry[]>;
  /** Handlers that triggers skip (restart intensity); default none. */
  isQuarantined?: (clsid: Guid) => boolean;
  /** How long trigger/pendingDisconnect waits for its session (default DEFAULT_PENDING_DISCONNECT_MS). */
  pendingDisconnectTimeoutMs?: number;
  timers?: Timers;
  /** One line per thing worth telling the daemon's log (a schedule that did not run). */
  log?: (line: string) => void;
}

/** systemd gives a unit 90 s to stop; logoff sync must end well within it. */
export const DEFAULT_PENDING_DISCONNECT_MS = 30_000;

/** The pending-disconnect session's outcome: `ended` false when the wait gave up at its timeout. */
export interface PendingDisconnectOutcome {
  result: TriggerResult;
  ended: boolean;
}

// Trigger methods are camelCase (trigger/pendingDisconnect); a session carries the host's SyncEvent name.
const SYNC_EVENT: Record<TriggerEvent, SyncEvent> = { connect: 'connect', pendingDisconnect: 'pendingdisconnect', idle: 'idle', scheduled: 'scheduled' };

const FALSE: TriggerResult = { hr: HResult.S_FALSE };

/**
 * The daemon's triggers: schedules (store and timers), and the events from outside (trigger/*),
 * each starting a session of the handlers that event applies to, quarantined ones left out.
 */
export class Triggers {
  private readonly scheduler: Scheduler;
  private readonly timers: Timers;
  private readonly log: (line: string) => void;

  constructor(private readonly options: TriggersOptions) {
    this.timers = options.timers ?? realTimers;
    this.log = options.log ?? (() => {});
    this.scheduler = new Scheduler((schedule, at) => this.runSchedule(schedule, at), this.timers, this.log);
  }

  /** At daemon start: the connect trigger (logon), then the schedules, a missed run of each once. */
  async start(): Promise<TriggerResult> {
    this.scheduler.sync(await this.options.store.list());
    try {
      return await this.trigger('connect');
    } catch (error) {
      // A registry that cannot be read now must not keep the daemon from starting.
      this.log(`the connect trigger at start did not run: ${(error as Error).message}`);
      return FALSE;
    }
  }

  /** Resolves when the schedule runs started so far are recorded: the daemon awaits it before it exits. */
  settled(): Promise<void> {
    return this.scheduler.settled();
  }

  /** Clears every timer (the daemon is stopping). */
  stop(): void {
    this.scheduler.stop();
  }

  async addSchedule(params: AddScheduleParams): Promise<ScheduleResult> {
    const stored = await this.options.store.add(params);
    await this.rearm();
    return { schedule: this.withNextRun(stored) };
  }

  async listSchedules(): Promise<ListSchedulesResult> {
    return { schedules: (await this.options.store.list()).map((s) => this.withNextRun(s)) };
  }

  /** S_FALSE for a schedule that does not exist. */
  async removeSchedule(scheduleId: string): Promise<{ hr: number }> {
    const removed = await this.options.store.remove(scheduleId);
    if (removed) await this.rearm();
    return { hr: removed ? HResult.S_OK : HResult.S_FALSE };
  }

  /** trigger/*: S_OK with the session started or queued, S_FALSE when no handler takes part in the event. */
  async trigger(event: TriggerEvent, params: TriggerIdleParams = {}): Promise<TriggerResult> {
    switch (event) {
      case 'pendingDisconnect':
        return (await this.pendingDisconnect(this.options.pendingDisconnectTimeoutMs ?? DEFAULT_PENDING_DISCONNECT_MS)).result;
      case 'idle':
        // SyncMgr stopped its idle syncs when the user came back.
        if (params.idle === false) return { hr: this.options.jobs.cancelEvent('idle') > 0 ? HResult.S_OK : HResult.S_FALSE };
        return this.submit('idle');
      case 'connect':
      case 'scheduled':
        return this.submit(event);
    }
  }

  /** The logoff session, waited for until it ends or `timeoutMs` passes, whichever is first. */
  async pendingDisconnect(timeoutMs: number): Promise<PendingDisconnectOutcome> {
    const result = await this.submit('pendingDisconnect');
    if (result.sessionId === undefined) return { result, ended: true };
    let handle: unknown;
    const gaveUp = new Promise<false>((resolve) => (handle = this.timers.setTimeout(() => resolve(false), timeoutMs)));
    const ended = this.options.jobs.finished(result.sessionId).then(
      () => true,
      () => true, // interrupted or unknown: either way it no longer runs
    );
    try {
      return { result, ended: await Promise.race([ended, gaveUp]) };
    } finally {
      this.timers.clearTimeout(handle);
    }
  }

  private async submit(event: TriggerEvent, schedule?: StoredSchedule): Promise<TriggerResult> {
    const clsids = await this.participants(event, schedule?.clsids);
    if (clsids.length === 0) return FALSE;
    const job = await this.options.jobs.submit({
      event: SYNC_EVENT[event],
      clsids,
      ...(schedule?.itemIds !== undefined ? { itemIds: schedule.itemIds } : {}),
      triggered: true,
    });
    return { hr: HResult.S_OK, sessionId: job.sessionId };
  }

  // The handlers an event applies to (those registered for logon, logoff and idle; every one for a
  // schedule, or those it names), without the quarantined: named explicitly, so none slips in.
  private async participants(event: TriggerEvent, named: readonly Guid[] | undefined): Promise<Guid[]> {
    const entries = await this.options.handlers();
    const registered = named ? entries.filter((e) => named.includes(e.clsid)) : entries.filter((e) => entryWantsEvent(e, SYNC_EVENT[event]));
    const quarantined = this.options.isQuarantined ?? (() => false);
    return registered.map((e) => e.clsid).filter((clsid) => !quarantined(clsid));
  }

  private async runSchedule(schedule: StoredSchedule, at: Date): Promise<void> {
    const result = await this.submit('scheduled', schedule);
    if (result.hr === HResult.S_FALSE) this.log(`schedule ${schedule.scheduleId}: no handler to run`);
    await this.options.store.recordRun(schedule.scheduleId, at);
  }

  private async rearm(): Promise<void> {
    this.scheduler.sync(await this.options.store.list());
  }

  private withNextRun(stored: StoredSchedule): Schedule {
    const { createdAt: _createdAt, ...schedule } = stored;
    const next = this.scheduler.nextRun(stored.scheduleId);
    return { ...schedule, ...(next ? { nextRun: next.toISOString() } : {}) };
  }
}
