// Where this host may create cgroups for its handlers, found once, at first use: a folder `syncmgr`
// under the host's own cgroup, in the cgroup v2 hierarchy or else in the v1 `freezer` or `pids`
// hierarchy, wherever creating a child cgroup works. Nowhere is an answer too: then handlers are
// held by their process group and the marker sweep only.
import { existsSync, mkdirSync, readFileSync, rmdirSync } from 'node:fs';
import path from 'node:path';
import { startTime } from './proc-scan.js';

/**
 * How a cgroup is killed whole: `cgroup.kill` (v2, Linux 5.14), or frozen, each member sent
 * SIGKILL, then thawed (v2 `cgroup.freeze`, v1 `freezer.state`), or (v1 `pids`, no freezer) forks
 * refused with `pids.max` 0 and members sent SIGKILL until none is left.
 */
export type CgroupKill = 'cgroup.kill' | 'freeze' | 'pids';

/** A hierarchy the host may create cgroups in. */
export interface CgroupPlace {
  /** The hierarchy: cgroup v2, or v1 with the freezer or the pids controller. */
  version: 'v2' | 'v1-freezer' | 'v1-pids';
  /** The folder holding the handlers' cgroups: `syncmgr` under the host's own cgroup. */
  folder: string;
  kill: CgroupKill;
}

/** A host, as the names of its cgroups carry it: its pid and its start time, so a reused pid is not taken for it. */
export interface HostTag {
  pid: number;
  startTime: string;
}

/** This host. */
export const THIS_HOST: HostTag = { pid: process.pid, startTime: startTime(process.pid) ?? '0' };

let found: CgroupPlace | null | undefined;

/** Where handlers' cgroups go, or undefined where no cgroup may be created (or not on Linux). Detected once. */
export function cgroupPlace(): CgroupPlace | undefined {
  if (found === undefined) found = process.platform === 'linux' ? (candidates().find(writable) ?? null) : null;
  return found ?? undefined;
}

/** Every hierarchy the host may create cgroups in, best first (probed afresh): for tests of each kill. */
export function permittedCgroupPlaces(): CgroupPlace[] {
  return process.platform === 'linux' ? candidates().filter(writable) : [];
}

/** What `cgroupPlace()` found, for people: "cgroup v2 at /sys/fs/cgroup/…/syncmgr (killed with cgroup.kill)" or "no cgroup …". */
export function describeCgroupPlace(): string {
  const place = cgroupPlace();
  return place ? `cgroup ${place.version} at ${place.folder} (killed with ${place.kill})` : 'no cgroup (none may be created here)';
}

// v2 first, where one write kills a cgroup and its descendants; then v1, freezer before pids.
function candidates(): CgroupPlace[] {
  const own = ownCgroups();
  const mounts = cgroupMounts();
  const places: CgroupPlace[] = [];
  const under = (mount: CgroupMount, ownPath: string | undefined) => {
    if (ownPath === undefined) return undefined;
    // Outside a cgroup namespace the mount's root may be a cgroup of its own; the host's path is below it.
    const relative = path.posix.relative(mount.root, ownPath);
    return relative.startsWith('..') ? undefined : path.join(mount.point, relative, 'syncmgr');
  };
  for (const mount of mounts.filter((m) => m.type === 'cgroup2')) {
    const folder = under(mount, own.get(''));
    if (folder) places.push({ version: 'v2', folder, kill: 'cgroup.kill' });
  }
  for (const controller of ['freezer', 'pids'] as const) {
    for (const mount of mounts.filter((m) => m.type === 'cgroup' && m.options.includes(controller))) {
      const folder = under(mount, own.get(controller));
      if (folder) places.push({ version: `v1-${controller}`, folder, kill: controller === 'freezer' ? 'freeze' : 'pids' });
    }
  }
  return places;
}

// Creating the folder and a child cgroup in it is the test; the child tells which files the kernel offers.
function writable(place: CgroupPlace): boolean {
  const probe = path.join(place.folder, `${THIS_HOST.pid}-${THIS_HOST.startTime}-probe`);
  try {
    mkdirSync(place.folder, { recursive: true });
    mkdirSync(probe);
  } catch {
    return false;
  }
  try {
    if (place.version === 'v2' && !existsSync(path.join(probe, 'cgroup.kill'))) {
      if (!existsSync(path.join(probe, 'cgroup.freeze'))) return false;
      place.kill = 'freeze';
    }
    return existsSync(path.join(probe, 'cgroup.procs'));
  } finally {
    try {
      rmdirSync(probe);
    } catch {
      // an empty cgroup can be removed; if not, the sweep at the next host start does it
    }
  }
}

interface CgroupMount {
  type: string;
  /** The cgroup the mount shows at its mount point. */
  root: string;
  point: string;
  /** The super options: for v1, the controllers. */
  options: string[];
}

// /proc/self/mountinfo: "36 35 0:34 / /sys/fs/cgroup/freezer rw,relatime - cgroup cgroup rw,freezer".
function cgroupMounts(): CgroupMount[] {
  const mounts: CgroupMount[] = [];
  for (const line of readLines('/proc/self/mountinfo')) {
    const fields = line.split(' ');
    const dash = fields.indexOf('-');
    const type = fields[dash + 1];
    if (dash < 0 || (type !== 'cgroup' && type !== 'cgroup2')) continue;
    mounts.push({ type, root: unescape(fields[3] ?? '/'), point: unescape(fields[4] ?? ''), options: (fields[dash + 3] ?? '').split(',') });
  }
  return mounts;
}

// /proc/self/cgroup: "0::/path" for v2, "6:freezer:/path" (controllers joined by commas) for v1; keyed '' for v2.
function ownCgroups(): Map<string, string> {
  const own = new Map<string, string>();
  for (const line of readLines('/proc/self/cgroup')) {
    const match = /^\d+:([^:]*):(.*)$/.exec(line);
    if (!match) continue;
    const [, controllers = '', cgroupPath = ''] = match;
    for (const controller of controllers.split(',')) own.set(controller, cgroupPath);
  }
  return own;
}

function readLines(file: string): string[] {
  try {
    return readFileSync(file, 'utf8').split('\n').filter(Boolean);
  } catch {
    return [];
  }
}

// mountinfo writes a space, tab, newline or backslash in a path as an octal escape.
function unescape(field: string): string {
  return field.replace(/\\([0-7]{3})/g, (_, octal: string) => String.fromCharCode(parseInt(octal, 8)));
}
