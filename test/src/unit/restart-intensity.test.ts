import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { RestartIntensity } from '@syncmgr/host/internal/daemon/triggers/restart-intensity.js';
import { FakeTimers } from '../support/fake-timers.js';
import { tempDir } from '../support/temp-dir.js';

const CLSID = '6295df27-35ee-11d1-8707-00c04fd93327';
const MINUTE = 60_000;

describe('RestartIntensity', () => {
  let dir: { dir: string; remove: () => Promise<void> };
  let file: string;
  let clock: FakeTimers;
  beforeEach(async () => {
    dir = await tempDir();
    file = path.join(dir.dir, 'state', 'quarantine.json');
    clock = new FakeTimers(new Date('2026-01-01T00:00:00.000Z'));
  });
  afterEach(() => dir.remove());

  it('quarantines a handler at its fifth failure within 10 minutes, and keeps it across a restart', async () => {
    const intensity = new RestartIntensity(file, () => clock.now());
    for (let i = 1; i <= 4; i++) {
      expect(await intensity.recordFailure(CLSID, 'Mail', `failure ${i}`)).toBe(false);
      clock.advance(2 * MINUTE);
    }
    expect(intensity.isQuarantined(CLSID)).toBe(false);
    expect(await intensity.recordFailure(CLSID, 'Mail', 'failure 5')).toBe(true);
    expect(intensity.isQuarantined(CLSID)).toBe(true);
    const next = new RestartIntensity(file, () => clock.now());
    await next.load();
    expect(next.list()).toEqual([
      { clsid: CLSID, name: 'Mail', since: '2026-01-01T00:08:00.000Z', reasons: ['failure 1', 'failure 2', 'failure 3', 'failure 4', 'failure 5'] },
    ]);
  });

  it('does not quarantine five failures spread over more than the window', async () => {
    const intensity = new RestartIntensity(file, () => clock.now());
    for (let i = 1; i <= 5; i++) {
      await intensity.recordFailure(CLSID, 'Mail', 'x');
      clock.advance(3 * MINUTE);
    }
    expect(intensity.isQuarantined(CLSID)).toBe(false);
  });

  it('reset lifts a quarantine, and says when there was none', async () => {
    const intensity = new RestartIntensity(file, () => clock.now(), { failures: 1, windowMs: MINUTE });
    expect(await intensity.reset(CLSID)).toBe(false);
    await intensity.recordFailure(CLSID, 'Mail', 'x');
    expect(await intensity.reset(CLSID)).toBe(true);
    expect(intensity.isQuarantined(CLSID)).toBe(false);
    expect(intensity.list()).toEqual([]);
  });

  it('refuses a corrupt file with STATE_CORRUPT', async () => {
    const intensity = new RestartIntensity(file);
    await intensity.recordFailure(CLSID, 'Mail', 'x');
    await writeFile(file, '{"version": 1, "handlers": {"a": 5}}');
    await expect(new RestartIntensity(file).load()).rejects.toMatchObject({ code: 'STATE_CORRUPT' });
  });
});
