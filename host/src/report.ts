import type { Guid } from '@syncmgr/protocol';
import type { HandlerFault } from './faults/handler-fault.js';
import type { ItemOutcome } from './item-status.js';
import type { LeftoverProcess } from './process/leftover-sweep.js';

/**
 * How a handler ended: it ran (even if some items failed), it completed Synchronize with an error
 * HRESULT (it ran, and said the run had errors: not a fault), it broke (a fault), or it declined.
 */
export type HandlerResult = 'succeeded' | 'completedWithErrors' | 'failed' | 'declined';

/** The level of a log entry, as the handler gave it (SYNCMGRLOGLEVEL_*). */
export type LogLevel = 'information' | 'warning' | 'error';

/** One LogError entry, as the results keep it. */
export interface LogEntry {
  /** How serious it is. */
  level: LogLevel;
  /** The text for people. */
  text: string;
  /** The item it is about, if any. */
  itemId?: Guid;
  /** The handler's ID of the entry, which showError and logDeleted name. */
  errorId?: Guid;
  /** SYNCMGRERRORFLAG_ENABLEJUMPTEXT: the entry can be opened with ShowError. */
  actionable?: boolean;
  /** Set on entries the host wrote itself (protocol violations, faults), not the handler. */
  source?: 'host';
}

/** How one selected item ended. */
export interface ItemReport {
  /** The item's ID, as the handler listed it. */
  itemId: Guid;
  /** Its display name. */
  name: string;
  /** Its final status, by name (the same names as ItemState.status). */
  status: ItemOutcome;
  /** The last status text the handler gave it, or the host's reason when it failed for the handler. */
  text?: string;
}

/** How one handler's part of a session went. */
export interface HandlerReport {
  /** The handler's class ID. */
  clsid: Guid;
  /** Its registered name (RegistryEntry.name), which tells apart two registrations of one program. */
  name: string;
  /** The name it gave itself in GetHandlerInfo (SyncMgrHandlerInfo.handlerName); absent when it never answered. */
  ownName?: string;
  /** Succeeded (it ran, whatever its items did), failed or declined. */
  result: HandlerResult;
  /** Why it failed or declined, for people. */
  reason?: string;
  /** The fault, when result is 'failed' because the handler broke. */
  fault?: HandlerFault;
  /** The selected items, each with its final status. */
  items: ItemReport[];
  /** Its log entries (and the host's about it), within HostLimits.maxLogEntries, maxLogBytes and maxSessionLogBytes. */
  log: LogEntry[];
  /**
   * Processes it left running after it ended (outside its process group: setsid, a double-forked
   * daemon), found by its instance marker and ended by the host. Absent when there were none.
   */
  leftovers?: LeftoverProcess[];
  /** Present when the log did not keep everything: what was dropped or cut, and which limit did it. */
  logOverflow?: LogOverflow;
}

/** Which limit stopped a log from keeping an entry: HostLimits.maxLogEntries, maxLogBytes or maxSessionLogBytes. */
export type LogLimit = 'entries' | 'handler-bytes' | 'session-bytes';

/** What a handler's log left out to stay within the host's limits. */
export interface LogOverflow {
  /** Entries counted and not kept. */
  dropped: number;
  /** The limits that dropped them, each once, in the order first reached. */
  limits: LogLimit[];
  /** Entries kept whose text was cut at HostLimits.maxTextBytes. */
  truncated: number;
}

/** A whole session's results, as run(), showError() and close() resolve to and ResultsStore keeps. */
export interface SessionReport {
  /** The session's ID (Session.id), also the name of its file under <home>/results. */
  sessionId: string;
  /** The event that started it (a SyncEvent). */
  event: string;
  /** When the session was created (ISO 8601). */
  startedAt: string;
  /** When this report was made (ISO 8601). */
  finishedAt: string;
  /** One report per handler that ran, in the order of the session's handlers. */
  handlers: HandlerReport[];
  /** Item IDs asked for (SessionOptions.items, the CLI's --item) that no handler listed. */
  itemsNotFound?: Guid[];
}

/** True when every selected item succeeded and no handler failed: the CLI's exit code 0. */
export function sessionSucceeded(report: SessionReport): boolean {
  return (
    (report.itemsNotFound ?? []).length === 0 &&
    report.handlers.every((h) => h.result !== 'failed' && h.result !== 'completedWithErrors' && h.items.every((item) => item.status === 'succeeded'))
  );
}
