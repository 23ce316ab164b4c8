import type { Guid } from '@syncmgr/protocol';
import { describeError } from './diagnostics.js';
import { runInItemScope } from './item-scope.js';
import type { Awaitable, FinalItemStatus, ItemContext, ItemResult, ProgressUpdate, SyncItem } from './handler.js';
import type { ItemControl, SyncRun } from './sync-run.js';

/** What the runner needs from the session. */
export interface ItemRunnerOptions {
  synchronizeItem(item: SyncItem, ctx: ItemContext): Awaitable<ItemResult | void>;
  contextFor(control: ItemControl): ItemContext;
  /** Reports progress without waiting; the verdict, when it comes, is applied to the signals. */
  report(itemId: Guid, update: ProgressUpdate): void;
  concurrency: number;
  /** Resolves once few enough reports are unanswered for another item to start (undefined: now). */
  room(): Promise<void> | undefined;
}

interface Outcome {
  status: FinalItemStatus;
  text: string;
}

const UPDATING: ProgressUpdate = { status: 'updating' };

const DEFAULT_TEXTS: Record<FinalItemStatus, string> = {
  succeeded: 'Succeeded',
  failed: 'Failed',
  skipped: 'Skipped',
  stopped: 'Stopped',
};

/**
 * Runs synchronizeItem for every item of a run, at most `concurrency` at once, and reports
 * each item's final status itself, including items skipped or cancelled before they started.
 * No report holds an item up: the verdicts are pipelined, each aborting the signals it concerns
 * when it comes (an item already done by then keeps its final status).
 */
export class ItemRunner {
  #next = 0;

  constructor(
    private readonly run: SyncRun,
    private readonly options: ItemRunnerOptions,
  ) {}

  /** Resolves once every item ended and its final status was reported; the caller awaits the answers (ProgressCoalescer.settled). */
  async runAll(): Promise<void> {
    const controls = this.run.controls;
    for (const control of controls) this.#finishIfStoppedWhilePending(control);
    const workers = Math.max(1, Math.min(this.options.concurrency, controls.length));
    await Promise.all(Array.from({ length: workers }, () => this.#drain(controls)));
  }

  async #drain(controls: readonly ItemControl[]): Promise<void> {
    for (let control = controls[this.#next++]; control; control = controls[this.#next++]) {
      if (control.state !== 'pending') continue;
      const room = this.options.room();
      if (room) await room;
      // A cancel that came while waiting for room has already ended the item.
      if (control.state !== 'pending') continue;
      const ctx = this.#start(control);
      const outcome = control.stopped ? stoppedOutcome(control) : await this.#outcomeOf(control, ctx);
      // Nor is the final status awaited: SynchronizeCompleted waits for the answers, all at once.
      this.#finish(control, outcome);
    }
  }

  #start(control: ItemControl): ItemContext {
    control.state = 'running';
    // mobsync reports before each item; its answer is not awaited (one round trip per item was most
    // of a session's time): a cancel in it aborts the item's signal when it comes.
    this.options.report(control.itemId, UPDATING);
    return this.options.contextFor(control);
  }

  // Chained rather than async: a 10,000-item run made some 80,000 promises, each also costing the
  // async hooks of the item scope.
  #outcomeOf(control: ItemControl, ctx: ItemContext): Promise<Outcome> {
    return control
      .untilCrashed(() => runInItemScope(control, () => this.options.synchronizeItem(control.item, ctx)))
      .then(
        (result) => resultOutcome(result ?? {}, control),
        (error: unknown) => this.#failedOutcome(control, ctx, error),
      );
  }

  async #failedOutcome(control: ItemControl, ctx: ItemContext, error: unknown): Promise<Outcome> {
    if (control.stopped && isAbortError(error, control.signal)) return stoppedOutcome(control);
    const text = describeError(error);
    await ctx.logError('error', text);
    return { status: 'failed', text };
  }

  #finishIfStoppedWhilePending(control: ItemControl): void {
    const finishStopped = (): void => {
      if (control.state === 'pending') this.#finish(control, stoppedOutcome(control));
    };
    if (control.stopped) finishStopped();
    else control.onStop = finishStopped;
  }

  #finish(control: ItemControl, outcome: Outcome): void {
    control.state = 'done';
    this.options.report(control.itemId, outcome);
  }
}

function resultOutcome(result: ItemResult, control: ItemControl): Outcome {
  // Returning early without a status after a skip or cancel means the item stopped, not succeeded.
  const status = result.status ?? control.stopReason ?? 'succeeded';
  return { status, text: result.text ?? DEFAULT_TEXTS[status] };
}

function stoppedOutcome(control: ItemControl): Outcome {
  const status = control.stopReason ?? 'stopped';
  return { status, text: DEFAULT_TEXTS[status] };
}

function isAbortError(error: unknown, signal: AbortSignal): boolean {
  return error === signal.reason || (error instanceof Error && error.name === 'AbortError');
}
