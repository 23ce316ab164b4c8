import { SyncMgrProgressItemMask as Mask, type Guid, type SyncMgrItem, type SyncMgrProgressItem } from '@syncmgr/protocol';
import type { ItemState } from './session-events.js';
import { isFinal, itemStatusOf, type ItemOutcome } from '../item-status.js';
import { DEFAULT_LIMITS } from '../limits.js';
import type { ItemReport } from '../report.js';
import { boundText } from '../util/bounded-text.js';

/** The selected items of one handler and the last state each reported; names and texts cut at maxTextBytes. */
export class ItemTracker {
  private readonly states = new Map<Guid, ItemState>();

  constructor(private readonly maxTextBytes = DEFAULT_LIMITS.maxTextBytes) {}

  /** Selects an item: PENDING until its handler reports otherwise. */
  add(item: SyncMgrItem): void {
    this.states.set(item.itemId, { itemId: item.itemId, name: this.bounded(item.itemName), status: 'pending' });
  }

  get ids(): Guid[] {
    return [...this.states.keys()];
  }

  get size(): number {
    return this.states.size;
  }

  has(itemId: Guid): boolean {
    return this.states.has(itemId);
  }

  nameOf(itemId: Guid): string {
    return this.states.get(itemId)?.name ?? itemId;
  }

  /** True once the item reported succeeded, failed, skipped or stopped. */
  isFinal(itemId: Guid): boolean {
    const state = this.states.get(itemId);
    return state !== undefined && isFinal(state.status);
  }

  /**
   * Applies the fields the mask marks as set; returns the item's new state. Once an item is final,
   * only FAILED may still be reported (Sync Center's rule): a late progress cannot reopen it.
   */
  applyProgress(itemId: Guid, progress: SyncMgrProgressItem): ItemState {
    const state = this.states.get(itemId);
    if (!state) throw new Error(`item ${itemId} is not tracked: check has() first`);
    const reported = progress.mask & Mask.SYNCMGRPROGRESSITEM_STATUSTYPE && progress.statusType !== undefined ? itemStatusOf(progress.statusType) : undefined;
    if (isFinal(state.status) && reported !== 'failed') return state;
    if (reported) state.status = reported;
    if (progress.mask & Mask.SYNCMGRPROGRESSITEM_STATUSTEXT && progress.statusText !== undefined) state.text = this.bounded(progress.statusText);
    if (progress.mask & Mask.SYNCMGRPROGRESSITEM_PROGVALUE && progress.progValue !== undefined) state.progValue = progress.progValue;
    if (progress.mask & Mask.SYNCMGRPROGRESSITEM_MAXVALUE && progress.maxValue !== undefined) state.maxValue = progress.maxValue;
    return state;
  }

  /** Gives every item without a final status this one (FAILED unless said otherwise), saying why. */
  failUnfinished(why: string, status: ItemOutcome = 'failed'): ItemState[] {
    const changed: ItemState[] = [];
    for (const state of this.states.values()) {
      if (isFinal(state.status)) continue;
      state.status = status;
      state.text = why;
      changed.push(state);
    }
    return changed;
  }

  /** Restarts the given items (a retry): back to PENDING. */
  reset(itemIds: readonly Guid[]): void {
    for (const id of itemIds) {
      const state = this.states.get(id);
      if (state) this.states.set(id, { itemId: id, name: state.name, status: 'pending' });
    }
  }

  private bounded(text: string): string {
    return boundText(text, this.maxTextBytes).text;
  }

  report(): ItemReport[] {
    return [...this.states.values()].map((state) => ({
      itemId: state.itemId,
      name: state.name,
      status: isFinal(state.status) ? state.status : 'failed',
      ...(state.text !== undefined ? { text: state.text } : {}),
    }));
  }
}
