import { readFileSync } from 'node:fs';
import { handlersOfThisHost } from '../src/support/processes.js';

/**
 * The RSS of the processes this one started, summed: found by the SYNCMGR_HOST_PID marker, which
 * the host sets for its handlers and the bare baseline for its children too.
 */
export function childRss(): number {
  let total = 0;
  for (const { pid } of handlersOfThisHost()) {
    try {
      total += Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) * 1024;
    } catch {
      // the process ended while we looked
    }
  }
  return total;
}

/** Samples childRss() every 100 ms while work runs; resolves to the work's result and the peak sum. */
export async function withPeakChildRss<T>(work: () => Promise<T>): Promise<{ result: T; peakChildRss: number }> {
  let peak = 0;
  const timer = setInterval(() => (peak = Math.max(peak, childRss())), 100);
  try {
    const result = await work();
    return { result, peakChildRss: peak };
  } finally {
    clearInterval(timer);
  }
}
