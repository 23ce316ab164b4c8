import type { StoredSchedule } from './schedule-store.js';
import { cronOf } from './cron-check.js';
import { MAX_TIMER_MS, realTimers, type Timers } from './timers.js';

/** Runs one schedule's session; `at` is the fire time it is for. */
export type RunSchedule = (schedule: StoredSchedule, at: Date) => Promise<void>;

interface Armed {
  handle: unknown;
  due: Date;
}

/**
 * One timer per schedule, for its next fire time only: an idle daemon wakes when a schedule is due
 * and never in between. A fire time missed while no daemon ran (after the last run, or after the
 * schedule was added) runs once when the scheduler learns of it, as systemd's Persistent=true.
 */
export class Scheduler {
  private readonly armed = new Map<string, Armed>();
  // Fire times already run but maybe not yet written as lastRun: never run twice for one.
  private readonly lastFired = new Map<string, Date>();
  private schedules: StoredSchedule[] = [];
  private readonly inFlight = new Set<Promise<void>>();

  constructor(
    private readonly run: RunSchedule,
    private readonly timers: Timers = realTimers,
    private readonly log: (line: string) => void = () => {},
  ) {}

  /** Re-arms for exactly these schedules (after start, add or remove); a missed run of one runs now. */
  sync(schedules: readonly StoredSchedule[]): void {
    this.stop();
    this.schedules = [...schedules];
    const now = this.timers.now();
    for (const schedule of this.schedules) {
      const next = this.nextAfter(schedule, this.reference(schedule));
      if (next && next.getTime() <= now.getTime()) this.fire(schedule, now);
      else this.arm(schedule, now);
    }
  }

  /** The next fire time of a schedule, for `schedule list`; undefined when it has none left. */
  nextRun(scheduleId: string): Date | undefined {
    return this.armed.get(scheduleId)?.due;
  }

  /** Resolves when the runs started so far have submitted their session and recorded their last run. */
  async settled(): Promise<void> {
    await Promise.all([...this.inFlight]);
  }

  /** Clears every timer: nothing keeps the process alive or runs after this. */
  stop(): void {
    for (const { handle } of this.armed.values()) this.timers.clearTimeout(handle);
    this.armed.clear();
  }

  // Missed runs count from the last run, or for one never run from when it was added.
  private reference(schedule: StoredSchedule): Date {
    const stored = new Date(schedule.lastRun ?? schedule.createdAt).getTime();
    const fired = this.lastFired.get(schedule.scheduleId)?.getTime() ?? 0;
    return new Date(Math.max(Number.isNaN(stored) ? 0 : stored, fired));
  }

  private nextAfter(schedule: StoredSchedule, after: Date): Date | undefined {
    try {
      return cronOf(schedule.cron, schedule.timeZone).nextRun(after) ?? undefined;
    } catch (error) {
      // Validated when added; a file edited by hand may still hold a bad one: the others go on.
      this.log(`schedule ${schedule.scheduleId} is not armed: ${(error as Error).message}`);
      return undefined;
    }
  }

  // Arms the timer for the first fire time strictly after `after`.
  private arm(schedule: StoredSchedule, after: Date): void {
    const due = this.nextAfter(schedule, after);
    if (due) this.armAt(schedule, due);
  }

  private wake(schedule: StoredSchedule, due: Date): void {
    this.armed.delete(schedule.scheduleId);
    // A step towards a fire time beyond what one timer holds: wait again.
    if (this.timers.now().getTime() < due.getTime() - 1) return this.armAt(schedule, due);
    this.fire(schedule, due);
  }

  private armAt(schedule: StoredSchedule, due: Date): void {
    const wait = due.getTime() - this.timers.now().getTime();
    const handle = this.timers.setTimeout(() => this.wake(schedule, due), Math.min(Math.max(wait, 0), MAX_TIMER_MS));
    this.armed.set(schedule.scheduleId, { handle, due });
  }

  // Runs once for `at`, then arms the next fire time after it and after now: a timer woken late
  // (a suspended laptop) runs once, not once per fire time it slept through.
  private fire(schedule: StoredSchedule, at: Date): void {
    this.lastFired.set(schedule.scheduleId, at);
    const running = this.run(schedule, at)
      .catch((error: unknown) => this.log(`schedule ${schedule.scheduleId} did not run: ${(error as Error).message}`))
      .finally(() => this.inFlight.delete(running));
    this.inFlight.add(running);
    this.arm(schedule, new Date(Math.max(at.getTime(), this.timers.now().getTime())));
  }
}
