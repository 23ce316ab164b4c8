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
 * One Progress in flight per item: while one is, later updates to that item are merged into one
 * (later fields win) and sent when it returns, so a handler reporting every byte costs one round
 * trip at a time, and the last update is never dropped. An update resolves at once with the latest
 * verdict unless the caller must see this very answer (`awaitVerdict`: the report before each
 * item, where mobsync wants a pending cancel noticed); every verdict the host gives is applied, so a
 * cancel still aborts the item's signal within one round trip. A final status is never merged
 * away: it is sent at once, carrying what waited (its own fields win), so the host ends an item at
 * the last value and text the handler reported as well as its final status.
 */
export class ProgressCoalescer {
  readonly #inFlight = new Set<Guid>();
  readonly #waiting = new Map<Guid, SyncMgrProgressItem>();
  readonly #latest = new Map<Guid, ProgressVerdict>();

  constructor(
    private readonly send: Send,
    private readonly onVerdict: OnVerdict,
  ) {}

  report(itemId: Guid, progressItem: SyncMgrProgressItem, awaitVerdict = false): Promise<ProgressVerdict> {
    if (isFinal(progressItem) || awaitVerdict) {
      const waiting = this.#waiting.get(itemId);
      this.#waiting.delete(itemId);
      return this.#sendNow(itemId, merge(waiting, progressItem));
    }
    if (this.#inFlight.has(itemId)) this.#waiting.set(itemId, merge(this.#waiting.get(itemId), progressItem));
    else void this.#sendNow(itemId, progressItem);
    return Promise.resolve(this.#latest.get(itemId) ?? 'continue');
  }

  async #sendNow(itemId: Guid, progressItem: SyncMgrProgressItem): Promise<ProgressVerdict> {
    this.#inFlight.add(itemId);
    try {
      const verdict = await this.send(itemId, progressItem);
      this.#latest.set(itemId, verdict);
      this.onVerdict(verdict, itemId);
      return verdict;
    } finally {
      this.#inFlight.delete(itemId);
      const next = this.#waiting.get(itemId);
      if (next) {
        this.#waiting.delete(itemId);
        void this.#sendNow(itemId, next);
      }
    }
  }
}

function isFinal(item: SyncMgrProgressItem): boolean {
  return (item.mask & SyncMgrProgressItemMask.SYNCMGRPROGRESSITEM_STATUSTYPE) !== 0 && FINAL.has(item.statusType ?? -1);
}

function merge(earlier: SyncMgrProgressItem | undefined, later: SyncMgrProgressItem): SyncMgrProgressItem {
  return earlier ? { ...earlier, ...later, mask: earlier.mask | later.mask } : later;
}
