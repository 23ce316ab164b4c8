import { setTimeout as delay } from 'node:timers/promises';
import { HandlerEnvironment } from '@syncmgr/protocol';
import { sweepStaleCgroups } from './cgroup-sweep.js';
import { isRunning, type EnvironmentTest } from './proc-scan.js';
import { findMarkedProcesses } from './shared-scan.js';

export type { LeftoverProcess } from '@syncmgr/protocol';
import type { LeftoverProcess } from '@syncmgr/protocol';

/**
 * Set on the handlers a conformance run starts, to the kit's pid: while the kit lives they are its
 * to end, even once the host it stood in for is gone (its parent-death check makes exactly such an
 * orphan, and a host sweeping it would pass a handler with no watchdog).
 */
export const SUPERVISOR_PID = 'SYNCMGR_SUPERVISOR_PID';

// A leftover gets a short SIGTERM grace to clean up, then SIGKILL; both waits are bounded.
const TERM_GRACE_MS = 500;
const KILL_SETTLE_MS = 500;
const POLL_MS = 25;

/**
 * Ends every process still carrying this handler instance's marker (SYNCMGR_INSTANCE_ID): what
 * escaped its process group (setsid, a double-forked daemon). Linux only: elsewhere it finds none.
 */
export function sweepInstance(instanceId: string): Promise<LeftoverProcess[]> {
  return endProcesses((env) => env.get(HandlerEnvironment.INSTANCE_ID) === instanceId);
}

/**
 * Ends the processes a syncmgr host started whose host is gone, the orphans of hosts that died: those
 * in a dead host's cgroup (which is removed, as are its empty ones), and those carrying an instance
 * marker. Each is named once. Linux only: elsewhere it finds none.
 */
export async function sweepOrphans(): Promise<LeftoverProcess[]> {
  const inCgroups = await sweepStaleCgroups();
  const marked = await endProcesses(
    (env) => env.has(HandlerEnvironment.INSTANCE_ID) && hostIsGone(env.get(HandlerEnvironment.HOST_PID)) && supervisorIsGone(env.get(SUPERVISOR_PID)),
  );
  return [...inCgroups, ...marked.filter((p) => !inCgroups.some((c) => c.pid === p.pid))];
}

/** SIGTERM to each matching process, SIGKILL to those still there after the grace; resolves with what was found. */
async function endProcesses(test: EnvironmentTest): Promise<LeftoverProcess[]> {
  const found = await findMarkedProcesses(test);
  if (found.length === 0) return [];
  const pids = found.map((p) => p.pid);
  signalEach(pids, 'SIGTERM');
  await untilGone(pids, TERM_GRACE_MS);
  // Looked up again, so a pid reused meanwhile by a process without the marker is spared.
  const remaining = (await findMarkedProcesses(test)).map((p) => p.pid).filter((pid) => pids.includes(pid));
  signalEach(remaining, 'SIGKILL');
  await untilGone(remaining, KILL_SETTLE_MS);
  return found;
}

function hostIsGone(hostPid: string | undefined): boolean {
  const pid = Number(hostPid);
  return Number.isInteger(pid) && pid > 0 && !isRunning(pid);
}

function supervisorIsGone(supervisorPid: string | undefined): boolean {
  return supervisorPid === undefined || hostIsGone(supervisorPid);
}

function signalEach(pids: readonly number[], signal: NodeJS.Signals): void {
  for (const pid of pids) {
    try {
      process.kill(pid, signal);
    } catch {
      // already gone
    }
  }
}

async function untilGone(pids: readonly number[], ms: number): Promise<void> {
  for (let waited = 0; waited < ms && pids.some(isRunning); waited += POLL_MS) await delay(POLL_MS);
}
