import type { HandlerPhase } from '@syncmgr/protocol';
import type { Guid, SyncMgrHandlerInfo, SyncMgrItem } from '@syncmgr/protocol';
import type { ItemStatus } from '../item-status.js';
import type { HandlerReport, LogEntry, SessionReport } from '../report.js';

/** An item as the session tracks it while it runs. */
export interface ItemState {
  itemId: Guid;
  name: string;
  /** 'pending' until the handler reports otherwise; the same names as the report's. */
  status: ItemStatus;
  text?: string;
  progValue?: number;
  maxValue?: number;
}

/** Which listed items a session selected to synchronize. */
export interface ItemSelection {
  has(itemId: Guid): boolean;
}

/** What a complete enumeration came to. */
export interface EnumerationTotals {
  listed: number;
  selected: number;
  /** S_SYNCMGR_MISSINGITEMS: the handler said the list is incomplete. */
  missingItems: boolean;
}

export interface HandlerRef {
  sessionId: string;
  clsid: Guid;
  name: string;
}

/** Everything a session tells its clients (the CLI today, a daemon or dashboard tomorrow). */
export type SessionEvents = {
  handlerPhase: (handler: HandlerRef, phase: HandlerPhase) => void;
  handlerInfo: (handler: HandlerRef, info: SyncMgrHandlerInfo) => void;
  /**
   * A page of items as the handler listed them (each item once), and a test of which this session
   * selected. Pages are not kept by the host: a client that wants every item keeps them itself.
   */
  itemsListed: (handler: HandlerRef, items: readonly SyncMgrItem[], selected: ItemSelection) => void;
  /** The enumeration is complete (not emitted when it failed). */
  itemsEnumerated: (handler: HandlerRef, summary: EnumerationTotals) => void;
  itemProgress: (handler: HandlerRef, item: ItemState) => void;
  log: (handler: HandlerRef, entry: LogEntry) => void;
  logDeleted: (handler: HandlerRef, errorId: Guid) => void;
  handlerFinished: (handler: HandlerRef, report: HandlerReport) => void;
  /** Something the client should know that belongs to no handler (a connection left up, results not saved). */
  warning: (text: string) => void;
  finished: (report: SessionReport) => void;
};
