/** One benchmark's figure, as `--json` writes it. */
export interface BenchResult {
  name: string;
  value: number;
  unit: string;
  baseline: number | null;
  ratio: number | null;
  goal?: string;
  note?: string;
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

/** Runs the host's path and the baseline alternately, `rounds` times each; medians and their ratio. */
export async function alternate(rounds: number, host: () => Promise<number>, baseline: () => Promise<number>): Promise<{ host: number; baseline: number; ratio: number }> {
  const hostTimes: number[] = [];
  const baseTimes: number[] = [];
  for (let i = 0; i < rounds; i++) {
    baseTimes.push(await baseline());
    hostTimes.push(await host());
  }
  const h = median(hostTimes);
  const b = median(baseTimes);
  return { host: h, baseline: b, ratio: h / b };
}

/** Samples this process's RSS while work runs; resolves to the work's result and the peak. */
export async function withPeakRss<T>(work: () => Promise<T>): Promise<{ result: T; peakRss: number }> {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  try {
    const result = await work();
    return { result, peakRss: Math.max(peak, process.memoryUsage().rss) };
  } finally {
    clearInterval(timer);
  }
}
