import type { DaemonEvent, Guid, HandlerRef, ItemState, SessionReportResult, SessionSummary } from '@syncmgr/protocol';
import { itemKey, MAX_LOG_ROWS, MAX_WARNINGS, type Action, type DashboardState, type LiveHandler, type LiveSession, type LogRow } from './state.js';

// Applies a frame's worth of actions to the state. Each slice is copied at most once per frame
// (the first time it changes), so a flood of events costs one copy per slice, not one per event.

/** How long an ended session stays on Now with its final statuses. */
export const LINGER_MS = 3000;

/** Item statuses worth announcing to a screen reader (not each progress step). */
const ANNOUNCED: Partial<Record<ItemState['status'], string>> = {
  updating: 'started',
  succeeded: 'succeeded',
  failed: 'failed',
  skipped: 'skipped',
  stopped: 'stopped',
};

let nextLogKey = 1;

export interface FrameResult {
  state: DashboardState;
  announcements: string[];
}

export function applyActions(previous: DashboardState, actions: readonly Action[]): FrameResult {
  const frame = new Frame(previous);
  for (const action of actions) frame.apply(action);
  return { state: frame.finish(), announcements: frame.announcements };
}

class Frame {
  readonly announcements: string[] = [];
  private readonly state: DashboardState;
  private live: Map<string, LiveSession> | undefined;
  private sessions: SessionSummary[] | undefined;
  private log: LogRow[] | undefined;
  private itemStates: Map<string, ItemState> | undefined;
  private names: Map<Guid, string> | undefined;

  constructor(previous: DashboardState) {
    this.state = { ...previous };
  }

  apply(action: Action): void {
    switch (action.kind) {
      case 'event':
        return this.event(action.event);
      case 'connection':
        this.state.connection = action.status;
        return;
      case 'sessions':
        this.sessions = [...action.sessions];
        this.state.quarantined = action.quarantined;
        // Prompts opened before the page subscribed come only from here; later events apply after it.
        this.state.prompts = action.prompts;
        this.replaceLive(action.sessions.filter((s) => s.state === 'running' || s.state === 'queued'));
        return;
      case 'sessionReport':
        return this.sessionReport(action.result);
      case 'handlers':
        this.state.handlers = action.handlers;
        for (const handler of action.handlers) this.name(handler.clsid, handler.name);
        return;
      case 'schedules':
        this.state.schedules = action.schedules;
        return;
      case 'promptAnswered':
        this.state.prompts = this.state.prompts.filter((p) => p.promptId !== action.promptId);
        return;
      case 'expire': {
        const live = this.liveDraft();
        for (const [id, session] of live) if (session.endedAt !== undefined && action.now - session.endedAt >= LINGER_MS) live.delete(id);
        return;
      }
    }
  }

  finish(): DashboardState {
    if (this.live) this.state.live = this.live;
    if (this.sessions) this.state.sessions = this.sessions;
    if (this.log) this.state.log = this.log.length > MAX_LOG_ROWS ? this.log.slice(-MAX_LOG_ROWS) : this.log;
    if (this.itemStates) this.state.itemStates = this.itemStates;
    if (this.names) this.state.names = this.names;
    return this.state;
  }

  private event({ body }: DaemonEvent): void {
    switch (body.kind) {
      case 'sessionQueued':
      case 'sessionStarted':
        this.upsertSession(body.session);
        if (body.kind === 'sessionStarted') this.announcements.push(`Session ${body.session.event} started`);
        return;
      case 'sessionFinished':
      case 'sessionInterrupted': {
        this.upsertSession(body.session);
        const result = body.kind === 'sessionInterrupted' ? 'interrupted' : body.session.succeeded ? 'succeeded' : 'failed';
        this.announcements.push(`Session ${body.session.event} ${result}`);
        return;
      }
      case 'handlerPhase': {
        const handler = this.liveHandler(body.handler);
        if (handler) this.setHandler(body.handler, { ...handler, phase: body.phase });
        return;
      }
      case 'itemProgress':
        return this.item(body.handler, body.item, true);
      case 'log':
        return this.addLog(body.handler, body.entry);
      case 'prompt':
        this.state.prompts = [
          ...this.state.prompts.filter((p) => p.promptId !== body.promptId),
          { promptId: body.promptId, handler: body.handler, prompt: body.prompt },
        ];
        this.announcements.push(`${body.handler.name} asks: ${body.prompt.title}`);
        return;
      case 'promptClosed':
        this.state.prompts = this.state.prompts.filter((p) => p.promptId !== body.promptId);
        return;
      case 'quarantined':
        this.state.quarantined = [
          ...this.state.quarantined.filter((q) => q.clsid !== body.clsid),
          { clsid: body.clsid, name: this.nameOf(body.clsid), since: new Date().toISOString(), reasons: body.reasons },
        ];
        this.announcements.push(`${this.nameOf(body.clsid)} quarantined`);
        return;
      case 'released':
        this.state.quarantined = this.state.quarantined.filter((q) => q.clsid !== body.clsid);
        return;
      case 'warning':
        this.state.warnings = [...this.state.warnings, body.text].slice(-MAX_WARNINGS);
        return;
    }
  }

