import { SyncMgrProgressItemMask, SyncMgrStatus, type Guid, type SyncMgrProgressItem } from '@syncmgr/protocol';
import type { ProgressVerdict } from './handler.js';

const FINAL = new Set<number>([
  SyncMgrStatus.SYNCMGRSTATUS_SUCCEEDED,
  SyncMgrStatus.SYNCMGRSTATUS_FAILED,
  SyncMgrStatus.SYNCMGRSTATUS_SKIPPED,
  SyncMgrStatus.SYNCMGRSTATUS_STOPPED,
]);

type Send = (itemId: Guid, progressItem: SyncMgrProgressItem) => Promise<ProgressVerdict>;
type OnVerdict = (verdict: ProgressVerdict, itemId: Guid) => void;

/**
 * Progress reports, pipelined: no report waits for the answer to another, and every verdict the
 * host gives is applied when it comes, so a cancel aborts the signals it concerns within one round
 * trip. At most one update per item is in flight: later updates to that item are merged into one
 * (later fields win) and sent when it returns, so a handler reporting every byte costs one round
 * trip at a time, and the last update is never dropped. An update resolves at once with the
 * latest verdict for its item. A final status is never merged away: it is sent at once (beside an
 * update in flight), carrying what waited (its own fields win), so the host ends an item at the
 * last value and text the handler reported as well as its final status; it resolves with its own
 * answer.
 */
export class ProgressCoalescer {
  readonly #inFlight = new Set<Guid>();
  readonly #waiting = new Map<Guid, SyncMgrProgressItem>();
  readonly #latest = new Map<Guid, ProgressVerdict>();
  readonly #unanswered = new Set<Promise<ProgressVerdict>>();
  #roomWaiters: { limit: number; resolve: () => void }[] = [];

  constructor(
    private readonly send: Send,
    private readonly onVerdict: OnVerdict,
  ) {}

  report(itemId: Guid, progressItem: SyncMgrProgressItem): Promise<ProgressVerdict> {
    if (isFinal(progressItem)) {
      const waiting = this.#waiting.get(itemId);
      this.#waiting.delete(itemId);
      return this.#track(this.#sendFinal(itemId, merge(waiting, progressItem)));
    }
    if (this.#inFlight.has(itemId)) this.#waiting.set(itemId, merge(this.#waiting.get(itemId), progressItem));
    else void this.#track(this.#sendUpdate(itemId, progressItem));
    return Promise.resolve(this.#latest.get(itemId) ?? 'continue');
  }

  /** Resolves once every report made so far, and every update still waiting, was sent and answered. */
  async settled(): Promise<void> {
    // An answer may send what waited behind it, which joins the set before the answer's promise settles.
    while (this.#unanswered.size > 0) await Promise.all(this.#unanswered);
  }

  /**
   * Resolves once fewer than `limit` reports are unanswered (at once if they are): how far an item
   * runner lets items run ahead of the host's verdicts, so a cancel still stops the items after the
   * next few, and 10,000 unanswered requests do not pile up in memory.
   */
  room(limit: number): Promise<void> | undefined {
    if (this.#unanswered.size < limit) return undefined;
    return new Promise((resolve) => this.#roomWaiters.push({ limit, resolve }));
  }

  #track(sending: Promise<ProgressVerdict>): Promise<ProgressVerdict> {
    this.#unanswered.add(sending);
    void sending.finally(() => {
      this.#unanswered.delete(sending);
      this.#roomWaiters = this.#roomWaiters.filter((waiter) => this.#unanswered.size >= waiter.limit || void waiter.resolve());
    });
    return sending;
  }

  async #sendFinal(itemId: Guid, progressItem: SyncMgrProgressItem): Promise<ProgressVerdict> {
    return this.#apply(itemId, await this.send(itemId, progressItem));
  }

  async #sendUpdate(itemId: Guid, progressItem: SyncMgrProgressItem): Promise<ProgressVerdict> {
    this.#inFlight.add(itemId);
    try {
      return this.#apply(itemId, await this.send(itemId, progressItem));
    } finally {
      this.#inFlight.delete(itemId);
      const next = this.#waiting.get(itemId);
      if (next) {
        this.#waiting.delete(itemId);
        void this.#track(this.#sendUpdate(itemId, next));
      }
    }
  }

  #apply(itemId: Guid, verdict: ProgressVerdict): ProgressVerdict {
    this.#latest.set(itemId, verdict);
    this.onVerdict(verdict, itemId);
    return verdict;
  }
}

function isFinal(item: SyncMgrProgressItem): boolean {
  return (item.mask & SyncMgrProgressItemMask.SYNCMGRPROGRESSITEM_STATUSTYPE) !== 0 && FINAL.has(item.statusType ?? -1);
}

function merge(earlier: SyncMgrProgressItem | undefined, later: SyncMgrProgressItem): SyncMgrProgressItem {
  return earlier ? { ...earlier, ...later, mask: earlier.mask | later.mask } : later;
}
