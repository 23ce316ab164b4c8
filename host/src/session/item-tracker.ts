import {
  SyncMgrProgressItemMask as Mask,
  SyncMgrStatus as Status,
  type Guid,
  type SyncMgrItem,
  type SyncMgrProgressItem,
} from '@syncmgr/protocol';
import type { ItemState } from './session-events.js';
import type { ItemOutcome, ItemReport } from './report.js';

const FINAL_OUTCOMES = new Map<number, ItemOutcome>([
  [Status.SYNCMGRSTATUS_SUCCEEDED, 'succeeded'],
  [Status.SYNCMGRSTATUS_FAILED, 'failed'],
  [Status.SYNCMGRSTATUS_SKIPPED, 'skipped'],
  [Status.SYNCMGRSTATUS_STOPPED, 'stopped'],
]);

/** The selected items of one handler and the last state each reported. */
export class ItemTracker {
  private readonly states = new Map<Guid, ItemState>();

  /** Selects an item: PENDING until its handler reports otherwise. */
  add(item: SyncMgrItem): void {
    this.states.set(item.itemId, { itemId: item.itemId, name: item.itemName, status: Status.SYNCMGRSTATUS_PENDING });
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
    return state !== undefined && FINAL_OUTCOMES.has(state.status);
  }

  /**
   * Applies the fields the mask marks as set; returns the item's new state. Once an item is final,
   * only FAILED may still be reported (Sync Center's rule): a late progress cannot reopen it.
   */
  applyProgress(itemId: Guid, progress: SyncMgrProgressItem): ItemState {
    const state = this.states.get(itemId)!;
    const failing = progress.mask & Mask.SYNCMGRPROGRESSITEM_STATUSTYPE && progress.statusType === Status.SYNCMGRSTATUS_FAILED;
    if (FINAL_OUTCOMES.has(state.status) && !failing) return state;
    if (progress.mask & Mask.SYNCMGRPROGRESSITEM_STATUSTYPE && progress.statusType !== undefined) state.status = progress.statusType;
    if (progress.mask & Mask.SYNCMGRPROGRESSITEM_STATUSTEXT && progress.statusText !== undefined) state.text = progress.statusText;
    if (progress.mask & Mask.SYNCMGRPROGRESSITEM_PROGVALUE && progress.progValue !== undefined) state.progValue = progress.progValue;
    if (progress.mask & Mask.SYNCMGRPROGRESSITEM_MAXVALUE && progress.maxValue !== undefined) state.maxValue = progress.maxValue;
    return state;
  }

  /** Gives every item without a final status this one (FAILED unless said otherwise), saying why. */
  failUnfinished(why: string, status: number = Status.SYNCMGRSTATUS_FAILED): ItemState[] {
    const changed: ItemState[] = [];
    for (const state of this.states.values()) {
      if (FINAL_OUTCOMES.has(state.status)) continue;
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
      if (state) this.states.set(id, { itemId: id, name: state.name, status: Status.SYNCMGRSTATUS_PENDING });
    }
  }

  report(): ItemReport[] {
    return [...this.states.values()].map((state) => ({
      itemId: state.itemId,
      name: state.name,
      status: FINAL_OUTCOMES.get(state.status) ?? 'failed',
      ...(state.text !== undefined ? { text: state.text } : {}),
    }));
  }
}
