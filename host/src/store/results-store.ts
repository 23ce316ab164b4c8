import { readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { HostError } from '../errors.js';
import { ensureStateFolder, type HomePaths } from './home.js';
import { readStateFile, refuseUnsafe, writeStateFile } from './state-file.js';
import type { SessionReport } from '../report.js';
import { SavedReportName } from './saved-report-name.js';

/** How many session reports a home keeps by default: a daemon syncing every few minutes keeps days of them. */
export const DEFAULT_KEPT_RESULTS = 1000;

/**
 * Every session's report, one file each under <home>/results, so nothing is lost when the terminal
 * closes; the oldest beyond `keep` are removed, so the folder does not grow without bound. Age is
 * the order of saving in this home (a sequence number in the file name), never a file's time: a
 * report dated in the future must not outlive, or evict, the one just saved.
 */
export class ResultsStore {
  constructor(
    private readonly home: HomePaths,
    private readonly keep: number = DEFAULT_KEPT_RESULTS,
  ) {
    if (!Number.isInteger(keep) || keep < 1) throw new HostError('USAGE', `the number of results to keep must be a whole number of at least 1, not ${keep}`);
  }

  /** Writes (or rewrites, after a retry, in its place) a session's report atomically, then removes the oldest beyond `keep`. */
  async save(report: SessionReport): Promise<void> {
    await ensureStateFolder(this.home.results);
    const saved = await this.savedReports();
    const name = saved.find((s) => s.sessionId === report.sessionId) ?? SavedReportName.after(saved.at(-1), report.sessionId);
    await writeStateFile(this.fileOf(name), report);
    await this.prune([...saved.filter((s) => s !== name), name]);
  }

  /** A session's report by its ID (or an unambiguous prefix of it); the newest when no ID is given. */
  async load(sessionId?: string): Promise<SessionReport> {
    const saved = await this.savedReports();
    const name = sessionId === undefined ? this.newest(saved) : this.match(saved, sessionId);
    const report = await readStateFile(this.fileOf(name));
    if (!isReport(report)) throw new HostError('STATE_CORRUPT', `${this.fileOf(name)} is not a session report; it was left untouched`);
    return report;
  }

  /** Every saved report, oldest first (what a daemon lists after a restart); a corrupt file is passed over, not fatal. */
  async loadAll(): Promise<SessionReport[]> {
    const reports: SessionReport[] = [];
    for (const name of await this.savedReports()) {
      const report = await readStateFile(this.fileOf(name)).catch(() => undefined);
      if (isReport(report)) reports.push(report);
    }
    return reports;
  }

  /** The saved reports, oldest first; none when the folder does not exist yet. */
  private async savedReports(): Promise<SavedReportName[]> {
    const folderExists = await refuseUnsafe(this.home.results, 'folder').then(
      () => true,
      (error: unknown) => {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
        throw error;
      },
    );
    const names = folderExists ? await readdir(this.home.results) : [];
    return SavedReportName.inOrder(names);
  }

  private newest(saved: SavedReportName[]): SavedReportName {
    const newest = saved.at(-1);
    if (newest === undefined) throw new HostError('USAGE', `no session results in ${this.home.results} yet: run \`syncmgr sync\` first`);
    return newest;
  }

  // Only when over the limit; a save costs one readdir, never a stat per report.
  private async prune(saved: SavedReportName[]): Promise<void> {
    const oldest = saved.slice(0, Math.max(0, saved.length - this.keep));
    await Promise.all(oldest.map((name) => rm(this.fileOf(name), { force: true })));
  }

  private match(saved: SavedReportName[], wanted: string): SavedReportName {
    const found = saved.filter((s) => s.sessionId.startsWith(wanted.toLowerCase()));
    const [only] = found;
    if (found.length === 1 && only !== undefined) return only;
    const why = found.length === 0 ? 'no session' : `${found.length} sessions`;
    throw new HostError('USAGE', `${why} in ${this.home.results} match "${wanted}": give more of the session ID`);
  }

  private fileOf(name: SavedReportName): string {
    return path.join(this.home.results, name.fileName);
  }
}

function isReport(value: unknown): value is SessionReport {
  return (
    typeof value === 'object' && value !== null && typeof (value as SessionReport).sessionId === 'string' && Array.isArray((value as SessionReport).handlers)
  );
}
