/** One benchmark's figure, as `--json` writes it. */
export interface BenchResult {
  name: string;
  value: number;
  unit: string;
  baseline: number | null;
  ratio: number | null;
  goal?: string;
  /** Whether the figure meets its goal (with `goal`). */
  met?: boolean;
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
export async function alternate(
  rounds: number,
  host: () => Promise<number>,
  baseline: () => Promise<number>,
): Promise<{ host: number; baseline: number; ratio: number }> {
  const { host: h, baseline: b } = await alternateSamples(
    rounds,
    async () => ({ value: await host() }),
    async () => ({ value: await baseline() }),
  );
  return { host: h.value, baseline: b.value, ratio: h.value / b.value };
}

/** Like alternate, for rounds that measure several figures at once (the two sides' may differ): the median of each. */
export async function alternateSamples<H extends string, B extends string = H>(
  rounds: number,
  host: () => Promise<Record<H, number>>,
  baseline: () => Promise<Record<B, number>>,
): Promise<{ host: Record<H, number>; baseline: Record<B, number> }> {
  const hostRounds: Record<H, number>[] = [];
  const baseRounds: Record<B, number>[] = [];
  for (let i = 0; i < rounds; i++) {
    baseRounds.push(await baseline());
    hostRounds.push(await host());
  }
  return { host: medians(hostRounds), baseline: medians(baseRounds) };
}

function medians<K extends string>(rounds: Record<K, number>[]): Record<K, number> {
  const keys = Object.keys(rounds[0] ?? {}) as K[];
  return Object.fromEntries(keys.map((key) => [key, median(rounds.map((round) => round[key]))])) as Record<K, number>;
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
