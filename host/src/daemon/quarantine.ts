import type { Guid, QuarantinedHandler } from '@syncmgr/protocol';
import { readStateFile, writeStateFile } from '../store/state-file.js';
import { ensureStateFolder } from '../store/home.js';
import path from 'node:path';

/** Trigger-started failures within the window that quarantine a handler (restart intensity). */
export const QUARANTINE_FAILURES = 5;
/** The window those failures must fall in, in ms: 10 minutes. */
export const QUARANTINE_WINDOW_MS = 10 * 60 * 1000;

interface HandlerRecord {
  name: string;
  /** Recent trigger-started failures, oldest first, at most QUARANTINE_FAILURES. */
  failures: { at: string; reason: string }[];
  /** Set while quarantined. */
  since?: string;
}

interface QuarantineFile {
  handlers: Record<Guid, HandlerRecord>;
}

/**
 * Restart intensity, as an init system has it: a handler whose trigger-started sessions fail
 * QUARANTINE_FAILURES times within QUARANTINE_WINDOW_MS is quarantined, so triggers stop starting
 * it until a person syncs it by hand or resets it. Kept in a state file across daemon restarts.
 */
export class Quarantine {
  private file: QuarantineFile = { handlers: {} };

  constructor(
    private readonly stateFile: string,
    private readonly now: () => number = Date.now,
  ) {}

  /** Reads the state file (none yet: nothing quarantined). */
  async load(): Promise<void> {
    try {
      const value = (await readStateFile(this.stateFile)) as QuarantineFile | undefined;
      if (value && typeof value === 'object' && typeof value.handlers === 'object') this.file = value;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }

  isQuarantined(clsid: Guid): boolean {
    return this.file.handlers[clsid]?.since !== undefined;
  }

  /** Quarantined handlers with the reasons of the failures that did it. */
  list(): QuarantinedHandler[] {
    return Object.entries(this.file.handlers).flatMap(([clsid, record]) =>
      record.since === undefined ? [] : [{ clsid, name: record.name, since: record.since, reasons: record.failures.map((f) => f.reason) }],
    );
  }

  /** Records a trigger-started failure; true when it has just quarantined the handler. */
  async failed(clsid: Guid, name: string, reason: string): Promise<boolean> {
    const record = (this.file.handlers[clsid] ??= { name, failures: [] });
    const now = this.now();
    record.name = name;
    record.failures = [...record.failures, { at: new Date(now).toISOString(), reason }]
      .filter((f) => now - Date.parse(f.at) <= QUARANTINE_WINDOW_MS)
      .slice(-QUARANTINE_FAILURES);
    const quarantinedNow = record.since === undefined && record.failures.length >= QUARANTINE_FAILURES;
    if (quarantinedNow) record.since = new Date(now).toISOString();
    await this.save();
    return quarantinedNow;
  }

  /** Lifts the quarantine (a manual sync, handlers/reset) and forgets the failures; true when it was quarantined. */
  async release(clsid: Guid): Promise<boolean> {
    const record = this.file.handlers[clsid];
    if (!record) return false;
    const was = record.since !== undefined;
    delete this.file.handlers[clsid];
    await this.save();
    return was;
  }

  /** The reasons that quarantined a handler, if it is. */
  reasonsOf(clsid: Guid): string[] {
    return this.file.handlers[clsid]?.failures.map((f) => f.reason) ?? [];
  }

  private async save(): Promise<void> {
    await ensureStateFolder(path.dirname(this.stateFile));
    await writeStateFile(this.stateFile, this.file);
  }
}
