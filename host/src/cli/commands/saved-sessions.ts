import { readdir } from 'node:fs/promises';
import type { HandlerResult, SessionReport, SyncManager } from '../../index.js';
import { SavedReportName } from '../../store/saved-report-name.js';

/** One saved session, as `results --list` shows it. */
export interface SessionSummary {
  sessionId: string;
  event: string;
  startedAt: string;
  /** Each handler's registered name, and its own name when the report has it. */
  handlers: { clsid: string; name: string; ownName?: string; result: HandlerResult }[];
}

/** The IDs of the saved sessions, newest first; none when nothing was saved yet. */
export async function savedSessionIds(manager: SyncManager): Promise<string[]> {
  const names = await readdir(manager.home.results).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [];
    throw error;
  });
  return SavedReportName.inOrder(names)
    .map((name) => name.sessionId)
    .reverse();
}

/** The saved sessions whose ID starts with the prefix, newest first. */
export async function sessionsMatching(manager: SyncManager, prefix: string): Promise<string[]> {
  return (await savedSessionIds(manager)).filter((id) => id.startsWith(prefix.toLowerCase()));
}

export function summarize(report: SessionReport): SessionSummary {
  return {
    sessionId: report.sessionId,
    event: report.event,
    startedAt: report.startedAt,
    handlers: report.handlers.map(({ clsid, name, ownName, result }) => ({ clsid, name, ...(ownName !== undefined ? { ownName } : {}), result })),
  };
}
