import { GUID_NULL, SyncMgrErrorFlags, SyncMgrLogErrorMask as Mask, SyncMgrLogLevel, type Guid, type LogErrorParams } from '@syncmgr/protocol';
import { DEFAULT_LIMITS, type HostLimits } from '../limits.js';
import type { LogEntry, LogLevel, LogLimit, LogOverflow } from '../report.js';
import { boundText, utf8Bytes } from '../util/bounded-text.js';
import { ByteBudget } from './byte-budget.js';

const LEVELS = new Map<number, LogLevel>([
  [SyncMgrLogLevel.SYNCMGRLOGLEVEL_INFORMATION, 'information'],
  [SyncMgrLogLevel.SYNCMGRLOGLEVEL_WARNING, 'warning'],
  [SyncMgrLogLevel.SYNCMGRLOGLEVEL_ERROR, 'error'],
]);

// What an entry costs beyond its text: the object, its level and its IDs (two GUIDs of 36 bytes).
const ENTRY_OVERHEAD_BYTES = 128;

/** The limits a LogBook keeps to; the session's budget is shared with the other handlers' books. */
export type LogBookLimits = Pick<HostLimits, 'maxLogEntries' | 'maxLogBytes' | 'maxTextBytes'>;

interface KeptEntry {
  entry: LogEntry;
  bytes: number;
}

/** What one source (the handler, or the host) has kept. */
interface Share {
  entries: number;
  bytes: number;
}

/**
 * A handler's LogError entries (the SyncMgr "error tab"), with DeleteLogError's removals. It keeps
 * the handler's entries within a count, a byte limit and the session's budget; past any of them
 * entries are counted, not kept, and every text is cut at maxTextBytes. The host's own entries have
 * a count and byte limit of their own, so that a flooding handler cannot crowd out its fault.
 */
export class LogBook {
  private readonly kept: KeptEntry[] = [];
  private readonly shares = { handler: { entries: 0, bytes: 0 }, host: { entries: 0, bytes: 0 } };
  private dropped = 0;
  private truncated = 0;
  private readonly limitsReached = new Set<LogLimit>();
  private readonly limits: LogBookLimits;

  constructor(
    limits: Partial<LogBookLimits> = {},
    private readonly sessionBudget = new ByteBudget(Number.POSITIVE_INFINITY),
  ) {
    this.limits = {
      maxLogEntries: limits.maxLogEntries ?? Number.POSITIVE_INFINITY,
      maxLogBytes: limits.maxLogBytes ?? Number.POSITIVE_INFINITY,
      maxTextBytes: limits.maxTextBytes ?? DEFAULT_LIMITS.maxTextBytes,
    };
  }

  /** Records a LogError call; fields count only when the mask says they are set. Returns the entry, kept or not. */
  addFromHandler(params: LogErrorParams): LogEntry {
    const info = params.logErrorInfo;
    const mask = info?.mask ?? 0;
    const { text, cutBytes } = boundText(params.errorText, this.limits.maxTextBytes);
    const entry: LogEntry = { level: LEVELS.get(params.errorLevel) ?? 'error', text };
    if (mask & Mask.SYNCMGRLOGERROR_ITEMID && info?.itemId) entry.itemId = info.itemId;
    if (mask & Mask.SYNCMGRLOGERROR_ERRORID && info?.errorId) entry.errorId = info.errorId;
    if (mask & Mask.SYNCMGRLOGERROR_ERRORFLAGS && (info?.syncMgrErrorFlags ?? 0) & SyncMgrErrorFlags.SYNCMGRERRORFLAG_ENABLEJUMPTEXT) {
      entry.actionable = entry.errorId !== undefined;
    }
    this.keep(entry, cutBytes > 0);
    return entry;
  }

  /** Records something the host noticed about the handler (its text may quote the handler). */
  addFromHost(level: LogLevel, text: string): LogEntry {
    const bounded = boundText(text, this.limits.maxTextBytes);
    const entry: LogEntry = { level, text: bounded.text, source: 'host' };
    this.keep(entry, bounded.cutBytes > 0);
    return entry;
  }

  /** DeleteLogError: one entry by its ErrorID, or with GUID_NULL every entry the handler logged. */
  delete(errorId: Guid): number {
    const removed = (e: LogEntry): boolean => (errorId === GUID_NULL ? e.source !== 'host' : e.source !== 'host' && e.errorId === errorId);
    const gone = this.kept.filter(({ entry }) => removed(entry));
    const freed = gone.reduce((sum, k) => sum + k.bytes, 0);
    this.kept.splice(0, this.kept.length, ...this.kept.filter(({ entry }) => !removed(entry)));
    this.shares.handler.entries -= gone.length;
    this.shares.handler.bytes -= freed;
    this.sessionBudget.release(freed);
    return gone.length;
  }

  /** The entries, and one more saying how many were dropped past which limit, if any were. */
  list(): LogEntry[] {
    const entries = this.kept.map((k) => k.entry);
    if (this.dropped === 0) return entries;
    const limits = [...this.limitsReached].map((limit) => this.describe(limit)).join('; ');
    return [...entries, { level: 'warning', text: `${this.dropped} further log entries were dropped: ${limits}`, source: 'host' }];
  }

  /** What was left out, for the report; undefined when everything was kept whole. */
  overflow(): LogOverflow | undefined {
    if (this.dropped === 0 && this.truncated === 0) return undefined;
    return { dropped: this.dropped, limits: [...this.limitsReached], truncated: this.truncated };
  }

  private keep(entry: LogEntry, truncated: boolean): void {
    const bytes = ENTRY_OVERHEAD_BYTES + utf8Bytes(entry.text);
    const fromHost = entry.source === 'host';
    const share = fromHost ? this.shares.host : this.shares.handler;
    const limit = this.limitFor(share, bytes, !fromHost);
    if (limit) {
      this.dropped += 1;
      this.limitsReached.add(limit);
      return;
    }
    this.kept.push({ entry, bytes });
    share.entries += 1;
    share.bytes += bytes;
    if (truncated) this.truncated += 1;
  }

  // The limit that refuses an entry of this size, if one does; the session's budget is taken last,
  // and only by the handler's entries (the host's are few, and say why a handler failed).
  private limitFor(share: Share, bytes: number, fromSessionBudget: boolean): LogLimit | undefined {
    if (share.entries >= this.limits.maxLogEntries) return 'entries';
    if (share.bytes + bytes > this.limits.maxLogBytes) return 'handler-bytes';
    if (!fromSessionBudget) return undefined;
    return this.sessionBudget.take(bytes) ? undefined : 'session-bytes';
  }

  private describe(limit: LogLimit): string {
    if (limit === 'entries') return `the limit is ${this.limits.maxLogEntries} entries per handler`;
    if (limit === 'handler-bytes') return `the limit is ${this.limits.maxLogBytes} bytes per handler`;
    return `the session's handlers together reached their limit of ${this.sessionBudget.maxBytes} bytes`;
  }
}
