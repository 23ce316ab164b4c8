import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Guid, QuarantinedHandler } from '@syncmgr/protocol';
import { corrupt, readStateFile, writeStateFile } from '../../store/state-file.js';

/** systemd's StartLimitBurst/StartLimitIntervalSec for handlers: 5 failed triggered sessions within 10 minutes. */
export const RESTART_INTENSITY = { failures: 5, windowMs: 10 * 60_000 } as const;

interface Failure {
  at: string;
  reason: string;
}

interface HandlerRecord {
  name: string;
  /** The recent failures, oldest first: at most RESTART_INTENSITY.failures are kept. */
  failures: Failure[];
  /** Set while quarantined. */
  since?: string;
  /** The failures that quarantined it. */
  reasons?: string[];
}

interface QuarantineFile {
  version: 1;
  handlers: Record<Guid, HandlerRecord>;
}

/**
 * Restart intensity: a handler whose trigger-started sessions fail too often within the window is
 * quarantined, so that triggers skip it until a manual sync or `syncmgr reset` lifts it. Kept in
 * memory for the triggers' synchronous checks, and written through to the quarantine file so that
 * it outlives the daemon. Only the daemon (one per home, under its lock) writes it.
 */
export class RestartIntensity {
  private state: QuarantineFile = { version: 1, handlers: {} };
  private writes: Promise<void> = Promise.resolve();

  constructor(
    private readonly file: string,
    private readonly now: () => Date = () => new Date(),
    private readonly limits: { failures: number; windowMs: number } = RESTART_INTENSITY,
  ) {}

  /** Reads the file (at daemon start). HostError STATE_CORRUPT when it is malformed or unsafe. */
  async load(): Promise<void> {
    const raw = await readStateFile(this.file);
    if (raw === undefined) return;
    const file = raw as QuarantineFile;
    if (file === null || typeof file !== 'object' || file.version !== 1 || typeof file.handlers !== 'object' || file.handlers === null) {
      throw corrupt(this.file, 'expected {"version": 1, "handlers": {...}}');
    }
    for (const record of Object.values(file.handlers)) {
      if (typeof record !== 'object' || record === null || typeof record.name !== 'string' || !Array.isArray(record.failures)) {
        throw corrupt(this.file, 'each handler needs "name" and "failures"');
      }
    }
    this.state = file;
  }

  isQuarantined(clsid: Guid): boolean {
    return this.state.handlers[clsid]?.since !== undefined;
  }

  /** Counts a failed triggered session of a handler; true when that failure quarantined it. */
  async recordFailure(clsid: Guid, name: string, reason: string): Promise<boolean> {
    const now = this.now();
    const record = (this.state.handlers[clsid] ??= { name, failures: [] });
    record.name = name;
    const windowStart = now.getTime() - this.limits.windowMs;
    // Only the failures that can still count are kept: the file stays a few hundred bytes per handler.
    record.failures = [...record.failures, { at: now.toISOString(), reason }].filter((f) => Date.parse(f.at) > windowStart).slice(-this.limits.failures);
    const quarantines = record.since === undefined && record.failures.length >= this.limits.failures;
    if (quarantines) {
      record.since = now.toISOString();
      record.reasons = record.failures.map((f) => f.reason);
    }
    await this.save();
    return quarantines;
  }

  /** Lifts a quarantine (`syncmgr reset`, or a manual sync of the handler); false when it was not quarantined. */
  async reset(clsid: Guid): Promise<boolean> {
    const record = this.state.handlers[clsid];
    const was = record?.since !== undefined;
    if (!record) return false;
    delete this.state.handlers[clsid];
    await this.save();
    return was;
  }

  /** The quarantined handlers, for daemon/status. */
  list(): QuarantinedHandler[] {
    return Object.entries(this.state.handlers).flatMap(([clsid, r]) =>
      r.since === undefined ? [] : [{ clsid, name: r.name, since: r.since, reasons: r.reasons ?? [] }],
    );
  }

  // One write at a time, in order: each writes the whole current state, so the last one wins.
  private save(): Promise<void> {
    const write = this.writes.then(async () => {
      await mkdir(path.dirname(this.file), { recursive: true, mode: 0o700 });
      await writeStateFile(this.file, this.state);
    });
    this.writes = write.catch(() => {});
    return write;
  }
}
