import { readdir, readFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';

/** A process found in /proc: its id and its command line, arguments joined by spaces. */
export interface FoundProcess {
  pid: number;
  command: string;
}

/** What a process's environment is tested with: its variables by name. */
export type EnvironmentTest = (environment: ReadonlyMap<string, string>) => boolean;

// /proc is Linux's; elsewhere no process can be found this way, so callers find none.
const HAS_PROC = process.platform === 'linux';

/**
 * The live processes (zombies left out, this one too) whose environment passes `test`. A process
 * another user owns (EACCES) or that exits while it is read is passed over.
 */
export async function findProcesses(test: EnvironmentTest): Promise<FoundProcess[]> {
  return (await findProcessesOfEach([test]))[0] ?? [];
}

/**
 * One pass over /proc for several tests: for each test, the processes that pass it. With `variable`,
 * a process whose environment lacks that name passes none, and its environment is not parsed:
 * nearly every process on a machine lacks the marker, and parsing each one's was most of a scan.
 */
export async function findProcessesOfEach(tests: readonly EnvironmentTest[], variable?: string): Promise<FoundProcess[][]> {
  const found = tests.map((): FoundProcess[] => []);
  if (!HAS_PROC) return found;
  const pids = (await readdir('/proc')).filter((entry) => /^\d+$/.test(entry)).map(Number);
  const needle = variable === undefined ? undefined : `${variable}=`;
  await Promise.all(pids.filter((pid) => pid !== process.pid).map((pid) => examine(pid, tests, needle, found)));
  return found;
}
/** True while the process exists and is not a zombie (which is dead, only not yet reaped). */
export function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
  return !HAS_PROC || !isZombie(pid);
}

async function examine(pid: number, tests: readonly EnvironmentTest[], needle: string | undefined, found: FoundProcess[][]): Promise<void> {
  try {
    const environ = await readFile(`/proc/${pid}/environ`, 'utf8');
    if (needle !== undefined && !environ.startsWith(needle) && !environ.includes(`\0${needle}`)) return;
    const environment = parseEnvironment(environ);
    const passed = tests.map((test) => test(environment));
    // Zombies and the command line only for a process some test wants: most are passed over above.
    if (!passed.includes(true) || isZombie(pid)) return;
    const command = (await readFile(`/proc/${pid}/cmdline`, 'utf8')).split('\0').filter(Boolean).join(' ');
    // An empty command line is that of a process exiting (another sweep may have ended it meanwhile).
    if (command === '') return;
    passed.forEach((yes, i) => yes && found[i]?.push({ pid, command }));
  } catch {
    // gone while we looked, or not ours to read
  }
}

/** The process's command line, arguments joined by spaces; undefined once it is gone, exiting, or not ours to read. */
export function commandLine(pid: number): string | undefined {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean).join(' ') || undefined;
  } catch {
    return undefined;
  }
}

/**
 * When the process started, in clock ticks since boot (field 22 of /proc/<pid>/stat): with the pid,
 * it names one process, not whichever reuses the pid later. Undefined once the process is gone.
 */
export function startTime(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The fields after the command name begin at the third, the state; the start time is the 22nd.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
  } catch {
    return undefined;
  }
}

function isZombie(pid: number): boolean {
  try {
    // The state follows the command name, which is in parentheses and may itself hold ') '.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z');
  } catch {
    return false;
  }
}

function parseEnvironment(environ: string): Map<string, string> {
  const variables = new Map<string, string>();
  for (const entry of environ.split('\0')) {
    const equals = entry.indexOf('=');
    if (equals > 0) variables.set(entry.slice(0, equals), entry.slice(equals + 1));
  }
  return variables;
}
