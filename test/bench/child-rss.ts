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

// Soon after the start, then every 100 ms: a session of one bare child can end within 100 ms, and
// a sampler that only woke at 100 ms found nothing to measure (a median of 0 MB).
const FIRST_SAMPLES_MS = [10, 30, 60];
const SAMPLE_EVERY_MS = 100;

/** Samples childRss() while work runs; resolves to the work's result and the peak sum. */
export async function withPeakChildRss<T>(work: () => Promise<T>): Promise<{ result: T; peakChildRss: number }> {
  let peak = 0;
  const sample = () => (peak = Math.max(peak, childRss()));
  const first = FIRST_SAMPLES_MS.map((ms) => setTimeout(sample, ms));
  const timer = setInterval(sample, SAMPLE_EVERY_MS);
  try {
    const result = await work();
    return { result, peakChildRss: peak };
  } finally {
    first.forEach(clearTimeout);
    clearInterval(timer);
  }
}
