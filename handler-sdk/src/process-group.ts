import { readFileSync } from 'node:fs';

/**
 * Ends this process's group (its children, and itself with them) when this process leads it, as a
 * handler the host started does. A handler whose host is gone must not leave its own children
 * running; a process that does not lead its group (run by hand in a pipeline) leaves it alone.
 */
export function endOwnProcessGroup(): void {
  if (processGroupOf('self') !== process.pid) return;
  try {
    process.kill(-process.pid, 'SIGKILL');
  } catch {
    // The group is already gone, or signals are not ours to send: the process exits anyway.
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
