// Timeouts in seconds become timer delays: 0 is none, and one Node's timers would overflow is refused.
import { afterEach, beforeEach, jest } from '@jest/globals';
import { HostError } from '@syncmgr/host';
import { parseSeconds } from '@syncmgr/host/internal/cli/options.js';
import { HangWatchdog } from '@syncmgr/host/internal/transport/hang-watchdog.js';
import { MAX_TIMEOUT_MS, NO_TIMEOUT, timeoutMs } from '@syncmgr/host/internal/timeouts.js';

function usageErrorOf(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    return error instanceof HostError ? error.code : 'not a HostError';
  }
  return undefined;
}

describe('timeoutMs', () => {
  it('turns seconds into milliseconds, up to the longest delay a timer keeps', () => {
    expect(timeoutMs(1.5, 'x')).toBe(1500);
    expect(timeoutMs(MAX_TIMEOUT_MS / 1000, 'x')).toBe(MAX_TIMEOUT_MS);
  });

  it('takes 0 as no timeout', () => {
    expect(timeoutMs(0, 'x')).toBe(NO_TIMEOUT);
  });

  it.each([1e9, MAX_TIMEOUT_MS / 1000 + 0.001, -1, Number.NaN, Number.POSITIVE_INFINITY])('refuses %p with HostError USAGE', (seconds) => {
    expect(usageErrorOf(() => timeoutMs(seconds, 'x'))).toBe('USAGE');
  });
});

describe('parseSeconds (--hang-timeout, --start-timeout)', () => {
  it('accepts 0 and refuses 1e9 with HostError USAGE', () => {
    expect(parseSeconds('0')).toBe(0);
    expect(usageErrorOf(() => parseSeconds('1e9'))).toBe('USAGE');
  });
});

describe('HangWatchdog with no timeout', () => {
  beforeEach(() => {
    jest.useFakeTimers();
  });
  afterEach(() => {
    jest.useRealTimers();
  });

  it('does not arm when enabled with 0', () => {
    const hangs: string[] = [];
    const watchdog = new HangWatchdog((awaited) => hangs.push(awaited));
    watchdog.enable(NO_TIMEOUT);
    watchdog.begin('the answer to x');
    expect(jest.getTimerCount()).toBe(0);
    jest.advanceTimersByTime(10 * MAX_TIMEOUT_MS);
    expect(hangs).toEqual([]);
    watchdog.dispose();
  });
});
