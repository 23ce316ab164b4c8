import type {
  DaemonEvent,
  Guid,
  HandlerEntry,
  HandlerPhase,
  HandlerRef,
  ItemState,
  LogEntry,
  OpenPrompt,
  QuarantinedHandler,
  Schedule,
  SessionReportResult,
  SessionSummary,
} from '@syncmgr/protocol';

// What the page shows, as one value. Slices are replaced, never changed in place, when they change,
// so a view can skip rendering a slice whose reference is the same as last frame's.

export type ConnectionStatus = 'Connecting…' | 'Connected' | 'Reconnecting…' | 'Signed out';

export interface LiveHandler {
  ref: HandlerRef;
  phase?: HandlerPhase;
  /** By item ID, in the order first seen. */
  items: ReadonlyMap<Guid, ItemState>;
}

export interface LiveSession {
  summary: SessionSummary;
  /** By class ID, in the session's order. */
  handlers: ReadonlyMap<Guid, LiveHandler>;
  /** Set when the session ended: it stays on Now a moment with its final statuses (see README). */
  endedAt?: number;
}

export interface LogRow {
  /** A number unique in this page's life, for keys. */
  key: number;
  sessionId: string;
  handler: HandlerRef;
  entry: LogEntry;
}

/** A prompt shown now: from its 'prompt' event, or from daemon/status when the page (re)loads. */
export type { OpenPrompt };

export interface DashboardState {
  connection: ConnectionStatus;
  /** Running and queued sessions (and just-ended ones, a moment), by session ID. */
  live: ReadonlyMap<string, LiveSession>;
  /** Every session the daemon lists, newest first (sessions/list, then the session events). */
  sessions: readonly SessionSummary[];
  quarantined: readonly QuarantinedHandler[];
  /** The newest log entries, oldest first, at most MAX_LOG_ROWS. */
  log: readonly LogRow[];
  /** The latest known status of every item, by itemKey(): the Results tab shows it beside an entry. */
  itemStates: ReadonlyMap<string, ItemState>;
  prompts: readonly OpenPrompt[];
  handlers: readonly HandlerEntry[];
  schedules: readonly Schedule[];
  /** Handler names by class ID, from the registry and every reference seen. */
  names: ReadonlyMap<Guid, string>;
  /** Warnings the daemon sent (events of kind 'warning'), newest last. */
  warnings: readonly string[];
}

export const MAX_LOG_ROWS = 2000;
export const MAX_WARNINGS = 20;

export function itemKey(sessionId: string, clsid: Guid, itemId: Guid): string {
  return `${sessionId}/${clsid}/${itemId}`;
}

export function initialState(): DashboardState {
  return {
    connection: 'Connecting…',
    live: new Map(),
    sessions: [],
    quarantined: [],
    log: [],
    itemStates: new Map(),
    prompts: [],
    handlers: [],
    schedules: [],
    names: new Map(),
    warnings: [],
  };
}

/** What the store applies: the daemon's events, and what the page loaded or learned from an answer. */
export type Action =
  | { kind: 'event'; event: DaemonEvent }
  | { kind: 'connection'; status: ConnectionStatus }
  | { kind: 'sessions'; sessions: SessionSummary[]; quarantined: QuarantinedHandler[]; prompts: OpenPrompt[] }
  | { kind: 'sessionReport'; result: SessionReportResult }
  | { kind: 'handlers'; handlers: HandlerEntry[] }
  | { kind: 'schedules'; schedules: Schedule[] }
  | { kind: 'promptAnswered'; promptId: string }
  | { kind: 'expire'; now: number };
