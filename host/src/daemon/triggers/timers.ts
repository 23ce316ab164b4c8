/** The clock and the one-shot timers the triggers use: injected, so tests drive time themselves. */
export interface Timers {
  now(): Date;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const realTimers: Timers = {
  now: () => new Date(),
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

/** Node's timers hold at most 2^31 - 1 ms (24.8 days); a later fire time is reached in steps. */
export const MAX_TIMER_MS = 2 ** 31 - 1;
