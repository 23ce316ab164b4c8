import { readdirSync, readFileSync } from 'node:fs';

/** Live processes whose environment contains NAME=VALUE: the marker the host sets in every handler. */
export function processesWithEnv(name: string, value: string): { pid: number; command: string }[] {
  const needle = `${name}=${value}`;
  const found: { pid: number; command: string }[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    try {
      if (readFileSync(`/proc/${entry}/stat`, 'utf8').split(') ')[1]?.startsWith('Z')) continue; // a zombie is already dead
      const env = readFileSync(`/proc/${entry}/environ`, 'utf8').split('\0');
      if (!env.includes(needle)) continue;
      found.push({ pid: Number(entry), command: readFileSync(`/proc/${entry}/cmdline`, 'utf8').replaceAll('\0', ' ').trim() });
    } catch {
      // gone while we looked, or not ours to read
    }
  }
  return found;
}

/** Handler processes started by this test process (SYNCMGR_HOST_PID is our pid). */
export function handlersOfThisHost(): { pid: number; command: string }[] {
  return processesWithEnv('SYNCMGR_HOST_PID', String(process.pid));
}

/** How many file descriptors this process has open. */
export function openFileDescriptors(): number {
  return readdirSync('/proc/self/fd').length;
}
