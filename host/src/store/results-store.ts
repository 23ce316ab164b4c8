import { mkdir, readdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { HostError } from '../errors.js';
import type { HomePaths } from './home.js';
import { readStateFile, writeStateFile } from './state-file.js';
import type { SessionReport } from '../report.js';

/** How many session reports a home keeps by default: a daemon syncing every few minutes keeps days of them. */
export const DEFAULT_KEPT_RESULTS = 1000;

/**
 * Every session's report, one file each under <home>/results, so nothing is lost when the terminal
 * closes; the oldest beyond `keep` are removed, so the folder does not grow without bound.
 */
export class ResultsStore {
  constructor(
    private readonly home: HomePaths,
    private readonly keep: number = DEFAULT_KEPT_RESULTS,
  ) {
    if (!Number.isInteger(keep) || keep < 1) throw new HostError('USAGE', `the number of results to keep must be a whole number of at least 1, not ${keep}`);
  }

  /** Writes (or rewrites, after a retry) a session's report atomically, then removes the oldest beyond `keep`. */
  async save(report: SessionReport): Promise<void> {
    await mkdir(this.home.results, { recursive: true, mode: 0o700 });
    await writeStateFile(this.fileOf(report.sessionId), report);
    await this.prune();
  }

  /** A session's report by its ID (or an unambiguous prefix of it); the newest when no ID is given. */
  async load(sessionId?: string): Promise<SessionReport> {
    const ids = await this.sessionIds();
    const id = sessionId === undefined ? await this.newest(ids) : this.match(ids, sessionId);
    const report = await readStateFile(this.fileOf(id));
    if (!isReport(report)) throw new HostError('STATE_CORRUPT', `${this.fileOf(id)} is not a session report; it was left untouched`);
    return report;
  }

  private async sessionIds(): Promise<string[]> {
    const names = await readdir(this.home.results).catch(() => [] as string[]);
    return names.filter((name) => name.endsWith('.json')).map((name) => name.slice(0, -'.json'.length));
  }

  private async newest(ids: string[]): Promise<string> {
    const newest = (await this.byAge(ids)).at(-1);
    if (newest === undefined) throw new HostError('USAGE', `no session results in ${this.home.results} yet: run \`syncmgr sync\` first`);
    return newest;
  }

  // Only when over the limit: a save then costs one readdir, not a stat per report.
  private async prune(): Promise<void> {
    const ids = await this.sessionIds();
    if (ids.length <= this.keep) return;
    const oldest = (await this.byAge(ids)).slice(0, ids.length - this.keep);
    await Promise.all(oldest.map((id) => rm(this.fileOf(id), { force: true })));
  }

  /** The IDs, oldest report first (by the time it was last written). */
  private async byAge(ids: string[]): Promise<string[]> {
    const times = await Promise.all(ids.map(async (id) => ({ id, time: (await stat(this.fileOf(id)).catch(() => undefined))?.mtimeMs ?? 0 })));
    return times.sort((a, b) => a.time - b.time).map(({ id }) => id);
  }

  private match(ids: string[], wanted: string): string {
    const found = ids.filter((id) => id.startsWith(wanted.toLowerCase()));
    const [only] = found;
    if (found.length === 1 && only !== undefined) return only;
    const why = found.length === 0 ? 'no session' : `${found.length} sessions`;
    throw new HostError('USAGE', `${why} in ${this.home.results} match "${wanted}": give more of the session ID`);
  }

  private fileOf(sessionId: string): string {
    return path.join(this.home.results, `${sessionId}.json`);
  }
}

function isReport(value: unknown): value is SessionReport {
  return (
    typeof value === 'object' && value !== null && typeof (value as SessionReport).sessionId === 'string' && Array.isArray((value as SessionReport).handlers)
  );
}
