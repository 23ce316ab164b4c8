import type { DaemonEvent } from '@syncmgr/protocol';
import type { Announcer } from './announcer.js';
import { applyActions, LINGER_MS } from './reducer.js';
import { initialState, type Action, type DashboardState } from './state.js';

// Events go into a queue; one animation frame applies everything queued and renders once, so a flood
// of updates costs a frame's work per frame, not per update. Progress of one item coalesces: within
// the queue the last update of an item wins.

/** What the browser tests read to check the page kept up (see README). */
export interface Diagnostics {
  eventsReceived: number;
  framesApplied: number;
  lastSeq: number;
}

declare global {
  interface Window {
    syncmgrDashboard: Diagnostics;
  }
}

export class Store {
  private state: DashboardState = initialState();
  private pending: Action[] = [];
  // Where each item's queued progress sits in `pending`, to replace it in place.
  private progressIndex = new Map<string, number>();
  private frameRequested = false;
  private readonly listeners = new Set<(state: DashboardState) => void>();
  readonly diagnostics: Diagnostics = { eventsReceived: 0, framesApplied: 0, lastSeq: 0 };

  constructor(private readonly announcer: Announcer) {
    window.syncmgrDashboard = this.diagnostics;
  }

  get current(): DashboardState {
    return this.state;
  }

  get lastSeq(): number {
    return this.diagnostics.lastSeq;
  }

  /** Sets where event numbers resume (a new subscription, or a new daemon run). */
  resetSeq(seq: number): void {
    this.diagnostics.lastSeq = seq;
  }

  subscribe(listener: (state: DashboardState) => void): () => void {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }

  /** An event from the daemon; one already seen (seq not above the last) is dropped. */
  receive(event: DaemonEvent): void {
    this.diagnostics.eventsReceived++;
    if (event.seq <= this.diagnostics.lastSeq) return;
    this.diagnostics.lastSeq = event.seq;
    const { body } = event;
    if (body.kind === 'itemProgress') {
      const key = `${body.handler.sessionId}/${body.handler.clsid}/${body.item.itemId}`;
      const index = this.progressIndex.get(key);
      if (index !== undefined) {
        this.pending[index] = { kind: 'event', event };
        return;
      }
      this.progressIndex.set(key, this.pending.length);
    }
    this.queue({ kind: 'event', event });
  }

  /** Anything else the page learned; it keeps its place among the events. */
  dispatch(action: Action): void {
    // Progress queued before this must not be replaced by progress after it: start coalescing anew.
    this.progressIndex.clear();
    this.queue(action);
  }

  private queue(action: Action): void {
    this.pending.push(action);
    if (this.frameRequested) return;
    this.frameRequested = true;
    requestAnimationFrame(() => this.applyFrame());
  }

  private applyFrame(): void {
    this.frameRequested = false;
    const actions = this.pending;
    this.pending = [];
    this.progressIndex.clear();
    const { state, announcements } = applyActions(this.state, actions);
    this.state = state;
    this.diagnostics.framesApplied++;
    for (const text of announcements) this.announcer.say(text);
    for (const listener of this.listeners) listener(state);
    this.scheduleExpiry();
  }

  // Ended sessions leave Now after LINGER_MS: one timer for the next to go.
  private expiryTimer: ReturnType<typeof setTimeout> | undefined;
  private scheduleExpiry(): void {
    const ended = [...this.state.live.values()].map((s) => s.endedAt).filter((t): t is number => t !== undefined);
    if (ended.length === 0 || this.expiryTimer !== undefined) return;
    const wait = Math.max(0, Math.min(...ended) + LINGER_MS - Date.now());
    this.expiryTimer = setTimeout(() => {
      this.expiryTimer = undefined;
      this.dispatch({ kind: 'expire', now: Date.now() });
    }, wait);
  }
}
