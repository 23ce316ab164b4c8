import { readFile, rm, writeFile } from 'node:fs/promises';
import { readFileSync, unlinkSync } from 'node:fs';
import { HostError } from '../errors.js';
import { ensureStateFolder } from '../store/home.js';
import path from 'node:path';

/** Who holds a daemon lock: a pid alone could be reused by another process after a crash, the start time tells them apart. */
interface LockHolder {
  pid: number;
  startTime: string;
}

/**
 * One daemon per home: the lock file is created exclusively and names its holder. A lock whose
 * holder is gone (no such pid, or a pid reused by a process started at another time) is stale and
 * taken over; a live holder refuses the new daemon with HostError DAEMON_RUNNING.
 */
export class DaemonLock {
  private held = false;

  private constructor(private readonly file: string) {}

  /** Takes the lock, or throws DAEMON_RUNNING naming the live holder's pid. */
  static async acquire(file: string): Promise<DaemonLock> {
    await ensureStateFolder(path.dirname(file));
    const lock = new DaemonLock(file);
    const me: LockHolder = { pid: process.pid, startTime: processStartTime(process.pid) ?? '' };
    // Two tries: the second after removing a stale lock; a racing daemon that wins it is live.
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        await writeFile(file, JSON.stringify(me) + '\n', { flag: 'wx', mode: 0o600 });
        lock.held = true;
        return lock;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
          throw new HostError('STATE_IO', `cannot create the daemon lock ${file}: ${(error as Error).message}`, { cause: error });
        }
      }
      const holder = await readHolder(file);
      if (holder && isAlive(holder)) {
        throw new HostError('DAEMON_RUNNING', `a syncmgr daemon (pid ${holder.pid}) already serves this home (lock ${file})`);
      }
      await rm(file, { force: true });
    }
    throw new HostError('DAEMON_RUNNING', `another syncmgr daemon took the lock ${file} while this one started`);
  }

  /** Removes the lock file; synchronous so that it can run in an 'exit' listener. */
  releaseSync(): void {
    if (!this.held) return;
    this.held = false;
    try {
      const holder = JSON.parse(readFileSync(this.file, 'utf8')) as LockHolder;
      if (holder.pid === process.pid) rmSyncQuiet(this.file);
    } catch {
      // already gone, or no longer ours
    }
  }
}

function rmSyncQuiet(file: string): void {
  try {
    unlinkSync(file);
  } catch {
    // gone already
  }
}

async function readHolder(file: string): Promise<LockHolder | undefined> {
  try {
    const value = JSON.parse(await readFile(file, 'utf8')) as Partial<LockHolder>;
    if (typeof value.pid === 'number' && typeof value.startTime === 'string') return { pid: value.pid, startTime: value.startTime };
  } catch {
    // half-written or garbage: a daemon that died while writing it
  }
  return undefined;
}

function isAlive(holder: LockHolder): boolean {
  const startTime = processStartTime(holder.pid);
  return startTime !== undefined && startTime === holder.startTime;
}

/** Field 22 of /proc/<pid>/stat (start time in clock ticks since boot); undefined when there is no such process. */
export function processStartTime(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command (field 2) may hold spaces and parentheses: count from the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (fields[0] === 'Z') return undefined; // a zombie holds nothing
    return fields[19];
  } catch {
    return undefined;
  }
}
