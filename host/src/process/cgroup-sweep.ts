// The cgroups of hosts that died (killed outright, their exit hook never ran): removed, and what
// still runs in them killed first.
import { readdirSync } from 'node:fs';
import { cgroupPlace } from './cgroup-place.js';
import { HandlerCgroup, hostOfCgroup } from './cgroup.js';
import { isRunning, startTime, type FoundProcess } from './proc-scan.js';

/**
 * Ends the processes in the cgroups of dead hosts and removes those cgroups (in this host's
 * `syncmgr` folder only: a host in another cgroup has its own); resolves with the processes ended.
 */
export async function sweepStaleCgroups(): Promise<FoundProcess[]> {
  const place = cgroupPlace();
  if (!place) return [];
  let names: string[];
  try {
    names = readdirSync(place.folder, { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name);
  } catch {
    return [];
  }
  const stale = names.filter((name) => {
    const host = hostOfCgroup(name);
    return host !== undefined && (!isRunning(host.pid) || startTime(host.pid) !== host.startTime);
  });
  const ended = await Promise.all(stale.map((name) => HandlerCgroup.at(place, name).end()));
  return ended.flat();
}
