import type { Guid, SyncMgrHandlerInfo, SyncMgrItem } from '@syncmgr/protocol';
import type { Phase } from './phase.js';
import type { HandlerReport, LogEntry, SessionReport } from './report.js';

/** An item as the session tracks it while it runs. */
export interface ItemState {
  itemId: Guid;
  name: string;
  /** A SYNCMGRSTATUS value: PENDING until the handler reports otherwise. */
  status: number;
  text?: string;
  progValue?: number;
  maxValue?: number;
}


export interface HandlerRef {
  sessionId: string;
  clsid: Guid;
  name: string;
}

/** Everything a session tells its clients (the CLI today, a daemon or dashboard tomorrow). */
export type SessionEvents = {
  handlerPhase: (handler: HandlerRef, phase: Phase) => void;
  handlerInfo: (handler: HandlerRef, info: SyncMgrHandlerInfo) => void;
  /** Every item the handler listed, and the IDs this session selected (no copies: a million items stay one list). */
  itemsEnumerated: (handler: HandlerRef, items: readonly SyncMgrItem[], selected: ReadonlySet<Guid>) => void;
  itemProgress: (handler: HandlerRef, item: ItemState) => void;
  log: (handler: HandlerRef, entry: LogEntry) => void;
  logDeleted: (handler: HandlerRef, errorId: Guid) => void;
  handlerFinished: (handler: HandlerRef, report: HandlerReport) => void;
  /** Something the client should know that belongs to no handler (a connection left up, results not saved). */
  warning: (text: string) => void;
  finished: (report: SessionReport) => void;
};
