import path from 'node:path';
import { describe, expect, it } from '@jest/globals';
import type { DaemonPaths } from '@syncmgr/host/internal/daemon/daemon-paths.js';
import { startDaemonTriggers } from '@syncmgr/host/internal/daemon/triggers/daemon-triggers.js';
import { FakeJobs } from '../support/fake-jobs.js';
import { FakeTimers } from '../support/fake-timers.js';
import { tempDir } from '../support/temp-dir.js';

const CLSID = '6295df27-35ee-11d1-8707-00c04fd93327';

describe('startDaemonTriggers', () => {
  it('runs connect at start, quarantined handlers left out, falls back softly without a bus, and stops every timer', async () => {
    const dir = await tempDir();
    try {
      const paths = { schedules: path.join(dir.dir, 'schedules.json'), quarantine: path.join(dir.dir, 'quarantine.json') } as DaemonPaths;
      const jobs = new FakeJobs();
      const timers = new FakeTimers(new Date('2026-01-01T00:00:00.000Z'));
      const lines: string[] = [];
      const quarantined = new Set<string>();
      const entries = [{ clsid: CLSID, name: 'Mail', command: ['true'], events: ['connect' as const], registeredAt: '2026-01-01T00:00:00.000Z' }];
      const started = await startDaemonTriggers({
        jobs,
        paths,
        handlers: () => Promise.resolve(entries),
        log: (line) => lines.push(line),
        isQuarantined: (clsid) => quarantined.has(clsid),
        timers,
        connectBus: () => Promise.reject(new Error('no bus')),
      });
      expect(jobs.submitted).toEqual([{ event: 'connect', clsids: [CLSID], triggered: true }]);
      expect(lines).toHaveLength(2); // idle and network: one line each
      await started.triggers.addSchedule({ cron: '* * * * * *' });
      expect(timers.armed).toBe(1);
      quarantined.add(CLSID);
      expect(await started.triggers.trigger('connect')).toEqual({ hr: 1 });
      await started.stop();
      expect(timers.armed).toBe(0);
    } finally {
      await dir.remove();
    }
  });
});
