import { HostError } from './errors.js';

/** The longest delay Node's timers keep: a longer one overflows and fires after 1 ms. */
export const MAX_TIMEOUT_MS = 2 ** 31 - 1;

/** A timeout of 0: the host waits without bound (no timer is armed). */
export const NO_TIMEOUT = 0;

/**
 * A timeout given in seconds, in milliseconds; 0 means none. HostError USAGE when it is not a
 * number, negative, or above MAX_TIMEOUT_MS (which Node's timers would turn into 1 ms).
 */
export function timeoutMs(seconds: number, what: string): number {
  if (!Number.isFinite(seconds) || seconds < 0) throw new HostError('USAGE', `${what} must be a number of seconds, 0 or more; got ${seconds}`);
  const ms = Math.round(seconds * 1000);
  if (ms > MAX_TIMEOUT_MS) {
    throw new HostError('USAGE', `${what} of ${seconds} s is longer than the ${MAX_TIMEOUT_MS / 1000} s a timer can wait; use 0 for no timeout`);
  }
  return ms;
}
