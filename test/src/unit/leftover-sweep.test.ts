// The marker sweep on its own: it ends exactly the processes carrying the instance marker, SIGKILL
// for one that ignores SIGTERM, and names each.
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { findProcesses } from '@syncmgr/host/internal/process/proc-scan.js';
import { sweepInstance } from '@syncmgr/host/internal/process/leftover-sweep.js';

// Says so on stdout once SIGTERM can no longer end it.
const IGNORES_SIGTERM = "process.on('SIGTERM', () => undefined); setInterval(() => undefined, 1 << 30); process.stdout.write('ready');";

/** Starts a node process that ignores SIGTERM, with SYNCMGR_INSTANCE_ID set; resolves once it is ready. */
async function marked(instanceId: string) {
  const child = spawn(process.execPath, ['-e', IGNORES_SIGTERM], {
    stdio: ['ignore', 'pipe', 'ignore'],
    env: { ...process.env, SYNCMGR_INSTANCE_ID: instanceId },
  });
  const exit = once(child, 'exit');
  await once(child.stdout, 'data');
  return { child, exit };
}

/** The processes whose environment this one may not read. */
function unreadable(): number[] {
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .filter((entry) => {
      try {
        readFileSync(`/proc/${entry}/environ`);
        return false;
      } catch (error) {
        return (error as NodeJS.ErrnoException).code === 'EACCES';
      }
    })
    .map(Number);
}

describe('sweepInstance', () => {
  it('ends a marked process that ignores SIGTERM with SIGKILL, and names it', async () => {
    const instanceId = randomUUID();
    const { child, exit } = await marked(instanceId);
    expect(await sweepInstance(instanceId)).toEqual([{ pid: child.pid, command: `${process.execPath} -e ${IGNORES_SIGTERM}` }]);
    expect(await exit).toEqual([null, 'SIGKILL']);
  });

  it('leaves alone a process with another instance marker', async () => {
    const { child, exit } = await marked(randomUUID());
    try {
      expect(await sweepInstance(randomUUID())).toEqual([]);
      expect(child.exitCode ?? child.signalCode).toBeNull();
    } finally {
      child.kill('SIGKILL');
      await exit;
    }
  });
});

describe('findProcesses', () => {
  it('passes over this process, and over those it may not read', async () => {
    const hidden = unreadable();
    const found = (await findProcesses(() => true)).map((p) => p.pid);
    expect(found).not.toContain(process.pid);
    expect(found.filter((pid) => hidden.includes(pid))).toEqual([]);
    expect(found.length).toBeGreaterThan(0);
  });
});
