import type { HandlerPhase } from '@syncmgr/protocol';
import type { Guid, HandlerRef, ItemState, SyncMgrHandlerInfo, SyncMgrItem } from '@syncmgr/protocol';
import type { HandlerReport, LogEntry, SessionReport } from '../report.js';
import type { UserNotAskedReason } from './user-interface.js';

export type { HandlerRef, ItemState } from '@syncmgr/protocol';

/** Which listed items a session selected to synchronize. */
export interface ItemSelection {
  /** True when the session will synchronize that item. */
  has(itemId: Guid): boolean;
}

/** What a complete enumeration came to. */
export interface EnumerationTotals {
  /** Distinct items the handler listed. */
  listed: number;
  /** How many of them this session selected. */
  selected: number;
  /** S_SYNCMGR_MISSINGITEMS: the handler said the list is incomplete. */
  missingItems: boolean;
}

/**
 * Everything a session tells its clients (the CLI today, a daemon or dashboard tomorrow): subscribe
 * with `session.on(name, listener)` before calling run(). A listener that throws does not disturb
 * the run: its error is emitted as a warning.
 */
export type SessionEvents = {
  /** The handler moved to another phase of its life cycle ('start', 'handshake', … 'synchronize', 'results', 'done'; see HandlerPhase). */
  handlerPhase: (handler: HandlerRef, phase: HandlerPhase) => void;
  /** The handler answered GetHandlerInfo: its own name (from now on also the HandlerRef's ownName), flags and icon. */
  handlerInfo: (handler: HandlerRef, info: SyncMgrHandlerInfo) => void;
  /**
   * A page of items as the handler listed them (each item once), and a test of which this session
   * selected. Pages are not kept by the host: a client that wants every item keeps them itself.
   */
  itemsListed: (handler: HandlerRef, items: readonly SyncMgrItem[], selected: ItemSelection) => void;
  /** The enumeration is complete (not emitted when it failed). */
  itemsEnumerated: (handler: HandlerRef, summary: EnumerationTotals) => void;
  /**
   * An item's state changed: a Progress call, a final status, or the host failing it. The status is
   * a name (ItemStatus), the same vocabulary as ItemReport.status; each event carries a copy.
   */
  itemProgress: (handler: HandlerRef, item: ItemState) => void;
  /** A LogError entry (or one the host wrote about the handler) was added. */
  log: (handler: HandlerRef, entry: LogEntry) => void;
  /** The handler withdrew the entry with this errorId (GUID_NULL: all of its entries). */
  logDeleted: (handler: HandlerRef, errorId: Guid) => void;
  /**
   * The handler asked to bother the user (EnableModeless) in a phase where it may, and was told
   * S_FALSE because nobody could be asked: a client can say how to answer (once per handler and reason).
   */
  userNotAsked: (handler: HandlerRef, reason: UserNotAskedReason) => void;
  /** The handler's sync is over (it may still be held for showError); its report is final for run(). */
  handlerFinished: (handler: HandlerRef, report: HandlerReport) => void;
  /** Something the client should know that belongs to no handler (a connection left up, results not saved). */
  warning: (text: string) => void;
  /** The session is over: after run() when no handler is held for showError, else after close(). */
  finished: (report: SessionReport) => void;
};
