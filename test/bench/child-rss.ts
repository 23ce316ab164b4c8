import { readdirSync, readFileSync } from 'node:fs';
import { HandlerEnvironment } from '@syncmgr/protocol';

/**
 * The RSS of the processes this one started, summed, found in /proc by the SYNCMGR_HOST_PID
 * marker: the host sets it for its handlers, and the bare baseline sets it for its children too.
 */
export function childRss(parentPid = process.pid): number {
  const marker = `${HandlerEnvironment.HOST_PID}=${parentPid}\0`;
  let total = 0;
  for (const pid of readdirSync('/proc').filter((e) => /^\d+$/.test(e))) {
    try {
      if (!readFileSync(`/proc/${pid}/environ`, 'utf8').includes(marker)) continue;
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
