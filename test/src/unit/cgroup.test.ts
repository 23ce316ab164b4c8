// A handler's cgroup on its own, with real processes: what joins it and whatever that starts later
// (in a session of its own, with an empty environment) is killed whole and named, and the cgroup
// removed; at host start, the cgroups of dead hosts go, a live host's stay. Where cgroups are not
// permitted, none is created and the sweep finds none.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { cgroupPlace, describeCgroupPlace, permittedCgroupPlaces, THIS_HOST, type CgroupPlace } from '@syncmgr/host/internal/process/cgroup-place.js';
import { cgroupName, HandlerCgroup, hostOfCgroup } from '@syncmgr/host/internal/process/cgroup.js';
import { sweepStaleCgroups } from '@syncmgr/host/internal/process/cgroup-sweep.js';

// On a line on stdin, starts a grandchild that ignores SIGTERM, in a session of its own and with an
// empty environment, and writes its pid; ignores SIGTERM itself.
const PARENT = `
const { spawn } = require('node:child_process');
process.on('SIGTERM', () => undefined);
process.stdin.once('data', () => {
  const child = spawn(process.execPath, ['-e', "process.on('SIGTERM', () => undefined); setInterval(() => undefined, 1 << 30)"], { detached: true, stdio: 'ignore', env: {} });
  child.unref();
  process.stdout.write(String(child.pid));
});
process.stdout.write('ready');
`;
const SLEEPER = 'setInterval(() => undefined, 1 << 30)';

const place = cgroupPlace();

/** A node process that has started, and its exit. */
async function started(script: string) {
  const child = spawn(process.execPath, ['-e', script], { stdio: ['pipe', 'pipe', 'ignore'] });
  const exit = once(child, 'exit');
  await once(child, 'spawn');
  return { child, exit };
}

describe(`HandlerCgroup, here: ${describeCgroupPlace()}`, () => {
  it('names the host in a cgroup name', () => {
    const id = randomUUID();
    expect(hostOfCgroup(cgroupName(THIS_HOST, id))).toEqual(THIS_HOST);
    expect(hostOfCgroup('user.slice')).toBeUndefined();
  });

  if (!place) {
    it('creates no cgroup where none is permitted, and the sweep finds none (the degraded path)', async () => {
      console.warn(`cgroups are not tested on this machine: ${describeCgroupPlace()}`);
      expect(HandlerCgroup.create(randomUUID())).toBeUndefined();
      expect(await sweepStaleCgroups()).toEqual([]);
    });
    return;
  }

  // Each kill this machine offers, not only the one the host picked: v2 without cgroup.kill freezes.
  const kills = permittedCgroupPlaces().flatMap((p): CgroupPlace[] => (p.kill === 'cgroup.kill' ? [p, { ...p, kill: 'freeze' }] : [p]));
  it.each(kills.map((p) => [`${p.version} (${p.kill})`, p] as const))(
    '%s kills whole a member that ignores SIGTERM and the setsid grandchild it started later without environment, names both, and is removed',
    async (_, where) => {
      const name = cgroupName(THIS_HOST, randomUUID());
      mkdirSync(path.join(where.folder, name));
      await killsWhole(HandlerCgroup.at(where, name));
    },
  );

  it('joinSoon moves a process into the cgroup off the main thread, and says false for a pid that is gone', async () => {
    const cgroup = HandlerCgroup.create(randomUUID());
    if (!cgroup) return; // no cgroup may be created here: the tests above say so
    const { child, exit } = await started(PARENT);
    expect(await cgroup.joinSoon(child.pid!)).toBe(true);
    expect(cgroup.members()).toEqual([child.pid]);
    expect(await cgroup.joinSoon(2 ** 22 + 1)).toBe(false);
    expect((await cgroup.end()).map((p) => p.pid)).toEqual([child.pid]);
    await exit;
  });

  async function killsWhole(cgroup: HandlerCgroup) {
    const { child, exit } = await started(PARENT);
    expect(cgroup.join(child.pid!)).toBe(true);
    await once(child.stdout, 'data'); // ready: it ignores SIGTERM now
    child.stdin.write('go\n');
    const grandchildPid = Number((await once(child.stdout, 'data'))[0]);
    expect(cgroup.members().sort()).toEqual([child.pid, grandchildPid].sort());
    const found = await cgroup.end();
    expect(found.map((p) => p.pid).sort()).toEqual([child.pid, grandchildPid].sort());
    expect(found.find((p) => p.pid === child.pid)!.command).toBe(`${process.execPath} -e ${PARENT}`);
    expect(await exit).toEqual([null, 'SIGKILL']);
    expect(cgroup.members()).toEqual([]);
    expect(existsSync(cgroup.folder)).toBe(false);
  }

  it("at host start removes a dead host's cgroups, ending what runs in them, and leaves a live host's", async () => {
    const gone = await started(SLEEPER);
    gone.child.kill('SIGKILL');
    await gone.exit;
    // A dead host, and a live pid that is another process than the host that made the cgroup.
    const deadHost = { pid: gone.child.pid!, startTime: THIS_HOST.startTime };
    const pidReused = { pid: process.pid, startTime: '1' };
    const orphan = await started(SLEEPER);
    const bystander = await started(SLEEPER);
    // Made and joined in one turn: a dead host's empty cgroup is any host's to sweep (daemons and
    // sessions of other test files sweep at their start), and a spawn in between gave them time to.
    const empty = HandlerCgroup.create(randomUUID(), pidReused)!;
    const busy = HandlerCgroup.create(randomUUID(), deadHost)!;
    const live = HandlerCgroup.create(randomUUID())!;
    try {
      expect(busy.join(orphan.child.pid!)).toBe(true);
      expect(live.join(bystander.child.pid!)).toBe(true);
      const ended = await sweepStaleCgroups();
      // Another test file's session, at the same time, may sweep the dead host's cgroup first:
      // what holds either way is that the orphan was ended and the cgroups removed.
      expect(await orphan.exit).toEqual([null, 'SIGTERM']);
      expect(ended.filter((p) => p.pid === orphan.child.pid)).toEqual(
        ended.some((p) => p.pid === orphan.child.pid) ? [{ pid: orphan.child.pid, command: `${process.execPath} -e ${SLEEPER}` }] : [],
      );
      expect(ended.map((p) => p.pid)).not.toContain(bystander.child.pid);
      expect([existsSync(empty.folder), existsSync(busy.folder), existsSync(live.folder)]).toEqual([false, false, true]);
      expect(live.members()).toEqual([bystander.child.pid]);
    } finally {
      orphan.child.kill('SIGKILL');
      bystander.child.kill('SIGKILL');
      await bystander.exit;
      await live.end();
    }
  });
});
