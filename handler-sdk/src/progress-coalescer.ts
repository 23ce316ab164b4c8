import { SyncMgrProgressItemMask, SyncMgrStatus, type Guid, type SyncMgrProgressItem } from '@syncmgr/protocol';
import type { ProgressVerdict } from './handler.js';

const FINAL = new Set<number>([
  SyncMgrStatus.SYNCMGRSTATUS_SUCCEEDED,
  SyncMgrStatus.SYNCMGRSTATUS_FAILED,
  SyncMgrStatus.SYNCMGRSTATUS_SKIPPED,
  SyncMgrStatus.SYNCMGRSTATUS_STOPPED,
]);

/** Sends one report; calls answered once with the host's verdict (never throws, never rejects). */
type Send = (itemId: Guid, progressItem: SyncMgrProgressItem, answered: (verdict: ProgressVerdict) => void) => void;
type OnVerdict = (verdict: ProgressVerdict, itemId: Guid) => void;

// Resolved once and shared: an update resolves at once, and 20,000 of them need no promise each.
const SETTLED_VERDICTS: Record<ProgressVerdict, Promise<ProgressVerdict>> = {
  continue: Promise.resolve('continue'),
  cancelItem: Promise.resolve('cancelItem'),
  cancelAll: Promise.resolve('cancelAll'),
};

/**
 * Progress reports, pipelined: no report waits for the answer to another, and every verdict the
 * host gives is applied when it comes, so a cancel aborts the signals it concerns within one round
 * trip. At most one update per item is in flight: later updates to that item are merged into one
 * (later fields win) and sent when it returns, so a handler reporting every byte costs one round
 * trip at a time, and the last update is never dropped. An update resolves at once with the
 * latest verdict for its item. A final status is never merged away: it is sent at once (beside an
 * update in flight), carrying what waited (its own fields win), so the host ends an item at the
 * last value and text the handler reported as well as its final status; it resolves with its own
 * answer. Unanswered reports are counted, not kept: a run of 10,000 items holds no promise each.
 */
export class ProgressCoalescer {
  readonly #inFlight = new Set<Guid>();
  readonly #waiting = new Map<Guid, SyncMgrProgressItem>();
  readonly #latest = new Map<Guid, ProgressVerdict>();
  #unanswered = 0;
  #roomWaiters: { limit: number; resolve: () => void }[] = [];

  constructor(
    private readonly send: Send,
    private readonly onVerdict: OnVerdict,
  ) {}

  /** Reports, resolving as the class describes. */
  report(itemId: Guid, progressItem: SyncMgrProgressItem): Promise<ProgressVerdict> {
    if (isFinal(progressItem)) return new Promise((resolve) => this.post(itemId, progressItem, resolve));
    this.post(itemId, progressItem);
    return SETTLED_VERDICTS[this.#latest.get(itemId) ?? 'continue'];
  }

  /** Reports for a caller that does not look at the verdict (the item runner): no promise is made. */
  post(itemId: Guid, progressItem: SyncMgrProgressItem, answered: (verdict: ProgressVerdict) => void = ignore): void {
    if (isFinal(progressItem)) {
      const waiting = this.#waiting.get(itemId);
      this.#waiting.delete(itemId);
      this.#sendOne(itemId, merge(waiting, progressItem), answered);
    } else if (this.#inFlight.has(itemId)) {
      this.#waiting.set(itemId, merge(this.#waiting.get(itemId), progressItem));
    } else {
      this.#sendUpdate(itemId, progressItem);
    }
  }

  /** Resolves once every report made so far, and every update still waiting, was sent and answered. */
  settled(): Promise<void> {
    return this.room(1) ?? Promise.resolve();
  }

  /**
   * Resolves once fewer than `limit` reports are unanswered (at once if they are): how far an item
   * runner lets items run ahead of the host's verdicts, so a cancel still stops the items after the
   * next few, and 10,000 unanswered requests do not pile up in memory.
   */
  room(limit: number): Promise<void> | undefined {
    if (this.#unanswered < limit) return undefined;
    return new Promise((resolve) => this.#roomWaiters.push({ limit, resolve }));
  }

  #sendUpdate(itemId: Guid, progressItem: SyncMgrProgressItem): void {
    this.#inFlight.add(itemId);
    this.#sendOne(itemId, progressItem, () => {
      this.#inFlight.delete(itemId);
      const next = this.#waiting.get(itemId);
      if (!next) return;
      this.#waiting.delete(itemId);
      this.#sendUpdate(itemId, next);
    });
  }

  // `then` runs before the count drops, so an update sent from it keeps settled() waiting.
  #sendOne(itemId: Guid, progressItem: SyncMgrProgressItem, then: (verdict: ProgressVerdict) => void): void {
    this.#unanswered++;
    this.send(itemId, progressItem, (verdict) => {
      this.#latest.set(itemId, verdict);
      this.onVerdict(verdict, itemId);
      then(verdict);
      this.#unanswered--;
      if (this.#roomWaiters.length > 0) this.#roomWaiters = this.#roomWaiters.filter((waiter) => this.#unanswered >= waiter.limit || void waiter.resolve());
    });
  }
}

function ignore(): void {}

function isFinal(item: SyncMgrProgressItem): boolean {
  return (item.mask & SyncMgrProgressItemMask.SYNCMGRPROGRESSITEM_STATUSTYPE) !== 0 && FINAL.has(item.statusType ?? -1);
}

function merge(earlier: SyncMgrProgressItem | undefined, later: SyncMgrProgressItem): SyncMgrProgressItem {
  return earlier ? { ...earlier, ...later, mask: earlier.mask | later.mask } : later;
}
