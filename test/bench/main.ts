// npm run bench [-- --quick] [-- --json FILE]: the host's path against a bare vscode-jsonrpc baseline,
// alternating in one process run; prints medians and ratios (host / baseline).
import { execFile } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs, promisify } from 'node:util';
import { bareHandshake, bareSession } from './bare-session.js';
import { benchManager, hostColdStart, hostSession } from './host-session.js';
import { alternate, percentile, withPeakRss, type BenchResult } from './measure.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const sdkHandler = path.join(here, 'sdk-handler.js');
const baselineChild = path.join(here, 'baseline-child.js');
const { values } = parseArgs({ options: { quick: { type: 'boolean', default: false }, json: { type: 'string' }, only: { type: 'string' } } });
const quick = values.quick;
const results: BenchResult[] = [];
const execFileAsync = promisify(execFile);
const mb = (bytes: number) => bytes / 1024 / 1024;

function report(result: BenchResult): void {
  results.push(result);
  const base = result.baseline === null ? '' : `  baseline ${result.baseline.toFixed(1)} ${result.unit}  ratio ${result.ratio!.toFixed(2)}`;
  console.log(`${result.name.padEnd(34)} ${result.value.toFixed(1).padStart(10)} ${result.unit.padEnd(8)}${base}${result.goal ? `  (goal ${result.goal})` : ''}${result.note ? `  ${result.note}` : ''}`);
}

async function b1ColdStart(): Promise<void> {
  const bench = await benchManager([{ script: sdkHandler, env: { ITEMS: '0' } }]);
  const rounds = quick ? 21 : 41;
  const { host, baseline, ratio } = await alternate(rounds, () => hostColdStart(bench.manager), async () => {
    const { ms, end } = await bareHandshake(baselineChild);
    await end();
    return ms;
  });
  report({ name: 'B1 cold start (to handshake)', value: host, unit: 'ms', baseline, ratio, goal: 'ratio ≤ 1.15' });
  await bench.dispose();
}

async function b2SessionOverhead(): Promise<void> {
  const items = '10000';
  const bench = await benchManager([{ script: sdkHandler, env: { ITEMS: items } }]);
  const { host, baseline, ratio } = await alternate(quick ? 3 : 7, () => hostSession(bench.manager), () => bareSession(baselineChild, { ITEMS: items }));
  report({ name: 'B2 session, 10,000 items', value: host, unit: 'ms', baseline, ratio, goal: 'ratio ≤ 1.25' });
  await bench.dispose();
}

async function b3ProgressFlood(): Promise<void> {
  const updates = 200_000;
  const pingFile = path.join(os.tmpdir(), `syncmgr-bench-ping-${process.pid}.json`);
  const bench = await benchManager([
    { script: sdkHandler, env: { ITEMS: '100', UPDATES: String(updates / 100) } },
    { script: baselineChild, env: { ITEMS: '1', PING: '300', PING_FILE: pingFile } },
  ]);
  const session = await bench.manager.createSession();
  let syncStarted = 0;
  let syncEnded = 0;
  session.on('handlerPhase', (h, phase) => h.name === 'bench (SDK)' && phase === 'synchronize' && (syncStarted = performance.now()));
  session.on('handlerFinished', (h) => h.name === 'bench (SDK)' && (syncEnded = performance.now()));
  const result = await session.run();
  const flood = result.handlers.find((h) => h.name === 'bench (SDK)')!;
  const lastStatesKept = flood.items.length === 100 && flood.items.every((i) => i.status === 'succeeded');
  const rate = updates / ((syncEnded - syncStarted) / 1000);
  const baselineMs = await bareSession(baselineChild, { ITEMS: '0', FLOOD: String(updates) });
  const baselineRate = updates / (baselineMs / 1000);
  report({ name: 'B3 progress flood, effective rate', value: rate, unit: 'upd/s', baseline: baselineRate, ratio: rate / baselineRate, goal: 'ratio ≥ 5', note: lastStatesKept ? 'every last state kept' : 'LAST STATES LOST' });
  const rtts = JSON.parse(readFileSync(pingFile, 'utf8')) as number[];
  report({ name: 'B3 answer time during flood, p50', value: percentile(rtts, 50), unit: 'ms', baseline: null, ratio: null });
  report({ name: 'B3 answer time during flood, p99', value: percentile(rtts, 99), unit: 'ms', baseline: null, ratio: null, goal: '≤ 20 ms' });
  await bench.dispose();
}

/** RSS of this host's handler processes, summed (from /proc, by the SYNCMGR_HOST_PID marker). */
function handlerRss(): number {
  let total = 0;
  for (const pid of readdirSync('/proc').filter((e) => /^\d+$/.test(e))) {
    try {
      if (!readFileSync(`/proc/${pid}/environ`, 'utf8').includes(`SYNCMGR_HOST_PID=${process.pid}\0`)) continue;
      total += Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) * 1024;
    } catch {
      // gone
    }
  }
  return total;
}

async function b4FanOut(): Promise<void> {
  for (const count of [1, 8, 32, 64]) {
    const bench = await benchManager([{ script: sdkHandler, env: { ITEMS: '100' }, count }]);
    let children = 0;
    const sampler = setInterval(() => (children = Math.max(children, handlerRss())), 100);
    const started = performance.now();
    const { peakRss } = await withPeakRss(() => bench.manager.sync());
    const wall = performance.now() - started;
    clearInterval(sampler);
    report({ name: `B4 fan-out ${count} × 100 items, wall`, value: wall, unit: 'ms', baseline: null, ratio: null });
    report({ name: `B4 fan-out ${count}, host peak RSS`, value: mb(peakRss), unit: 'MB', baseline: null, ratio: null });
    report({ name: `B4 fan-out ${count}, RSS per handler`, value: mb(children / count), unit: 'MB', baseline: null, ratio: null, note: 'peak of the sum, sampled' });
    await bench.dispose();
  }
}

async function b5MillionItems(): Promise<void> {
  const { stdout } = await execFileAsync(process.execPath, [path.join(here, 'million-items.js')], { maxBuffer: 1024 * 1024 });
  const { seconds, peakRss, result } = JSON.parse(stdout) as { seconds: number; peakRss: number; result: string };
  report({ name: 'B5 1,000,000 items enumerated', value: seconds, unit: 's', baseline: null, ratio: null, note: result === 'succeeded' ? '' : `handler ${result}` });
  report({ name: 'B5 host peak RSS', value: mb(peakRss), unit: 'MB', baseline: null, ratio: null, goal: '≤ 256 MB', note: 'in a host process of its own' });
}

const benchmarks: Record<string, () => Promise<void>> = { b1: b1ColdStart, b2: b2SessionOverhead, b3: b3ProgressFlood, b4: b4FanOut, b5: b5MillionItems };
console.log(`syncmgr benchmarks${quick ? ' (quick)' : ''} on ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, node ${process.version}`);
for (const [name, run] of Object.entries(benchmarks)) {
  if (values.only && !values.only.split(',').includes(name)) continue;
  await run();
}
if (values.json) writeFileSync(values.json, JSON.stringify(results, null, 2) + '\n');