  // A report read afresh: the session's live items, and its log rows instead of those kept so far.
  private sessionReport({ session, report, items }: SessionReportResult): void {
    this.upsertSession(session);
    for (const { handler, items: states } of items ?? []) for (const item of states) this.item(handler, item, false);
    if (!report) return;
    this.log = (this.log ?? [...this.state.log]).filter((row) => row.sessionId !== session.sessionId);
    for (const handler of report.handlers) {
      const ref: HandlerRef = { sessionId: session.sessionId, clsid: handler.clsid, name: handler.name };
      for (const entry of handler.log) this.addLog(ref, entry);
      if (session.state !== 'running') for (const item of handler.items) this.rememberItem(ref, item);
    }
  }

  private nameOf(clsid: Guid): string {
    return (this.names ?? this.state.names).get(clsid) ?? clsid;
  }

  private name(clsid: Guid, name: string): void {
    if ((this.names ?? this.state.names).get(clsid) === name) return;
    this.names ??= new Map(this.state.names);
    this.names.set(clsid, name);
  }

  private liveDraft(): Map<string, LiveSession> {
    return (this.live ??= new Map(this.state.live));
  }

  private replaceLive(summaries: SessionSummary[]): void {
    const previous = this.state.live;
    this.live = new Map();
    for (const summary of summaries)
      this.live.set(summary.sessionId, { summary, handlers: previous.get(summary.sessionId)?.handlers ?? this.handlersOf(summary) });
  }

  private upsertSession(summary: SessionSummary): void {
    const sessions = (this.sessions ??= [...this.state.sessions]);
    const index = sessions.findIndex((s) => s.sessionId === summary.sessionId);
    if (index >= 0) sessions[index] = summary;
    else sessions.unshift(summary);

    const live = this.liveDraft();
    const current = live.get(summary.sessionId);
    const over = summary.state === 'finished' || summary.state === 'interrupted';
    if (over && !current) return;
    const handlers = new Map(current?.handlers ?? this.handlersOf(summary));
    live.set(summary.sessionId, over ? { summary, handlers, endedAt: Date.now() } : { summary, handlers });
  }

  /** A queued session names only class IDs: its handlers until events name them. */
  private handlersOf(summary: SessionSummary): Map<Guid, LiveHandler> {
    return new Map(summary.clsids.map((clsid) => [clsid, { ref: { sessionId: summary.sessionId, clsid, name: this.nameOf(clsid) }, items: new Map() }]));
  }

  private liveHandler(ref: HandlerRef): LiveHandler | undefined {
    const session = (this.live ?? this.state.live).get(ref.sessionId);
    if (!session || session.endedAt !== undefined) return session?.handlers.get(ref.clsid);
    return session.handlers.get(ref.clsid) ?? { ref, items: new Map() };
  }

  private setHandler(ref: HandlerRef, handler: LiveHandler): void {
    const live = this.liveDraft();
    const session = live.get(ref.sessionId);
    if (!session) return;
    const handlers = new Map(session.handlers);
    handlers.set(ref.clsid, handler);
    live.set(ref.sessionId, { ...session, handlers });
  }

  private item(ref: HandlerRef, item: ItemState, announce: boolean): void {
    const previous = this.rememberItem(ref, item);
    const handler = this.liveHandler(ref);
    if (handler) {
      const items = new Map(handler.items);
      items.set(item.itemId, item);
      this.setHandler(ref, { ...handler, ref: { ...handler.ref, ...ref }, items });
    }
    const said = ANNOUNCED[item.status];
    if (announce && said && previous?.status !== item.status) this.announcements.push(`${item.name} ${said}`);
  }

  private rememberItem(ref: HandlerRef, item: ItemState): ItemState | undefined {
    this.name(ref.clsid, ref.name);
    const itemStates = (this.itemStates ??= new Map(this.state.itemStates));
    const key = itemKey(ref.sessionId, ref.clsid, item.itemId);
    const previous = itemStates.get(key);
    itemStates.set(key, item);
    return previous;
  }

  private addLog(handler: HandlerRef, entry: LogRow['entry']): void {
    const log = (this.log ??= [...this.state.log]);
    log.push({ key: nextLogKey++, sessionId: handler.sessionId, handler, entry });
    // Trim as we go, so a flood of entries within one frame stays bounded too.
    if (log.length > 2 * MAX_LOG_ROWS) log.splice(0, log.length - MAX_LOG_ROWS);
  }
}
