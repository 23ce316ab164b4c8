// The marker sweep on its own: it ends exactly the processes carrying the instance marker, SIGKILL
// for one that ignores SIGTERM, and names each.
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { findProcesses, findProcessesOfEach } from '@syncmgr/host/internal/process/proc-scan.js';
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

  it('gives handlers ending together each its own processes, from one shared scan', async () => {
    const [a, b] = [randomUUID(), randomUUID()];
    const [first, second] = [await marked(a), await marked(b)];
    const [sweptA, sweptB] = await Promise.all([sweepInstance(a), sweepInstance(b)]);
    expect(sweptA.map((p) => p.pid)).toEqual([first.child.pid]);
    expect(sweptB.map((p) => p.pid)).toEqual([second.child.pid]);
    expect([await first.exit, await second.exit]).toEqual([
      [null, 'SIGKILL'],
      [null, 'SIGKILL'],
    ]);
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

  it('finds, in one pass for several tests, what each test alone finds; with a variable, only processes that have it', async () => {
    const instanceId = randomUUID();
    const { child, exit } = await marked(instanceId);
    try {
      const mine = (env: ReadonlyMap<string, string>) => env.get('SYNCMGR_INSTANCE_ID') === instanceId;
      const [all, marker] = await findProcessesOfEach([() => true, mine], 'SYNCMGR_INSTANCE_ID');
      expect(marker?.map((p) => p.pid)).toEqual([child.pid]);
      expect(all?.some((p) => p.pid === child.pid)).toBe(true);
      expect((await findProcesses(() => true)).length).toBeGreaterThanOrEqual(all?.length ?? 0);
    } finally {
      child.kill('SIGKILL');
      await exit;
    }
  });
});
