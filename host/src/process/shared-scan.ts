// The marker sweeps of handlers ending together share one pass over /proc: a 64-handler session
// made 64 full scans (each reads every process's environment) as its handlers ended.
import { setImmediate } from 'node:timers';
import { HandlerEnvironment } from '@syncmgr/protocol';
import { findProcessesOfEach, type EnvironmentTest, type FoundProcess } from './proc-scan.js';

interface Waiter {
  test: EnvironmentTest;
  resolve: (found: FoundProcess[]) => void;
  reject: (error: unknown) => void;
}

// The tests of the next scan, which has not begun: every scan begins after each of its requests
// was made, so it sees every process that existed when its requester asked.
let next: Waiter[] | undefined;
let scanning = false;

/**
 * The live processes carrying the instance marker whose environment passes `test`, from a scan
 * shared with the other requests made in the same turn of the event loop or while the scan before
 * it ran.
 */
export function findMarkedProcesses(test: EnvironmentTest): Promise<FoundProcess[]> {
  return new Promise((resolve, reject) => {
    if (!next) {
      next = [];
      if (!scanning) setImmediate(scanNext);
    }
    next.push({ test, resolve, reject });
  });
}

function scanNext(): void {
  const batch = next;
  next = undefined;
  if (!batch) return;
  scanning = true;
  findProcessesOfEach(
    batch.map((w) => w.test),
    HandlerEnvironment.INSTANCE_ID,
  )
    .then(
      (found) => batch.forEach((w, i) => w.resolve(found[i] ?? [])),
      (error: unknown) => batch.forEach((w) => w.reject(error)),
    )
    .finally(() => {
      scanning = false;
      scanNext(); // the requests made meanwhile
    });
}
