import { randomUUID } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { normalizeGuid, type AddScheduleParams, type Guid } from '@syncmgr/protocol';
import { HostError } from '../../errors.js';
import { corrupt, readStateFile, withFileLock, writeStateFile } from '../../store/state-file.js';
import { cronOf } from './cron-check.js';

/** One schedule as the file keeps it: the protocol's Schedule without nextRun, plus when it was made. */
export interface StoredSchedule {
  scheduleId: string;
  cron: string;
  timeZone?: string;
  clsids?: Guid[];
  itemIds?: Guid[];
  /** When it was added (ISO 8601): a run missed before its first lastRun counts from here. */
  createdAt: string;
  lastRun?: string;
}

interface SchedulesFile {
  version: 1;
  schedules: StoredSchedule[];
}

// The file is read whole at each change: bounded, so a client cannot grow the daemon's memory.
export const MAX_SCHEDULES = 256;
export const MAX_IDS_PER_SCHEDULE = 1024;

/** The schedules of a home (schedule add/list/remove), in one owner-only state file. */
export class ScheduleStore {
  constructor(
    private readonly file: string,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Validates and stores a schedule. HostError USAGE for a bad cron, time zone or ID, or too many schedules. */
  async add(params: AddScheduleParams): Promise<StoredSchedule> {
    cronOf(params.cron, params.timeZone);
    const schedule: StoredSchedule = {
      scheduleId: randomUUID(),
      cron: params.cron.trim(),
      ...(params.timeZone !== undefined ? { timeZone: params.timeZone } : {}),
      ...(params.clsids !== undefined ? { clsids: guids(params.clsids, 'handler') } : {}),
      ...(params.itemIds !== undefined ? { itemIds: guids(params.itemIds, 'item') } : {}),
      createdAt: this.now().toISOString(),
    };
    await this.update((file) => {
      if (file.schedules.length >= MAX_SCHEDULES) throw new HostError('USAGE', `a home holds at most ${MAX_SCHEDULES} schedules: remove one first`);
      file.schedules.push(schedule);
    });
    return schedule;
  }

  async list(): Promise<StoredSchedule[]> {
    return (await this.read()).schedules;
  }

  /** False when there was no such schedule. */
  async remove(scheduleId: string): Promise<boolean> {
    return this.update((file) => {
      const before = file.schedules.length;
      file.schedules = file.schedules.filter((s) => s.scheduleId !== scheduleId);
      return file.schedules.length !== before;
    });
  }

  /** Records a run; a schedule removed meanwhile stays removed. */
  async recordRun(scheduleId: string, at: Date): Promise<void> {
    await this.update((file) => {
      const schedule = file.schedules.find((s) => s.scheduleId === scheduleId);
      if (schedule) schedule.lastRun = at.toISOString();
    });
  }

  private async update<T>(change: (file: SchedulesFile) => T): Promise<T> {
    await mkdir(path.dirname(this.file), { recursive: true, mode: 0o700 });
    return withFileLock(this.file, async () => {
      const file = await this.read();
      const result = change(file);
      await writeStateFile(this.file, file);
      return result;
    });
  }

  private async read(): Promise<SchedulesFile> {
    const raw = await readStateFile(this.file);
    if (raw === undefined) return { version: 1, schedules: [] };
    const file = raw as SchedulesFile;
    if (file === null || typeof file !== 'object' || file.version !== 1 || !Array.isArray(file.schedules) || !file.schedules.every(isStored)) {
      throw corrupt(this.file, 'expected {"version": 1, "schedules": [{"scheduleId", "cron", "createdAt", ...}]}');
    }
    return file;
  }
}

function guids(values: readonly string[], what: string): Guid[] {
  if (!Array.isArray(values) || values.length > MAX_IDS_PER_SCHEDULE) throw new HostError('USAGE', `at most ${MAX_IDS_PER_SCHEDULE} ${what} IDs per schedule`);
  return values.map((value) => {
    const id = typeof value === 'string' ? normalizeGuid(value) : undefined;
    if (!id) throw new HostError(what === 'handler' ? 'INVALID_CLSID' : 'USAGE', `"${String(value)}" is not a ${what} ID (a GUID)`);
    return id;
  });
}

function isStored(value: unknown): value is StoredSchedule {
  if (value === null || typeof value !== 'object') return false;
  const s = value as Record<string, unknown>;
  const optionalString = (key: string) => s[key] === undefined || typeof s[key] === 'string';
  const optionalStrings = (key: string) => s[key] === undefined || (Array.isArray(s[key]) && (s[key] as unknown[]).every((v) => typeof v === 'string'));
  return (
    typeof s['scheduleId'] === 'string' &&
    typeof s['cron'] === 'string' &&
    typeof s['createdAt'] === 'string' &&
    optionalString('timeZone') &&
    optionalString('lastRun') &&
    optionalStrings('clsids') &&
    optionalStrings('itemIds')
  );
}
