import type { Guid } from '../guid.js';
import type { HandlerPhase } from '../life-cycle.js';
import { defineNotification, defineRequest } from '../method-descriptor.js';
import type { PromptParams } from './prompt.js';
import type { HandlerRef, ItemState, LogEntry, SessionReport } from '../report.js';
import type { HResultResult, HResultValue, UInt32 } from '../wire-types.js';

// What a client asks of the daemon beyond ISyncMgrSynchronizeInvoke and ISyncMgrRegister: follow
// and steer the sessions it runs, its schedules, and the events that start them. SyncMgr showed
// these in its one dialog; here any process may, over the daemon's socket (PROTOCOL.md §5.6).

/** Where a session is: waiting for a handler that another session runs, running, or over. */
export type SessionState = 'queued' | 'running' | 'finished' | 'interrupted';

/** The event that started a session, by name (SYNCMGRFLAG_* of Initialize). */
export type SessionEventName = 'manual' | 'invoke' | 'connect' | 'pendingdisconnect' | 'idle' | 'scheduled';

/** One session as the daemon lists it. */
export interface SessionSummary {
  sessionId: string;
  event: SessionEventName;
  state: SessionState;
  /** The handlers it runs, by class ID. */
  clsids: Guid[];
  /** When it was asked for, started, ended (ISO 8601). */
  queuedAt: string;
  startedAt?: string;
  finishedAt?: string;
  /** Why it was interrupted (the daemon stopped while it ran), or how a finished one failed. */
  reason?: string;
  /** For a finished session: true when every selected item succeeded. */
  succeeded?: boolean;
}

export interface SessionIdParams {
  sessionId: string;
}

export interface SessionItemParams {
  sessionId: string;
  clsid: Guid;
  itemId: Guid;
}

/** Params of a method that takes none: `{}`, and, as everywhere, fields a receiver does not know are ignored. */
export type NoParams = Record<string, unknown>;

/** A handler that triggers skip: its trigger-started sessions failed too often (restart intensity). */
export interface QuarantinedHandler {
  clsid: Guid;
  /** Registered name. */
  name: string;
  since: string;
  /** The reasons of the failures that quarantined it, oldest first. */
  reasons: string[];
}

export interface DaemonStatusResult {
  /** The daemon's process id and version. */
  pid: UInt32;
  version: string;
  /** The home it serves (registry, choices, results, schedules). */
  home: string;
  startedAt: string;
  /** The Unix socket it listens on, and the WebSocket URL with --listen. */
  socket: string;
  webSocket?: string;
  running: SessionSummary[];
  queued: SessionSummary[];
  quarantined: QuarantinedHandler[];
  /** The prompts handlers show now, unanswered: a client that subscribed after one opened still sees it. */
  prompts: OpenPrompt[];
}

/** A prompt a handler shows and no client has answered yet, as its 'prompt' event gave it. */
export interface OpenPrompt {
  handler: HandlerRef;
  promptId: string;
  prompt: PromptParams;
}

/** Extension. The daemon itself: where it listens, what runs and waits, which handlers are quarantined. */
export const DaemonStatus = defineRequest<NoParams, DaemonStatusResult>({
  method: 'daemon/status',
  readsOnly: true,
  direction: 'applicationToHost',
  mirrors: 'extension (the SyncMgr dialog: what is running)',
  title: 'DaemonStatus',
  paramsSchema: 'NoParams',
  resultSchema: 'DaemonStatusResult',
  phases: [],
});

export interface ListSessionsResult {
  /** Queued and running sessions, then finished and interrupted ones, newest first. */
  sessions: SessionSummary[];
}

/** Extension. Every session the daemon knows of, including those finished before it last started. */
export const ListSessions = defineRequest<NoParams, ListSessionsResult>({
  method: 'sessions/list',
  readsOnly: true,
  direction: 'applicationToHost',
  mirrors: 'extension (the SyncMgr dialog: the sessions)',
  title: 'ListSessions',
  paramsSchema: 'NoParams',
  resultSchema: 'ListSessionsResult',
  phases: [],
});

export interface SessionReportResult {
  session: SessionSummary;
  /** Live for a running session (items not final yet show their current state), final otherwise; absent while queued. */
  report?: SessionReport;
  /** For a running session: every item's current state, by handler. */
  items?: { handler: HandlerRef; items: ItemState[] }[];
}

/** Extension. One session's report, live or final. Unknown session: refused with UnknownSession. */
export const GetSessionReport = defineRequest<SessionIdParams, SessionReportResult>({
  method: 'sessions/report',
  readsOnly: true,
  direction: 'applicationToHost',
  mirrors: 'extension (the SyncMgr dialog: progress and results tabs)',
  title: 'GetSessionReport',
  paramsSchema: 'SessionIdParams',
  resultSchema: 'SessionReportResult',
  phases: [],
});

/** Extension. Stops a running session (S_SYNCMGR_CANCELALL to its handlers) or drops a queued one. S_FALSE when it is over. */
export const CancelSession = defineRequest<SessionIdParams, HResultResult>({
  method: 'sessions/cancel',
  direction: 'applicationToHost',
  mirrors: 'extension (the SyncMgr dialog: Stop)',
  title: 'CancelSession',
  paramsSchema: 'SessionIdParams',
  resultSchema: 'HResultResult',
  phases: [],
});

