// Processes that escape a handler's process group, and those a dead host left, are found by the
// instance marker in their environment (SYNCMGR_INSTANCE_ID) and ended.
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import type { LeftoverProcess } from '@syncmgr/host';
import { fixtureRecords, registerFixture } from './support/fixtures.js';
import { managerPerTest } from './support/manager-per-test.js';
import { fixture } from './support/paths.js';
import { handlersOfThisHost } from './support/processes.js';

const sleepsForever = fixture('support/sleeps-forever.js');

/** A process as the host sees it to be ended: the daemon or orphan these tests start. */
const sleeper = (pid: number | undefined): LeftoverProcess => ({ pid: pid!, command: `${process.execPath} ${sleepsForever}` });

describe('containment', () => {
  const manager = managerPerTest();

  it('ends a daemon a handler double-forked out of its process group, and names it in the report', async () => {
    const clsid = await registerFixture(manager(), 'daemonizes-a-grandchild', { in: 'synchronize' });
    await registerFixture(manager(), 'well-behaved', { name: 'healthy' });
    const report = await manager().sync();
    const daemonPids = (await fixtureRecords(manager(), clsid)).flatMap((r) => ('daemonPid' in r ? [r.daemonPid] : []));
    expect(daemonPids).toHaveLength(1);
    const daemonizer = report.handlers.find((h) => h.clsid === clsid)!;
    expect(daemonizer).toMatchObject({ result: 'succeeded', leftovers: [sleeper(daemonPids[0])] });
    expect(daemonizer.items.map((i) => i.status)).toEqual(['succeeded', 'succeeded']);
    expect(daemonizer.log.filter((e) => e.source === 'host').map((e) => e.level)).toEqual(['warning']);
    const healthy = report.handlers.find((h) => h.name === 'healthy')!;
    expect(healthy.items.map((i) => i.status)).toEqual(['succeeded', 'succeeded']);
    expect(healthy.leftovers).toBeUndefined();
    expect(handlersOfThisHost()).toEqual([]);
  });

  it('ends, when a session starts, a process a syncmgr host left when it died', async () => {
    // The dead host: a child of ours, waited for, so its pid names no process. It dies only just
    // before the session, so no other host's sweep takes the orphan first.
    const host = spawn(process.execPath, [sleepsForever], { stdio: 'ignore' });
    await once(host, 'spawn');
    const markers = { SYNCMGR_HOST_PID: String(host.pid), SYNCMGR_INSTANCE_ID: randomUUID() };
    const orphan = spawn(process.execPath, [sleepsForever], { stdio: 'ignore', env: { ...process.env, ...markers } });
    const orphanExit = once(orphan, 'exit');
    try {
      await once(orphan, 'spawn');
      await registerFixture(manager(), 'well-behaved', { name: 'healthy' });
      const ended: LeftoverProcess[] = [];
      manager().on('orphansEnded', (processes) => ended.push(...processes));
      host.kill('SIGKILL');
      await once(host, 'exit');
      const report = await manager().sync();
      // A session of another test file, running at the same time, may sweep the orphan first:
      // what holds either way is that it was ended, and that this sweep names only orphans.
      expect(await orphanExit).toEqual([null, 'SIGTERM']);
      expect(ended.filter((p) => p.pid === orphan.pid)).toEqual(ended.some((p) => p.pid === orphan.pid) ? [sleeper(orphan.pid)] : []);
      expect(report.handlers[0]!.items.map((i) => i.status)).toEqual(['succeeded', 'succeeded']);
    } finally {
      orphan.kill('SIGKILL');
    }
  });

  it('leaves alone a marked process whose host is alive', async () => {
    const markers = { SYNCMGR_HOST_PID: String(process.pid), SYNCMGR_INSTANCE_ID: randomUUID() };
    const bystander = spawn(process.execPath, [sleepsForever], { stdio: 'ignore', env: { ...process.env, ...markers } });
    const bystanderExit = once(bystander, 'exit');
    try {
      await once(bystander, 'spawn');
      const ended: LeftoverProcess[] = [];
      manager().on('orphansEnded', (processes) => ended.push(...processes));
      await manager().sync();
      expect(ended.map((p) => p.pid)).not.toContain(bystander.pid);
      expect(bystander.exitCode ?? bystander.signalCode).toBeNull();
    } finally {
      bystander.kill('SIGKILL');
      await bystanderExit;
    }
  });

  it('leaves alone the orphan of a dead host while the conformance kit that supervises it lives', async () => {
    const host = spawn(process.execPath, [sleepsForever], { stdio: 'ignore' });
    await once(host, 'spawn');
    const markers = { SYNCMGR_HOST_PID: String(host.pid), SYNCMGR_INSTANCE_ID: randomUUID(), SYNCMGR_SUPERVISOR_PID: String(process.pid) };
    const supervised = spawn(process.execPath, [sleepsForever], { stdio: 'ignore', env: { ...process.env, ...markers } });
    const supervisedExit = once(supervised, 'exit');
    try {
      await once(supervised, 'spawn');
      host.kill('SIGKILL');
      await once(host, 'exit');
      const ended: LeftoverProcess[] = [];
      manager().on('orphansEnded', (processes) => ended.push(...processes));
      await manager().sync();
      expect(ended.map((p) => p.pid)).not.toContain(supervised.pid);
      expect(supervised.exitCode ?? supervised.signalCode).toBeNull();
    } finally {
      supervised.kill('SIGKILL');
      await supervisedExit;
    }
  });
});
