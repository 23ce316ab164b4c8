import { normalizeGuid, type Guid } from '@syncmgr/protocol';
import type { ProgressCoalescer } from './progress-coalescer.js';
import type { ItemStopReason, ProgressVerdict, SyncItem } from './handler.js';

/** Where an item is in its life within a run. */
export type ItemState = 'pending' | 'running' | 'done';

/** One item of a run: its abort controller, its state, and a way to fail it from outside. */
export class ItemControl {
  readonly controller = new AbortController();
  state: ItemState = 'pending';
  /** Rejects when an uncaught exception is traced back to this item's code. */
  readonly crashed: Promise<never>;
  #crash: (error: unknown) => void = () => undefined;

  constructor(
    readonly itemId: Guid,
    readonly item: SyncItem,
  ) {
    this.crashed = new Promise<never>((_resolve, reject) => {
      this.#crash = reject;
    });
    // Only raced while the item runs; a crash at any other time must not be an unhandled rejection.
    this.crashed.catch(() => undefined);
  }

  /** The item's abort signal. */
  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /** Why the item was stopped, if it was. */
  get stopReason(): ItemStopReason | undefined {
    return this.signal.aborted ? (this.signal.reason as ItemStopReason) : undefined;
  }

  /** Aborts the item's signal, unless it already ended or was already stopped. */
  stop(reason: ItemStopReason): void {
    if (this.state !== 'done' && !this.signal.aborted) this.controller.abort(reason);
  }

  /** Fails the running item with an error its code did not catch, and tells its leftovers to stop. */
  crash(error: unknown): void {
    this.#crash(error);
    this.stop('stopped');
  }
}

/** The items of one PrepareForSync, carried into its Synchronize. */
export class SyncRun {
  readonly #controls = new Map<Guid, ItemControl>();
  /** The run's progress reports, one in flight per item (made on first use). */
  progress: ProgressCoalescer | undefined;

  constructor(items: ReadonlyMap<Guid, SyncItem>) {
    for (const [itemId, item] of items) this.#controls.set(itemId, new ItemControl(itemId, item));
  }

  /** The handler's items, in the order the host gave them. */
  get items(): SyncItem[] {
    return [...this.#controls.values()].map((control) => control.item);
  }

  /** Every item's control, in the order the host gave them. */
  get controls(): ItemControl[] {
    return [...this.#controls.values()];
  }

  /** The control of an item of this run, by its ID in any GUID spelling. */
  control(itemId: Guid): ItemControl | undefined {
    return this.#controls.get(normalizeGuid(itemId) ?? itemId);
  }

  /** Carries out a progress verdict: cancel the item, or every item. */
  apply(verdict: ProgressVerdict, itemId: Guid): void {
    if (verdict === 'cancelItem') this.control(itemId)?.stop('stopped');
    if (verdict === 'cancelAll') this.stopAll('stopped');
  }

  /** Stops every item that has not ended. */
  stopAll(reason: ItemStopReason): void {
    for (const control of this.#controls.values()) control.stop(reason);
  }
}
