import { readdirSync, readFileSync } from 'node:fs';
import { HandlerEnvironment } from '@syncmgr/protocol';

/**
 * Ends what this handler started when its host is gone: first every process carrying this
 * instance's marker (SYNCMGR_INSTANCE_ID) outside its group (a child that called setsid, a
 * double-forked daemon), then its own group (its children, and itself with them) when this process
 * leads it, as a handler the host started does. A process that does not lead its group (run by
 * hand in a pipeline) leaves both alone: it has no marker of its own to trust.
 */
export function endOwnProcesses(): void {
  if (processGroupOf('self') !== process.pid) return;
  const instanceId = process.env[HandlerEnvironment.INSTANCE_ID];
  if (instanceId) for (const pid of processesMarkedWith(instanceId)) signal(pid);
  signal(-process.pid);
}

function signal(pid: number): void {
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    // Already gone, or not ours to signal: the process exits anyway.
  }
}

// Linux: /proc/<pid>/environ of each process this user may read; elsewhere none is found.
function processesMarkedWith(instanceId: string): number[] {
  const marker = `\0${HandlerEnvironment.INSTANCE_ID}=${instanceId}\0`;
  return processIds().filter((pid) => pid !== process.pid && environmentOf(pid).includes(marker));
}

function processIds(): number[] {
  try {
    return readdirSync('/proc')
      .filter((name) => /^\d+$/.test(name))
      .map(Number);
  } catch {
    return [];
  }
}

function environmentOf(pid: number): string {
  try {
    return `\0${readFileSync(`/proc/${pid}/environ`, 'latin1')}`;
  } catch {
    return '';
  }
}

// /proc/<pid>/stat: "pid (comm) state ppid pgrp …"; comm may hold spaces and parentheses.
function processGroupOf(pid: string): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fields[2]);
  } catch {
    return undefined; // no /proc (not Linux): the host's ladder still ends the group when it can
  }
}
