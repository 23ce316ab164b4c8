import { chmod, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { HostError } from '@syncmgr/host';
import { ScheduleStore } from '@syncmgr/host/internal/daemon/triggers/schedule-store.js';
import { tempDir } from '../support/temp-dir.js';

const CLSID = '6295df27-35ee-11d1-8707-00c04fd93327';

describe('ScheduleStore', () => {
  let dir: { dir: string; remove: () => Promise<void> };
  let file: string;
  beforeEach(async () => {
    dir = await tempDir();
    file = path.join(dir.dir, 'home', 'schedules.json');
  });
  afterEach(() => dir.remove());

  it('adds, lists and removes schedules, keeping their handlers and items canonical', async () => {
    const store = new ScheduleStore(file, () => new Date('2026-01-01T00:00:00Z'));
    const added = await store.add({ cron: '*/5 * * * * *', timeZone: 'Europe/Paris', clsids: [`{${CLSID.toUpperCase()}}`] });
    expect(added).toMatchObject({ cron: '*/5 * * * * *', timeZone: 'Europe/Paris', clsids: [CLSID], createdAt: '2026-01-01T00:00:00.000Z' });
    expect(added.scheduleId).toMatch(/^[0-9a-f-]{36}$/);
    expect(await new ScheduleStore(file).list()).toEqual([added]);
    expect(await store.remove(added.scheduleId)).toBe(true);
    expect(await store.remove(added.scheduleId)).toBe(false);
    expect(await store.list()).toEqual([]);
  });

  it('records a run on the schedule, and not on one removed meanwhile', async () => {
    const store = new ScheduleStore(file);
    const kept = await store.add({ cron: '0 * * * *' });
    await store.recordRun(kept.scheduleId, new Date('2026-01-01T01:00:00Z'));
    await store.recordRun('no-such-schedule', new Date());
    expect(await store.list()).toEqual([{ ...kept, lastRun: '2026-01-01T01:00:00.000Z' }]);
  });

  it.each([
    ['a cron expression that does not parse', { cron: 'every day' }],
    ['a field out of range', { cron: '61 * * * *' }],
    ['an empty expression', { cron: ' ' }],
    ['an unknown time zone', { cron: '0 * * * *', timeZone: 'Nowhere/Atlantis' }],
  ])('refuses %s with USAGE and stores nothing', async (_what, params) => {
    const store = new ScheduleStore(file);
    await expect(store.add(params)).rejects.toMatchObject({ name: 'HostError', code: 'USAGE' });
    expect(await store.list()).toEqual([]);
  });

  it('refuses a handler that is not a class ID with INVALID_CLSID', async () => {
    await expect(new ScheduleStore(file).add({ cron: '0 * * * *', clsids: ['not-a-guid'] })).rejects.toMatchObject({ code: 'INVALID_CLSID' });
  });

  it('refuses a corrupt file, and one others can write, with STATE_CORRUPT, leaving it as it is', async () => {
    const store = new ScheduleStore(file);
    await store.add({ cron: '0 * * * *' });
    await writeFile(file, '{"version": 1, "schedules": [{"cron": 5}]}');
    await expect(store.list()).rejects.toMatchObject({ code: 'STATE_CORRUPT' });
    await expect(store.add({ cron: '0 * * * *' })).rejects.toBeInstanceOf(HostError);
    await writeFile(file, '{"version": 1, "schedules": []}');
    await chmod(file, 0o666);
    await expect(store.list()).rejects.toMatchObject({ code: 'STATE_CORRUPT' });
  });
});
