import { randomUUID } from 'node:crypto';
import { readdirSync } from 'node:fs';
import v8 from 'node:v8';
import vm from 'node:vm';
import { SyncManager } from '@syncmgr/host';
import { fixtureCommand } from '../support/fixtures.js';

/**
 * What this process holds. RSS does not tell a leak: it follows the heap V8 keeps committed, which
 * on the 2-core machine went from 58 to 101 MB over 1,100 sessions, and swung by 20 MB from one
 * sample to the next, while the objects held went from 6.2 to 6.6 MB. So a leak is looked for where
 * it would show: objects still reachable after a full GC (not the JIT's code, which grows as
 * functions are optimised), memory V8 tracks outside its heap (buffers), and open descriptors.
 */
export interface Footprint {
  rssBytes: number;
  /** Reachable objects after a full GC: the heap's used size less its code spaces. */
  objectBytes: number;
  /** Memory outside V8's heap that it tracks: Buffers and other ArrayBuffers. */
  externalBytes: number;
  fds: number;
}

export interface SoakResult {
  sessions: number;
  /** Sessions run before the start was measured. */
  warmUp: number;
  /** Sessions made and not yet collected after the last full GC: 0 unless something holds them. */
  liveSessions: number;
  start: Footprint;
  end: Footprint;
  /** (end - start) / start of objectBytes. */
  objectDrift: number;
  /** end - start of externalBytes. */
  externalGrowthBytes: number;
  fdDrift: number;
  failedAsExpected: number;
  unexpected: string[];
}

// A fault per session in turn; the healthy handlers beside it must always succeed.
const FAULTS: [fixture: string, phase?: string][] = [
  ['exits-with-code-3', 'synchronize'],
  ['kills-itself', 'prepare'],
  ['writes-garbage', 'handlerInfo'],
  ['answers-wrong-shape', 'enumeration'],
  ['throws-uncaught', 'synchronize'],
  ['never-completes', 'synchronize'],
  ['well-behaved'],
];

/**
 * A full garbage collection, with or without --expose-gc (jest's workers have none): the flag can
 * be set at run time, and a new context then has gc.
 */
const fullGc: () => void = (globalThis as { gc?: () => void }).gc ?? (v8.setFlagsFromString('--expose-gc'), vm.runInNewContext('gc') as () => void);

/**
 * Full collections until what they free is freed: V8 releases the memory of dead ArrayBuffers on a
 * background thread after the collection, and runs finalizers as tasks after it, so a figure read
 * at once still counts them (buffers swung by ±5 MB that way).
 */
async function settledGc(): Promise<void> {
  for (let round = 0; round < 3; round++) {
    fullGc();
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  fullGc();
}

/** Measured after settled full garbage collections, so garbage is not counted as growth. */
export async function footprint(): Promise<Footprint> {
  await settledGc();
  const memory = process.memoryUsage();
  const code = v8
    .getHeapSpaceStatistics()
    .filter((space) => space.space_name.startsWith('code'))
    .reduce((sum, space) => sum + space.space_used_size, 0);
  return { rssBytes: memory.rss, objectBytes: memory.heapUsed - code, externalBytes: memory.external, fds: readdirSync('/proc/self/fd').length };
}

/** Runs many sessions in one host process with healthy and faulty handlers; measures the drift. */
export async function runSoak(home: string, sessions: number, onSession?: (index: number) => void): Promise<SoakResult> {
  const manager = new SyncManager({ home });
  const sessionsAlive = countCollected(manager);
  const faulty = randomUUID();
  for (const name of ['healthy-1', 'healthy-2']) {
    await manager.registry.register({ clsid: randomUUID(), name, command: fixtureCommand('well-behaved', { items: 3, name }), events: [] });
  }
  const unexpected: string[] = [];
  let failedAsExpected = 0;
  const runOne = async (index: number) => {
    const [fixture, phase] = FAULTS[index % FAULTS.length]!;
    const command = fixtureCommand(fixture, { name: 'faulty', ...(phase ? { in: phase } : {}) });
    await manager.registry.register({ clsid: faulty, name: 'faulty', command, events: [], hangTimeoutSeconds: 1 });
    const report = await manager.sync();
    for (const handler of report.handlers) {
      const expectFailure = handler.name === 'faulty' && phase !== undefined;
      if (expectFailure && handler.result === 'failed') failedAsExpected++;
      else if (handler.result !== 'succeeded' || handler.items.some((i) => i.status !== 'succeeded'))
        unexpected.push(`session ${index}: ${handler.name} ${handler.result} ${handler.reason ?? ''}`);
    }
    onSession?.(index);
  };
  // Warm up first (modules, JIT, inline caches): the objects held climb for the first ~100
  // sessions (5.6 to 6.2 MB), then stay flat (6.2 MB at 600). Drift is measured after that; the
  // short soak of the tests, which checks for leaks of processes and descriptors, warms up less.
  const warmUp = sessions >= 100 ? 100 : 10;
  for (let i = 0; i < warmUp; i++) await runOne(i);
  const start = await footprint();
  for (let i = warmUp; i < sessions + warmUp; i++) await runOne(i);
  const end = await footprint();
  return {
    sessions,
    warmUp,
    liveSessions: await sessionsAlive(),
    start,
    end,
    objectDrift: (end.objectBytes - start.objectBytes) / start.objectBytes,
    externalGrowthBytes: end.externalBytes - start.externalBytes,
    fdDrift: (end.fds - start.fds) / start.fds,
    failedAsExpected,
    unexpected,
  };
}

/**
 * Counts the sessions the manager makes that are still alive: the exact test of what a session
 * leaves reachable (every handler's process, connection, record and report hang off it), which the
 * byte counts above can only approximate.
 */
function countCollected(manager: SyncManager): () => Promise<number> {
  let made = 0;
  let collected = 0;
  const registry = new FinalizationRegistry<undefined>(() => void collected++);
  manager.on('session', (session) => {
    made++;
    registry.register(session, undefined);
  });
  return async () => {
    await settledGc();
    return made - collected;
  };
}
