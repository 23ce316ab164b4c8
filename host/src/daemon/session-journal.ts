import path from 'node:path';
import type { SessionSummary } from '@syncmgr/protocol';
import type { HandlerReport, SessionReport } from '../report.js';
import { ensureStateFolder } from '../store/home.js';
import { readStateFile, writeStateFile } from '../store/state-file.js';
import type { ResultsStore } from '../store/results-store.js';
import { syncEventOf } from './event-names.js';

/** How many interrupted sessions the journal remembers for the listing (their reports are in results/). */
const KEPT_INTERRUPTED = 200;

/** A job as the journal keeps it: its summary and the names of its handlers, for the interrupted report. */
export interface JournalJob {
  summary: SessionSummary;
  names: Record<string, string>;
}

interface JournalFile {
  /** The daemon that wrote it. */
  pid: number;
  /** Its jobs not yet over (queued and running). */
  jobs: JournalJob[];
  /** Sessions a daemon's death interrupted, newest last. */
  interrupted: SessionSummary[];
}

/**
 * The jobs not over yet, on disk, so that the daemon after one that was killed can say which
 * sessions it interrupted: each is saved to results/ as a report whose handlers failed with the
 * reason, and listed as 'interrupted'. Writes are atomic and one at a time, in order.
 */
export class SessionJournal {
  private file: JournalFile = { pid: process.pid, jobs: [], interrupted: [] };
  private writing: Promise<void> = Promise.resolve();

  constructor(private readonly journalPath: string) {}

  /**
   * Reads what the last daemon left; every job in it becomes interrupted (saved to results), and the
   * journal is rewritten as this daemon's. Resolves to the sessions interrupted just now.
   */
  async recover(results: ResultsStore): Promise<SessionSummary[]> {
    const left = (await readStateFile(this.journalPath)) as Partial<JournalFile> | undefined;
    const jobs = Array.isArray(left?.jobs) ? left.jobs : [];
    const now = new Date().toISOString();
    const reason = `the daemon (pid ${left?.pid ?? 'unknown'}) stopped while it ran`;
    const interrupted = jobs.map((job): SessionSummary => ({ ...job.summary, state: 'interrupted', finishedAt: now, reason, succeeded: false }));
    for (const summary of interrupted) {
      const job = jobs.find((j) => j.summary.sessionId === summary.sessionId);
      if (job) await results.save(interruptedReport(job, summary, reason));
    }
    this.file = {
      pid: process.pid,
      jobs: [],
      interrupted: [...(Array.isArray(left?.interrupted) ? left.interrupted : []), ...interrupted].slice(-KEPT_INTERRUPTED),
    };
    await this.write();
    return interrupted;
  }

  /** The sessions listed as interrupted (by this daemon's start or an earlier one's). */
  get interrupted(): readonly SessionSummary[] {
    return this.file.interrupted;
  }

  /** Rewrites the list of jobs not over yet. */
  update(jobs: JournalJob[]): Promise<void> {
    this.file = { ...this.file, jobs };
    return this.write();
  }

  private write(): Promise<void> {
    const snapshot = this.file;
    this.writing = this.writing
      .catch(() => undefined)
      .then(async () => {
        await ensureStateFolder(path.dirname(this.journalPath));
        await writeStateFile(this.journalPath, snapshot);
      });
    return this.writing;
  }
}

function interruptedReport(job: JournalJob, summary: SessionSummary, reason: string): SessionReport {
  const handlers = summary.clsids.map((clsid): HandlerReport => ({ clsid, name: job.names[clsid] ?? clsid, result: 'failed', reason, items: [], log: [] }));
  return {
    sessionId: summary.sessionId,
    event: syncEventOf(summary.event),
    startedAt: summary.startedAt ?? summary.queuedAt,
    finishedAt: summary.finishedAt ?? new Date().toISOString(),
    handlers,
  };
}
