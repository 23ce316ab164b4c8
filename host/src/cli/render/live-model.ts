import type { Guid } from '@syncmgr/protocol';
import { isFinal, type HandlerReport, type HandlerResult, type ItemState, type Phase, type SessionEvents } from '../../index.js';
import type { NamedHandler } from './handler-label.js';

/** What the model follows: a Session, or a daemon session's events in its shape (daemon-session-events.ts). */
export interface SessionEventSource {
  on<E extends keyof SessionEvents>(event: E, listener: SessionEvents[E]): unknown;
}

/** What the live view knows of one item. */
export interface LiveItem {
  state: ItemState;
  /** Its number on screen, fixed for the session. */
  number: number;
  /** The user asked to skip it and it has no final status yet. */
  skipRequested: boolean;
}

/** What the live view knows of one handler. */
export interface LiveHandler {
  clsid: Guid;
  /** The registered name. */
  name: string;
  /** The name it gave itself, once it answered GetHandlerInfo. */
  ownName?: string;
  phase: Phase;
  result?: HandlerResult;
  reason?: string;
  items: Map<Guid, LiveItem>;
  logEntries: number;
}

/** An item the user can act on by its number in the view. */
export interface RunningItem {
  clsid: Guid;
  itemId: Guid;
  name: string;
}

const WINDOWS: ReadonlySet<Phase> = new Set(['prepare', 'synchronize']);

/**
 * The state behind the SyncMgr progress dialog, fed by a session's events. Each item gets its
 * number when it first shows and keeps it for the session, so a number typed is the item seen.
 */
export class LiveModel {
  readonly handlers = new Map<Guid, LiveHandler>();
  private readonly byNumber: { clsid: Guid; itemId: Guid }[] = [];

  /** Follows a session's events (only `on` is used, so a test can feed it). */
  follow(session: SessionEventSource): void {
    session.on('handlerPhase', (h, phase) => void (this.handler(h).phase = phase));
    session.on('handlerInfo', (h) => void this.handler(h));
    session.on('itemsListed', (h, items, selected) => {
      for (const item of items) {
        if (selected.has(item.itemId)) this.update(h, { itemId: item.itemId, name: item.itemName, status: 'pending' }, false);
      }
    });
    session.on('itemProgress', (h, item) => this.update(h, item));
    session.on('log', (h) => void this.handler(h).logEntries++);
    session.on('handlerFinished', (h, report) => this.finish(h, report));
  }

  /** The highest number given so far. */
  get highestNumber(): number {
    return this.byNumber.length;
  }

  /** The item with that number, if it can still be skipped: its handler is in a window and it is not final. */
  skippable(number: number): RunningItem | undefined {
    const ref = this.byNumber[number - 1];
    const h = ref && this.handlers.get(ref.clsid);
    const item = ref && h?.items.get(ref.itemId);
    if (!h || !item || !isSkippable(h, item)) return undefined;
    return { clsid: h.clsid, itemId: item.state.itemId, name: item.state.name };
  }

  /** The items that can be skipped now, in the order of their numbers. */
  get runningItems(): RunningItem[] {
    return this.byNumber.flatMap((_, i) => this.skippable(i + 1) ?? []);
  }

  /** Shows "skipping…" on the item until its final status comes. */
  markSkipRequested(clsid: Guid, itemId: Guid): void {
    const item = this.handlers.get(clsid)?.items.get(itemId);
    if (item && !isFinal(item.state.status)) item.skipRequested = true;
  }

  // Each event names the handler afresh: its own name comes with the events after GetHandlerInfo.
  private handler({ clsid, name, ownName }: NamedHandler): LiveHandler {
    let entry = this.handlers.get(clsid);
    if (!entry) this.handlers.set(clsid, (entry = { clsid, name, phase: 'start', items: new Map(), logEntries: 0 }));
    entry.name = name;
    if (ownName !== undefined) entry.ownName = ownName;
    return entry;
  }

  private update(h: NamedHandler, state: ItemState, replace = true): void {
    const items = this.handler(h).items;
    const known = items.get(state.itemId);
    if (known) {
      if (replace) known.state = state;
      if (isFinal(state.status)) known.skipRequested = false;
      return;
    }
    this.byNumber.push({ clsid: h.clsid, itemId: state.itemId });
    items.set(state.itemId, { state, number: this.byNumber.length, skipRequested: false });
  }

  // The report's statuses are final: items a cancel stopped show as stopped, not as they last were.
  private finish(h: NamedHandler, report: HandlerReport): void {
    const entry = this.handler(h);
    entry.result = report.result;
    if (report.reason) entry.reason = report.reason;
    for (const item of report.items) {
      const known = entry.items.get(item.itemId);
      this.update(h, {
        ...(known?.state ?? {}),
        itemId: item.itemId,
        name: item.name,
        status: item.status,
        ...(item.text ? { text: item.text } : {}),
      });
    }
  }
}

function isSkippable(h: LiveHandler, item: LiveItem): boolean {
  return !h.result && WINDOWS.has(h.phase) && !isFinal(item.state.status);
}

/** A handler whose sync "succeeded" while some of its items were stopped was cancelled. */
export function handlerState(h: LiveHandler): string {
  if (!h.result) return h.phase;
  const cancelled = h.result === 'succeeded' && [...h.items.values()].some((i) => i.state.status === 'stopped');
  const result = cancelled ? 'cancelled' : h.result;
  return h.reason ? `${result} — ${h.reason}` : result;
}
