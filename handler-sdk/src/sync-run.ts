import { normalizeGuid, type Guid } from '@syncmgr/protocol';
import type { ProgressCoalescer } from './progress-coalescer.js';
import type { ItemStopReason, ProgressVerdict, SyncItem } from './handler.js';

/** Where an item is in its life within a run. */
export type ItemState = 'pending' | 'running' | 'done';

/** One item of a run: its abort signal, its state, and a way to fail it from outside. */
export class ItemControl {
  state: ItemState = 'pending';
  /** Called once when the item is stopped (the runner ends a pending item's status then). */
  onStop: ((reason: ItemStopReason) => void) | undefined;
  // Made on first use: a run of 10,000 items that nobody stops then costs no AbortController each.
  #controller: AbortController | undefined;
  #stopReason: ItemStopReason | undefined;
  #crash: (error: unknown) => void = () => undefined;

  constructor(
    readonly itemId: Guid,
    readonly item: SyncItem,
  ) {}

  /** The item's abort signal: aborts (reason 'skipped' or 'stopped') when the item is stopped. */
  get signal(): AbortSignal {
    if (!this.#controller) {
      this.#controller = new AbortController();
      if (this.#stopReason) this.#controller.abort(this.#stopReason);
    }
    return this.#controller.signal;
  }

  /** True once the item was stopped. */
  get stopped(): boolean {
    return this.#stopReason !== undefined;
  }

  /** Why the item was stopped, if it was. */
  get stopReason(): ItemStopReason | undefined {
    return this.#stopReason;
  }

  /** Runs the item's code; settles with what it returns, or rejects first when an uncaught exception is traced back to that code. */
  untilCrashed<T>(work: () => T | PromiseLike<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.#crash = reject;
      // Not resolve(work()): a promise resolved with another can no longer be rejected by a crash.
      try {
        Promise.resolve(work()).then(resolve, reject);
      } catch (error) {
        // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- what the item's code threw, as it threw it
        reject(error);
      }
    });
  }

  /** Aborts the item's signal, unless it already ended or was already stopped. */
  stop(reason: ItemStopReason): void {
    if (this.state === 'done' || this.#stopReason) return;
    this.#stopReason = reason;
    this.#controller?.abort(reason);
    this.onStop?.(reason);
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
