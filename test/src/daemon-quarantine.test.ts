// Restart intensity: a handler whose trigger-started sessions fail 5 times within 10 minutes is
// quarantined, triggers skip it, status shows it, and handlers/reset (or a manual sync) lifts it.
import path from 'node:path';
import { Daemon } from '@syncmgr/host/internal/daemon/daemon.js';
import { Quarantine, QUARANTINE_FAILURES, QUARANTINE_WINDOW_MS } from '@syncmgr/host/internal/daemon/quarantine.js';
import { DaemonStatus, HResult, ResetHandler } from '@syncmgr/protocol';
import { connectClient } from './support/daemon-process.js';
import { registerFixture } from './support/fixtures.js';
import { tempDir } from './support/temp-dir.js';

describe('Quarantine (a clock of its own)', () => {
  it('quarantines on the fifth failure within the window, not when the failures are spread out', async () => {
    const home = await tempDir();
    let now = Date.parse('2026-01-01T00:00:00Z');
    const quarantine = new Quarantine(path.join(home.dir, 'quarantine.json'), () => now);
    const clsid = crypto.randomUUID();
    for (let n = 1; n < QUARANTINE_FAILURES; n++) expect(await quarantine.failed(clsid, 'h', `failure ${n}`)).toBe(false);
    now += QUARANTINE_WINDOW_MS + 1; // the first four are now too old to count
    expect(await quarantine.failed(clsid, 'h', 'late')).toBe(false);
    for (let n = 1; n < QUARANTINE_FAILURES - 1; n++) expect(await quarantine.failed(clsid, 'h', `again ${n}`)).toBe(false);
    expect(await quarantine.failed(clsid, 'h', 'fifth')).toBe(true);
    expect(quarantine.list()).toEqual([{ clsid, name: 'h', since: new Date(now).toISOString(), reasons: ['late', 'again 1', 'again 2', 'again 3', 'fifth'] }]);

    const reread = new Quarantine(path.join(home.dir, 'quarantine.json'), () => now);
    await reread.load();
    expect(reread.isQuarantined(clsid)).toBe(true);
    expect(await reread.release(clsid)).toBe(true);
    expect(reread.isQuarantined(clsid)).toBe(false);
    await home.remove();
  });
});

it('quarantines a handler failing 5 times under triggered jobs; the status shows it and handlers/reset lifts it', async () => {
  const home = await tempDir();
  const daemon = new Daemon({ home: home.dir });
  await daemon.start();
  const failing = await registerFixture(daemon.manager, 'exits-with-code-3', { in: 'initialize' });
  const failUnderTriggers = async () => {
    for (let n = 0; n < QUARANTINE_FAILURES; n++) {
      const job = await daemon.jobs.submit({ event: 'scheduled', clsids: [failing], triggered: true });
      expect((await daemon.jobs.finished(job.sessionId)).succeeded).toBe(false);
    }
  };
  await failUnderTriggers();
  await expect(daemon.jobs.submit({ event: 'scheduled', clsids: [failing], triggered: true })).rejects.toMatchObject({ code: 'QUARANTINED' });

  const { connection } = await connectClient(daemon.socketPath);
  const status = await connection.sendRequest(DaemonStatus.type, {});
  expect(status.quarantined.map((q) => [q.clsid, q.reasons.length])).toEqual([[failing, QUARANTINE_FAILURES]]);
  expect((await connection.sendRequest(ResetHandler.type, { clsid: failing })).hr).toBe(HResult.S_OK);
  expect((await connection.sendRequest(DaemonStatus.type, {})).quarantined).toEqual([]);
  expect((await connection.sendRequest(ResetHandler.type, { clsid: failing })).hr).toBe(HResult.S_FALSE);

  // A person's sync of it lifts the quarantine too.
  await failUnderTriggers();
  expect(daemon.quarantine.isQuarantined(failing)).toBe(true);
  const manual = await daemon.jobs.submit({ event: 'manual', clsids: [failing], triggered: false });
  expect(daemon.quarantine.isQuarantined(failing)).toBe(false);
  await daemon.jobs.finished(manual.sessionId);
  connection.dispose();
  await daemon.stop();
  await home.remove();
});
