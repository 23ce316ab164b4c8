import type { Guid } from '@syncmgr/protocol';
import { describeError } from './diagnostics.js';
import type { Awaitable, FinalItemStatus, ItemContext, ItemResult, ProgressUpdate, ProgressVerdict, SyncItem } from './handler.js';
import { runInItemScope } from './item-scope.js';
import type { ItemControl, SyncRun } from './sync-run.js';

/** What the runner needs from the session. */
export interface ItemRunnerOptions {
  synchronizeItem(item: SyncItem, ctx: ItemContext): Awaitable<ItemResult | void>;
  contextFor(control: ItemControl): ItemContext;
  /** Reports progress; awaitVerdict waits for the host's answer to this very report. */
  report(itemId: Guid, update: ProgressUpdate, awaitVerdict?: boolean): Promise<ProgressVerdict>;
  concurrency: number;
}

interface Outcome {
  status: FinalItemStatus;
  text: string;
}

const DEFAULT_TEXTS: Record<FinalItemStatus, string> = {
  succeeded: 'Succeeded',
  failed: 'Failed',
  skipped: 'Skipped',
  stopped: 'Stopped',
};

/**
 * Runs synchronizeItem for every item of a run, at most `concurrency` at once, and reports
 * each item's final status itself, including items skipped or cancelled before they started.
 */
export class ItemRunner {
  readonly #reports: Promise<unknown>[] = [];
  #next = 0;

  constructor(
    private readonly run: SyncRun,
    private readonly options: ItemRunnerOptions,
  ) {}

  /** Resolves once every item has reported its final status. */
  async runAll(): Promise<void> {
    const controls = this.run.controls;
    for (const control of controls) this.#finishIfStoppedWhilePending(control);
    const workers = Math.max(1, Math.min(this.options.concurrency, controls.length));
    await Promise.all(Array.from({ length: workers }, () => this.#drain(controls)));
    await Promise.all(this.#reports);
  }

  async #drain(controls: readonly ItemControl[]): Promise<void> {
    for (let control = controls[this.#next++]; control; control = controls[this.#next++]) {
      if (control.state === 'pending') await this.#runOne(control);
    }
  }

  async #runOne(control: ItemControl): Promise<void> {
    control.state = 'running';
    const ctx = this.options.contextFor(control);
    // mobsync: report before starting each item, and wait for the answer, so a pending cancel is noticed.
    await this.options.report(control.itemId, { status: 'updating' }, true);
    const outcome = control.signal.aborted ? stoppedOutcome(control) : await this.#outcomeOf(control, ctx);
    // The final status is not awaited: the next item's report follows it on the wire and carries any cancel.
    this.#reports.push(this.#finish(control, outcome));
  }

  async #outcomeOf(control: ItemControl, ctx: ItemContext): Promise<Outcome> {
    try {
      const work = runInItemScope(control, () => Promise.resolve().then(() => this.options.synchronizeItem(control.item, ctx)));
      const result = await Promise.race([work, control.crashed]);
      return resultOutcome(result ?? {}, control);
    } catch (error) {
      if (control.signal.aborted && isAbortError(error, control.signal)) return stoppedOutcome(control);
      const text = describeError(error);
      await ctx.logError('error', text);
      return { status: 'failed', text };
    }
  }

  #finishIfStoppedWhilePending(control: ItemControl): void {
    const finishStopped = (): void => {
      if (control.state === 'pending') this.#reports.push(this.#finish(control, stoppedOutcome(control)));
    };
    if (control.signal.aborted) finishStopped();
    else control.signal.addEventListener('abort', finishStopped, { once: true });
  }

  #finish(control: ItemControl, outcome: Outcome): Promise<ProgressVerdict> {
    control.state = 'done';
    return this.options.report(control.itemId, outcome);
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