export interface SessionHandlerParams {
  sessionId: string;
  clsid: Guid;
}

/** Extension. Stops one handler of a running session: S_SYNCMGR_CANCELALL on its next Progress; the other handlers go on. */
export const CancelHandler = defineRequest<SessionHandlerParams, HResultResult>({
  method: 'sessions/cancelHandler',
  direction: 'applicationToHost',
  mirrors: 'extension (the SyncMgr dialog: Stop on one handler)',
  title: 'CancelHandler',
  paramsSchema: 'SessionHandlerParams',
  resultSchema: 'HResultResult',
  phases: [],
});

/** Extension. Stops one item: S_SYNCMGR_CANCELITEM on its handler's next Progress. */
export const CancelItem = defineRequest<SessionItemParams, HResultResult>({
  method: 'sessions/cancelItem',
  direction: 'applicationToHost',
  mirrors: 'extension (the SyncMgr dialog: Stop on one item)',
  title: 'CancelItem',
  paramsSchema: 'SessionItemParams',
  resultSchema: 'HResultResult',
  phases: [],
});

/** Extension. Skips one item: synchronize/setItemStatus SKIPPED, in the windows §4.4 allows. */
export const SkipItem = defineRequest<SessionItemParams, HResultResult>({
  method: 'sessions/skipItem',
  direction: 'applicationToHost',
  mirrors: 'extension (the SyncMgr dialog: Skip)',
  title: 'SkipItem',
  paramsSchema: 'SessionItemParams',
  resultSchema: 'HResultResult',
  phases: [],
});

export interface SubscribeParams {
  /** Resume after this event number (the last one seen); absent: only events from now on. */
  after?: UInt32;
}

export interface SubscribeResult {
  /** The number of the last event sent so far: the next one is numbered above it. */
  last: UInt32;
  /** False when events after `after` were no longer kept: the client must reread sessions/report. */
  complete: boolean;
}

/** Extension. Starts the events/event notifications for this connection, resuming after `after` without a gap. */
export const Subscribe = defineRequest<SubscribeParams, SubscribeResult>({
  method: 'events/subscribe',
  readsOnly: true,
  direction: 'applicationToHost',
  mirrors: 'extension (the SyncMgr dialog, live)',
  title: 'Subscribe',
  paramsSchema: 'SubscribeParams',
  resultSchema: 'SubscribeResult',
  phases: [],
});

/** What an event is about, by kind. */
export type DaemonEventBody =
  | { kind: 'sessionQueued' | 'sessionStarted' | 'sessionFinished' | 'sessionInterrupted'; session: SessionSummary }
  | { kind: 'handlerPhase'; handler: HandlerRef; phase: HandlerPhase }
  | { kind: 'itemProgress'; handler: HandlerRef; item: ItemState }
  | { kind: 'log'; handler: HandlerRef; entry: LogEntry }
  | { kind: 'prompt'; handler: HandlerRef; promptId: string; prompt: PromptParams }
  | { kind: 'promptClosed'; handler: HandlerRef; promptId: string }
  | { kind: 'quarantined' | 'released'; clsid: Guid; reasons: string[] }
  | { kind: 'warning'; sessionId?: string; text: string };

export interface DaemonEvent {
  /** Numbered from 1 per daemon run, without a gap: a client resumes after the last it saw. */
  seq: UInt32;
  /** When it happened (ISO 8601). */
  at: string;
  /** The session it is about, if any. */
  sessionId?: string;
  body: DaemonEventBody;
}

/** Extension. One event, sent to every subscribed connection in order. */
export const EventNotification = defineNotification<DaemonEvent>({
  method: 'events/event',
  direction: 'hostToApplication',
  mirrors: 'extension (the SyncMgr dialog, live)',
  title: 'the event notification',
  paramsSchema: 'DaemonEvent',
});

export interface AnswerPromptParams {
  sessionId: string;
  promptId: string;
  /** One answer per field, by the field's name (strings for text and secret, booleans for confirm); absent: the user refused. */
  answers?: Record<string, string | boolean>;
}

/** Extension. Answers a callback/prompt a handler is showing; S_FALSE when it was already answered or closed. */
export const AnswerPrompt = defineRequest<AnswerPromptParams, HResultResult>({
  method: 'prompts/answer',
  direction: 'applicationToHost',
  mirrors: 'extension (the dialog a handler shows while it holds the EnableModeless token)',
  title: 'AnswerPrompt',
  paramsSchema: 'AnswerPromptParams',
  resultSchema: 'HResultResult',
  phases: [],
});

export interface ShowLogEntryParams {
  sessionId: string;
  clsid: Guid;
  errorId: Guid;
}

export interface ShowLogEntryResult {
  /** S_OK once the handler completed ShowError and the retry it asked for, if any, has run. */
  hr: HResultValue;
  /** The session's report after it (the retried items with their new statuses). */
  report?: SessionReport;
}

/** Extension. Opens an actionable log entry: synchronize/showError, and its retry. */
export const ShowLogEntry = defineRequest<ShowLogEntryParams, ShowLogEntryResult>({
  method: 'log/showError',
  direction: 'applicationToHost',
  mirrors: 'extension (the results tab: double-click, ISyncMgrSynchronize::ShowError)',
  title: 'ShowLogEntry',
  paramsSchema: 'ShowLogEntryParams',
  resultSchema: 'ShowLogEntryResult',
  phases: [],
});
