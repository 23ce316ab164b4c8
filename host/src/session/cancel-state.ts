import { HResult, type Guid } from '@syncmgr/protocol';

/** The user's stop requests for one handler, answered through its next Progress call. */
export class CancelState {
  private all = false;
  private readonly items = new Set<Guid>();

  cancelAll(): void {
    this.all = true;
  }

  cancelItem(itemId: Guid): void {
    this.items.add(itemId);
  }

  /** True once every item of the handler was asked to stop. */
  get allCancelled(): boolean {
    return this.all;
  }

  /** Forgets earlier requests: a retry starts afresh. */
  reset(): void {
    this.all = false;
    this.items.clear();
  }

  /** S_SYNCMGR_CANCELALL, S_SYNCMGR_CANCELITEM or S_OK: the Progress answer for this item. */
  verdictFor(itemId: Guid): number {
    if (this.all) return HResult.S_SYNCMGR_CANCELALL;
    return this.items.has(itemId) ? HResult.S_SYNCMGR_CANCELITEM : HResult.S_OK;
  }
}
