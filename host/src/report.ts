import type { Guid } from '@syncmgr/protocol';
import type { HandlerFault } from './faults/handler-fault.js';
import type { ItemOutcome } from './item-status.js';


/**
 * How a handler ended: it ran (even if some items failed), it completed Synchronize with an error
 * HRESULT (it ran, and said the run had errors: not a fault), it broke (a fault), or it declined.
 */
export type HandlerResult = 'succeeded' | 'completedWithErrors' | 'failed' | 'declined';

export type LogLevel = 'information' | 'warning' | 'error';

/** One LogError entry, as the results keep it. */
export interface LogEntry {
  level: LogLevel;
  text: string;
  itemId?: Guid;
  errorId?: Guid;
  /** SYNCMGRERRORFLAG_ENABLEJUMPTEXT: the entry can be opened with ShowError. */
  actionable?: boolean;
  /** Set on entries the host wrote itself (protocol violations, faults), not the handler. */
  source?: 'host';
}

export interface ItemReport {
  itemId: Guid;
  name: string;
  status: ItemOutcome;
  text?: string;
}

export interface HandlerReport {
  clsid: Guid;
  name: string;
  result: HandlerResult;
  reason?: string;
  fault?: HandlerFault;
  items: ItemReport[];
  log: LogEntry[];
}

export interface SessionReport {
  sessionId: string;
  event: string;
  startedAt: string;
  finishedAt: string;
  handlers: HandlerReport[];
  /** Item IDs asked for with --item that no handler listed. */
  itemsNotFound?: Guid[];
}

/** True when every selected item succeeded and no handler failed: the CLI's exit code 0. */
export function sessionSucceeded(report: SessionReport): boolean {
  return (
    (report.itemsNotFound ?? []).length === 0 &&
    report.handlers.every((h) => h.result !== 'failed' && h.result !== 'completedWithErrors' && h.items.every((item) => item.status === 'succeeded'))
  );
}
