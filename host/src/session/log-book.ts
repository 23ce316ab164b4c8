import { GUID_NULL, SyncMgrErrorFlags, SyncMgrLogErrorMask as Mask, SyncMgrLogLevel, type Guid, type LogErrorParams } from '@syncmgr/protocol';
import type { LogEntry, LogLevel } from '../report.js';

const LEVELS = new Map<number, LogLevel>([
  [SyncMgrLogLevel.SYNCMGRLOGLEVEL_INFORMATION, 'information'],
  [SyncMgrLogLevel.SYNCMGRLOGLEVEL_WARNING, 'warning'],
  [SyncMgrLogLevel.SYNCMGRLOGLEVEL_ERROR, 'error'],
]);

/** A handler's LogError entries (the SyncMgr "error tab"), with DeleteLogError's removals. */
export class LogBook {
  private readonly entries: LogEntry[] = [];
  private dropped = 0;

  constructor(private readonly maxEntries = Number.POSITIVE_INFINITY) {}

  /** Records a LogError call; fields count only when the mask says they are set. */
  addFromHandler(params: LogErrorParams): LogEntry {
    const info = params.logErrorInfo;
    const mask = info?.mask ?? 0;
    const entry: LogEntry = { level: LEVELS.get(params.errorLevel) ?? 'error', text: params.errorText };
    if (mask & Mask.SYNCMGRLOGERROR_ITEMID && info?.itemId) entry.itemId = info.itemId;
    if (mask & Mask.SYNCMGRLOGERROR_ERRORID && info?.errorId) entry.errorId = info.errorId;
    if (mask & Mask.SYNCMGRLOGERROR_ERRORFLAGS && (info?.syncMgrErrorFlags ?? 0) & SyncMgrErrorFlags.SYNCMGRERRORFLAG_ENABLEJUMPTEXT) {
      entry.actionable = entry.errorId !== undefined;
    }
    if (this.entries.length >= this.maxEntries) this.dropped += 1;
    else this.entries.push(entry);
    return entry;
  }

  /** Records something the host noticed about the handler. */
  addFromHost(level: LogLevel, text: string): LogEntry {
    const entry: LogEntry = { level, text, source: 'host' };
    this.entries.push(entry);
    return entry;
  }

  /** DeleteLogError: one entry by its ErrorID, or with GUID_NULL every entry the handler logged. */
  delete(errorId: Guid): number {
    const before = this.entries.length;
    const keep = this.entries.filter((e) => (errorId === GUID_NULL ? e.source === 'host' : e.errorId !== errorId));
    this.entries.splice(0, this.entries.length, ...keep);
    return before - keep.length;
  }

  /** The entries, and one more saying how many were dropped past the limit, if any were. */
  list(): LogEntry[] {
    if (this.dropped === 0) return [...this.entries];
    const note: LogEntry = {
      level: 'warning',
      text: `${this.dropped} further log entries were dropped: the limit is ${this.maxEntries} per handler`,
      source: 'host',
    };
    return [...this.entries, note];
  }
}
