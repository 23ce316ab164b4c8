import type { Guid } from './guid.js';
import type { HandlerPhase } from './life-cycle.js';

// What the host reports of a session: its live item states and handler references, and the final
// report (the results it keeps). Declared here because applications read them over the daemon's
// socket (§5.5) as well as from the host library.

/**
 * The kinds of failure a handler can have, each named in its result's reason: it could not be
 * started ('spawn-failed'), exited or was killed, closed its stdout while alive ('closed-stdout'), missed the handshake ('start-timeout') or left
 * a call unanswered ('hang-timeout'), sent a message that is not JSON, too large or not the
 * protocol's ('malformed-message', 'oversized-message', 'invalid-message'), failed a call with an
 * error HRESULT ('failed-hresult'), ignored a cancel past the grace period ('cancel-ignored'), or
 * was ended by the host ('host-stopped').
 */
export type FaultKind =
  /** The command could not be started (missing, not executable, bad working directory). */
  | 'spawn-failed'
  /** The process exited on its own before it was shut down. */
  | 'exited'
  /** The process closed its stdout but went on running: it can say nothing more, so the ladder ends it. */
  | 'closed-stdout'
  /** The process was ended by a signal it did not get from the host's ladder. */
  | 'killed'
  /** No answer to the handshake within the start timeout. */
  | 'start-timeout'
  /** The handshake answered a protocol version whose major version is not this host's. */
  | 'unsupported-version'
  /** The host awaited a message (an answer, a completion) and none came within the hang timeout. */
  | 'hang-timeout'
  /** Bytes that are not a Content-Length frame of JSON. */
  | 'malformed-message'
  /** A frame over the message size limit. */
  | 'oversized-message'
  /** A message of the wrong shape for its method (checked against the JSON Schema). */
  | 'invalid-message'
  /** The handler answered a call with a failure HRESULT (Initialize, GetHandlerInfo, the enumeration, PrepareForSync, Synchronize). */
  | 'failed-hresult'
  /** It did not complete its phase within the cancel grace after every item was cancelled. */
  | 'cancel-ignored'
  /** The host ended it: at the user's request, or because the host could not go on driving it. */
  | 'host-stopped';

/** Whether the request in flight when the handler failed ran: COM's RPC_E_SERVERDIED vs RPC_E_SERVERDIED_DNE. */
export type CallOutcome = 'did-not-run' | 'may-have-run' | 'ran-without-completing';

/** The host's request a handler was answering when it failed. */
export interface CallInFlight {
  /** The JSON-RPC method, e.g. 'synchronize/synchronize'. */
  method: string;
  /** Whether it ran. */
  outcome: CallOutcome;
}

/** Why a handler failed: what, in which phase, and what the process said. */
export interface HandlerFault {
  /** What kind of failure it was. */
  kind: FaultKind;
  /** The phase the handler was in when it failed. */
  phase: HandlerPhase;
  /** One sentence for people, naming the cause and the phase. */
  reason: string;
  /** The process's exit code, when it exited. */
  exitCode?: number;
  /** The signal that ended the process, when one did (e.g. 'SIGKILL'). */
  signal?: string;
  /** The request in flight when it failed, and whether it ran. */
  call?: CallInFlight;
  /** The id a request of the handler reused while the first request with it was unanswered. */
  reusedRequestId?: number | string;
  /** What the handler wrote to stdout that is not a frame, quoted printably (as much of it as the host's limits keep). */
  strayOutput?: string;
  /** The last bytes the handler wrote to stderr (as many as the host's limits keep). */
  stderrTail?: string;
}

/**
 * An item's status by name, in events and reports alike: SYNCMGRSTATUS_* without the prefix,
 * camelCase ("updatingIndeterminate" is SYNCMGRSTATUS_UPDATING_INDETERMINATE).
 */
export type ItemStatus = 'stopped' | 'skipped' | 'pending' | 'updating' | 'succeeded' | 'failed' | 'paused' | 'resuming' | 'updatingIndeterminate' | 'deleted';

/** How an item ended: the final statuses. */
export type ItemOutcome = 'succeeded' | 'failed' | 'skipped' | 'stopped';

/** A process the host found left over and ended. */
export interface LeftoverProcess {
  /** Its process id. */
  pid: number;
  /** Its command line, arguments joined by spaces. */
  command: string;
}

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
  /** The name it was registered with, which tells apart two registrations of one program. */
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
  /** Its log entries (and the host's about it), within the host's limits on entries, bytes per handler and bytes per session. */
  log: LogEntry[];
  /**
   * Processes it left running after it ended (outside its process group: setsid, a double-forked
   * daemon), found by its instance marker and ended by the host. Absent when there were none.
   */
  leftovers?: LeftoverProcess[];
  /** Present when the log did not keep everything: what was dropped or cut, and which limit did it. */
  logOverflow?: LogOverflow;
}

/** Which of the host's limits stopped a log from keeping an entry: entries per handler, bytes per handler or bytes per session. */
export type LogLimit = 'entries' | 'handler-bytes' | 'session-bytes';

/** What a handler's log left out to stay within the host's limits. */
export interface LogOverflow {
  /** Entries counted and not kept. */
  dropped: number;
  /** The limits that dropped them, each once, in the order first reached. */
  limits: LogLimit[];
  /** Entries kept whose text was cut at the host's limit on a text's bytes. */
  truncated: number;
}

/** A whole session's results: what the host keeps of it, and what sessions/report and log/showError answer. */
export interface SessionReport {
  /** The session's ID, the same as the daemon's sessionId. */
  sessionId: string;
  /** The event that started it, by name (as SessionSummary.event). */
  event: string;
  /** When the session was created (ISO 8601). */
  startedAt: string;
  /** When this report was made (ISO 8601). */
  finishedAt: string;
  /** One report per handler that ran, in the order of the session's handlers. */
  handlers: HandlerReport[];
  /** Item IDs the session was asked to synchronize that no handler listed. */
  itemsNotFound?: Guid[];
}

/** An item as the session tracks it while it runs. */
export interface ItemState {
  /** The item's ID. */
  itemId: Guid;
  /** Its display name. */
  name: string;
  /** 'pending' until the handler reports otherwise; the same names as the report's. */
  status: ItemStatus;
  /** The status text the handler gave last. */
  text?: string;
  /** The progress so far, out of maxValue (the handler's units). */
  progValue?: number;
  /** The value progValue reaches when the item is done. */
  maxValue?: number;
}

/** Which handler of which session an event is about. */
export interface HandlerRef {
  /** The session's ID. */
  sessionId: string;
  /** The handler's class ID. */
  clsid: Guid;
  /** The name it was registered with, which tells apart two registrations of one program. */
  name: string;
  /** The name it gave itself in GetHandlerInfo (SyncMgrHandlerInfo.handlerName); absent until it answered. */
  ownName?: string;
}
