// One handler's cgroup: whatever the handler starts stays in it however it leaves its process group
// or rewrites its environment, so when the handler ends the cgroup is killed whole and removed.
import { mkdirSync, readFileSync, rmdirSync, writeFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { cgroupPlace, THIS_HOST, type CgroupPlace, type HostTag } from './cgroup-place.js';
import { commandLine, isRunning, type FoundProcess } from './proc-scan.js';

// Members get a short SIGTERM grace to clean up, as the marker sweep gives, before the cgroup is killed.
const TERM_GRACE_MS = 500;
const KILL_SETTLE_MS = 500;
// The kernel lets go of a cgroup a moment after its last member died: rmdir is retried that long.
const REMOVE_MS = 1000;
const POLL_MS = 20;

/** The name of a handler's cgroup: `<host pid>-<host start time>-<instance id>`, so a later host can tell a dead host's. */
export function cgroupName(host: HostTag, instanceId: string): string {
  return `${host.pid}-${host.startTime}-${instanceId}`;
}

/** The host a cgroup name names, or undefined for a name not of this form. */
export function hostOfCgroup(name: string): HostTag | undefined {
  const match = /^(\d+)-(\d+)-(.+)$/.exec(name);
  return match ? { pid: Number(match[1]), startTime: match[2] ?? '' } : undefined;
}

export class HandlerCgroup {
  private constructor(
    readonly place: CgroupPlace,
    /** The cgroup's folder. */
    readonly folder: string,
  ) {}

  /** Creates the cgroup of a handler instance; undefined where cgroups may not be created (never throws). */
  static create(instanceId: string, host: HostTag = THIS_HOST): HandlerCgroup | undefined {
    const place = cgroupPlace();
    if (!place) return undefined;
    const folder = path.join(place.folder, cgroupName(host, instanceId));
    try {
      mkdirSync(folder);
    } catch {
      return undefined;
    }
    return new HandlerCgroup(place, folder);
  }

  /** A cgroup that exists already: one a dead host left. */
  static at(place: CgroupPlace, name: string): HandlerCgroup {
    return new HandlerCgroup(place, path.join(place.folder, name));
  }

  /** Moves a process into the cgroup (its later children are born in it); false when the kernel refuses. */
  join(pid: number): boolean {
    try {
      writeFileSync(this.file('cgroup.procs'), String(pid));
      return true;
    } catch {
      return false;
    }
  }

  /**
   * join() off the main thread: the kernel takes 10-15 ms to move a process (most of a cold start's
   * cost over a bare child), and the child runs on meanwhile either way, so the host need not wait.
   */
  async joinSoon(pid: number): Promise<boolean> {
    try {
      await writeFile(this.file('cgroup.procs'), String(pid));
      return true;
    } catch {
      return false;
    }
  }

  /** Removes the cgroup, still empty, now: for one no process joined. */
  discard(): void {
    this.removeNow();
  }

  /** The live processes in the cgroup (zombies left out: they are dead). */
  members(): number[] {
    try {
      return readFileSync(this.file('cgroup.procs'), 'utf8').split('\n').filter(Boolean).map(Number).filter(isRunning);
    } catch {
      return []; // removed already
    }
  }

  /**
   * Ends every process in the cgroup, SIGTERM then the cgroup killed whole, and removes it; resolves
   * with the processes it found there. All waits are bounded; a cgroup that cannot be removed is
   * left to the sweep of a later host.
   */
  async end(): Promise<FoundProcess[]> {
    const found = new Map<number, FoundProcess>();
    const note = (pids: readonly number[]) => {
      for (const pid of pids) {
        const command = found.has(pid) ? undefined : commandLine(pid);
        if (command !== undefined) found.set(pid, { pid, command }); // one already exiting is not named
      }
    };
    let pids = this.members();
    if (pids.length > 0) {
      note(pids);
      signalEach(pids, 'SIGTERM');
      await this.emptyWithin(TERM_GRACE_MS);
      pids = this.members();
      if (pids.length > 0) {
        note(pids); // children started during the grace, too
        await this.killWhole();
      }
    }
    await this.remove();
    return [...found.values()];
  }

  /** Kills every process in the cgroup at once, synchronously: for the host's own exit (the cgroup stays, for a later sweep). */
  killNow(): void {
    switch (this.place.kill) {
      case 'cgroup.kill':
        this.write('cgroup.kill', '1');
        return;
      case 'freeze':
        this.freeze(true);
        signalEach(this.members(), 'SIGKILL');
        this.freeze(false);
        return;
      case 'pids':
        this.write('pids.max', '0');
        signalEach(this.members(), 'SIGKILL');
        return;
    }
  }

  private async killWhole(): Promise<void> {
    switch (this.place.kill) {
      case 'cgroup.kill':
        this.write('cgroup.kill', '1');
        break;
      case 'freeze':
        // Frozen, none can fork while the members are listed and killed; v1 ends them once thawed.
        this.freeze(true);
        for (let waited = 0; waited < KILL_SETTLE_MS && !this.frozen(); waited += POLL_MS) await delay(POLL_MS);
        signalEach(this.members(), 'SIGKILL');
        this.freeze(false);
        break;
      case 'pids':
        // No freezer: forks are refused, and the members killed until none is left (bounded).
        this.write('pids.max', '0');
        for (let waited = 0; waited < KILL_SETTLE_MS; waited += POLL_MS) {
          const pids = this.members();
          if (pids.length === 0) break;
          signalEach(pids, 'SIGKILL');
          await delay(POLL_MS);
        }
        break;
    }
    await this.emptyWithin(KILL_SETTLE_MS);
  }

  private freeze(frozen: boolean): void {
    if (this.place.version === 'v2') this.write('cgroup.freeze', frozen ? '1' : '0');
    else this.write('freezer.state', frozen ? 'FROZEN' : 'THAWED');
  }

  private frozen(): boolean {
    try {
      if (this.place.version === 'v2') return /^frozen 1$/m.test(readFileSync(this.file('cgroup.events'), 'utf8'));
      return readFileSync(this.file('freezer.state'), 'utf8').trim() === 'FROZEN';
    } catch {
      return true; // gone: nothing left to freeze
    }
  }

  private async emptyWithin(ms: number): Promise<void> {
    for (let waited = 0; waited < ms && this.members().length > 0; waited += POLL_MS) await delay(POLL_MS);
  }

  private async remove(): Promise<void> {
    for (let waited = 0; !this.removeNow() && waited < REMOVE_MS; waited += POLL_MS) await delay(POLL_MS);
  }

  /** True once the cgroup is gone. */
  private removeNow(): boolean {
    try {
      rmdirSync(this.folder);
      return true;
    } catch (error) {
      return (error as NodeJS.ErrnoException).code === 'ENOENT';
    }
  }

  private file(name: string): string {
    return path.join(this.folder, name);
  }

  private write(name: string, value: string): void {
    try {
      writeFileSync(this.file(name), value);
    } catch {
      // gone meanwhile, or this kernel lacks the file: the members are signalled one by one anyway
    }
  }
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
