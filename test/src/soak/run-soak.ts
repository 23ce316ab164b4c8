import { randomUUID } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { SyncManager } from '@syncmgr/host';
import { fixture } from '../support/paths.js';

/** RSS and open file descriptors of this process. */
export interface Footprint {
  rssBytes: number;
  heapUsedBytes: number;
  fds: number;
}

export interface SoakResult {
  sessions: number;
  start: Footprint;
  end: Footprint;
  /** (end - start) / start. */
  rssDrift: number;
  fdDrift: number;
  failedAsExpected: number;
  unexpected: string[];
}

// A fault per session in turn; the healthy handlers beside it must always succeed.
const FAULTS = ['exit:synchronize', 'kill:prepare', 'garbage:handlerInfo', 'wrong-shape:enumeration', 'throw:synchronize', 'never-complete:synchronize', ''];

/** Measured after a full garbage collection when node runs with --expose-gc, so garbage is not counted as growth. */
export function footprint(): Footprint {
  (globalThis as { gc?: () => void }).gc?.();
  const memory = process.memoryUsage();
  return { rssBytes: memory.rss, heapUsedBytes: memory.heapUsed, fds: readdirSync('/proc/self/fd').length };
}

/** Runs many sessions in one host process with healthy and faulty handlers; measures the drift. */
export async function runSoak(home: string, sessions: number, onSession?: (index: number) => void): Promise<SoakResult> {
  const manager = new SyncManager({ home });
  const command = [process.execPath, fixture('scripted-handler.js')];
  const faulty = randomUUID();
  for (const name of ['healthy-1', 'healthy-2']) {
    await manager.registry.register({ clsid: randomUUID(), name, command, env: { NAME: name, ITEMS: '3' }, events: [] });
  }
  const unexpected: string[] = [];
  let failedAsExpected = 0;
  const runOne = async (index: number) => {
    const fault = FAULTS[index % FAULTS.length]!;
    await manager.registry.register({ clsid: faulty, name: 'faulty', command, env: { NAME: 'faulty', FAULT: fault }, events: [], hangTimeoutSeconds: 1 });
    const report = await manager.sync();
    for (const handler of report.handlers) {
      const expectFailure = handler.name === 'faulty' && fault !== '';
      if (expectFailure && handler.result === 'failed') failedAsExpected++;
      else if (handler.result !== 'succeeded' || handler.items.some((i) => i.status !== 'succeeded')) unexpected.push(`session ${index}: ${handler.name} ${handler.result} ${handler.reason ?? ''}`);
    }
    onSession?.(index);
  };
  // Warm up first (modules, JIT, the allocator's arenas): RSS climbs for the first ~100 sessions,
  // then stays flat; the heap after a full GC settles likewise. Drift is measured after that.
  const warmUp = Math.min(100, Math.max(10, Math.ceil(sessions / 10)));
  for (let i = 0; i < warmUp; i++) await runOne(i);
  const start = footprint();
  for (let i = warmUp; i < sessions + warmUp; i++) await runOne(i);
  const end = footprint();
  return {
    sessions,
    start,
    end,
    rssDrift: (end.rssBytes - start.rssBytes) / start.rssBytes,
    fdDrift: (end.fds - start.fds) / start.fds,
    failedAsExpected,
    unexpected,
  };
}
