import {
  HResult,
  hresultName,
  PrepareForSync,
  SetItemStatus,
  ShowError,
  Synchronize,
  SyncMgrStatus,
  type Guid,
  type MethodDescriptor,
  type ShowErrorCompletedParams,
  type SyncMgrItem,
} from '@syncmgr/protocol';
import { HostError } from '../errors.js';
import { Deferred } from '../util/deferred.js';
import { CancelState } from './cancel-state.js';
import { describePhase, hresultFault } from '../faults/fault-reasons.js';
import { HandlerDriver, type DriverServices } from './handler-driver.js';
import { ItemTracker } from './item-tracker.js';
import type { ItemOutcome } from '../item-status.js';
import type { HandlerReport } from '../report.js';

/** Decides, item by item as they are listed, which to synchronize; told when the listing is complete. */
export interface ItemPicker {
  pick(item: SyncMgrItem): boolean;
  listingComplete(missingItems: boolean): Promise<void>;
}

/** What a sync run needs beyond what every driver needs. */
export interface HandlerRunOptions extends DriverServices {
  syncMgrFlags: number;
  cookie?: string;
  /** The picker of the items to synchronize, ready before the first item is listed. */
  openPicker: () => Promise<ItemPicker>;
  /** Keep the instance alive after Synchronize while it has actionable log entries (for ShowError). */
  holdForErrors: boolean;
  /** How long a handler may take to finish its phase after a cancel before it is ended. */
  cancelGraceMs: number;
}

type AsyncPhase = 'prepareForSync' | 'synchronize';

/** Drives one handler through one session, in the documented order, and reports how it went. */
export class HandlerRun extends HandlerDriver {
  readonly cancellation = new CancelState();
  private cancelTimer: NodeJS.Timeout | undefined;
  /** The asynchronous call whose window is open or opening: skips wait for its answer. */
  private window: { key: AsyncPhase; answered: Promise<boolean> } | undefined;

  constructor(private readonly options: HandlerRunOptions) {
    super(options);
  }

  /** Initialize → GetHandlerInfo → enumerate → SetProgressCallback → PrepareForSync → Synchronize → (results) → shutdown. */
  async sync(): Promise<HandlerReport> {
    try {
      await this.start();
      if ((await this.initialize(this.options.syncMgrFlags, this.options.cookie)) && (await this.readHandlerInfo())) {
        const selected = await this.enumerateAndSelect();
        if (selected && selected.size > 0) {
          await this.instance.attachCallback(true);
          await this.prepareAndSynchronize(selected.ids);
        }
      }
      if (this.holdsForErrors()) this.instance.setPhase('results');
      else await this.finish();
    } catch (error) {
      await this.abandon(error);
    }
    return this.report();
  }

  /** The handler stays alive for ShowError: it has actionable entries and the client asked for that. */
  holdsForErrors(): boolean {
    return this.options.holdForErrors && !this.failure && this.instance.callbackAttached && this.log.list().some((e) => e.actionable);
  }

  /** SetItemStatus(SKIPPED), only inside the windows mobsync allows (waiting for the window's call to be answered). */
  async skip(itemId: Guid): Promise<void> {
    const window = this.window;
    const open = window !== undefined && (await window.answered) && this.completions[window.key]?.isSettled === false;
    if (!open) throw new HostError('USAGE', `${this.name} is not preparing or synchronizing now, so none of its items can be skipped`);
    if (!this.items?.has(itemId)) throw new HostError('USAGE', `item ${itemId} is not part of ${this.name}'s session`);
    if (this.items.isFinal(itemId)) throw new HostError('USAGE', `item ${itemId} of ${this.name} has already finished`);
    await this.instance.call(SetItemStatus, { itemId, syncMgrStatus: SyncMgrStatus.SYNCMGRSTATUS_SKIPPED });
  }

  /** S_SYNCMGR_CANCELALL on the next Progress; the handler is ended if it ignores it for the grace period. */
  cancelAll(): void {
    this.cancellation.cancelAll();
    this.watchCancel();
  }

  cancelItem(itemId: Guid): void {
    this.cancellation.cancelItem(itemId);
  }

  /** Ends the process now at the user's request: the items end stopped, the handler failed, saying so. */
  override kill(): void {
    if (this.phase === 'done' || this.phase === 'results') return;
    const reason = `the handler was ended at the user's request ${describePhase(this.phase)}`;
    this.settleUnfinished(reason, 'stopped');
    this.instance.raise({ kind: 'host-stopped', phase: this.phase, reason });
    super.kill();
  }

  override verdictFor(itemId: Guid): number {
    return this.cancellation.verdictFor(itemId);
  }

  /** Opens an actionable entry: ShowError, and on S_SYNCMGR_RETRYSYNC prepares and synchronizes the returned items again. */
  async showError(errorId: Guid): Promise<HandlerReport> {
    if (this.phase !== 'results') throw new HostError('USAGE', `${this.name} is not waiting for errors to be opened (it is in phase ${this.phase})`);
    if (!this.log.list().some((e) => e.actionable && e.errorId === errorId)) throw new HostError('USAGE', `${this.name} has no actionable entry ${errorId}`);
    try {
      const completed = await this.runShowError(errorId);
      if (completed?.hr === HResult.S_SYNCMGR_RETRYSYNC) await this.retry(completed.itemIds);
      this.instance.setPhase('results');
    } catch (error) {
      await this.abandon(error);
    }
    return this.report();
  }

  /** Ends a held instance; the report is final after this. */
  async close(): Promise<HandlerReport> {
    if (this.phase === 'results') {
      try {
        await this.finish();
      } catch (error) {
        await this.abandon(error);
      }
    }
    return this.report();
  }

  // Items are picked page by page as they are listed, so the host keeps only the selected ones.
  // Those listed before an enumeration fails end failed, saying why.
  private async enumerateAndSelect(): Promise<ItemTracker | undefined> {
    const picker = await this.options.openPicker();
    const items = (this.items = new ItemTracker());
    const summary = await this.enumerate((page) => {
      for (const item of page) if (picker.pick(item)) items.add(item);
      this.options.emit('itemsListed', this.ref, page, items);
    });
    if (!summary) {
      this.settleUnfinished(`not synchronized: ${this.failure?.reason ?? 'the item enumeration failed'}`);
      return undefined;
    }
    await picker.listingComplete(summary.missingItems);
    this.options.emit('itemsEnumerated', this.ref, { listed: summary.listed, selected: items.size, missingItems: summary.missingItems });
    return items;
  }

  private async prepareAndSynchronize(itemIds: Guid[]): Promise<void> {
    if (await this.runAsynchronous(PrepareForSync, { itemIds }, 'prepareForSync')) {
      await this.runAsynchronous(Synchronize, {}, 'synchronize');
    }
    this.window = undefined;
    this.settleUnfinished('the handler reported no final status for this item');
  }

  // "Answer at once, complete later": the completion is awaited from before the call is sent,
  // because it may arrive before the answer; no completion is awaited after a failed call.
  private async runAsynchronous<P>(descriptor: MethodDescriptor<P, { hr: number }>, params: P, key: AsyncPhase): Promise<boolean> {
    const completion = (this.completions[key] = new Deferred<number>());
    const name = key === 'prepareForSync' ? 'PrepareForSync' : 'Synchronize';
    const answer = this.instance.call(descriptor, params);
    this.window = { key, answered: answer.then(({ hr }) => hr === HResult.S_OK, () => false) };
    this.instance.setPhase(key === 'prepareForSync' ? 'prepare' : 'synchronize');
    if (this.cancellation.allCancelled) this.watchCancel(); // a cancel that came before the window opened
    const { hr } = await answer;
    if (hr !== HResult.S_OK) {
      delete this.completions[key];
      if (key === 'prepareForSync' && hr === HResult.S_FALSE) this.decline(`${name} returned S_FALSE`);
      else this.failPhase(name, hr);
      return false;
    }
    const completed = await this.instance.connection.await(`${name}Completed`, descriptor.method, completion.promise);
    if (completed === HResult.S_FALSE && key === 'prepareForSync') this.decline(`${name}Completed reported S_FALSE`);
    else if (completed !== HResult.S_OK) this.failPhase(`${name}Completed`, completed);
    return completed === HResult.S_OK;
  }

  private runShowError(errorId: Guid): Promise<ShowErrorCompletedParams | undefined> {
    const completion = (this.completions.showError = new Deferred<ShowErrorCompletedParams>());
    return this.runUserInitiated('showError', ShowError, { errorId }, completion, () => delete this.completions.showError);
  }

  private async retry(returned: readonly Guid[]): Promise<void> {
    const itemIds = returned.filter((id) => this.items?.has(id));
    if (itemIds.length < returned.length) this.violation('ShowErrorCompleted asked to retry items that are not part of this session; they were left out');
    if (itemIds.length === 0) return;
    this.items!.reset(itemIds);
    this.cancellation.reset();
    for (const id of itemIds) this.onItemProgress({ itemId: id, name: this.items!.nameOf(id), status: 'pending' });
    await this.prepareAndSynchronize(itemIds);
  }

  // mobsync lets a handler that needs UI it may not show decline PrepareForSync: its items are skipped.
  private decline(what: string): void {
    this.declinedReason = `${what}: the handler needs to show UI it may not show in this session`;
    this.settleUnfinished('not synchronized: the handler declined to prepare', 'skipped');
  }

  private failPhase(what: string, hr: number): void {
    this.failure = hresultFault(this.phase, what, hresultName(hr));
    this.settleUnfinished(`not synchronized: ${what} returned ${hresultName(hr)}`);
  }

  private settleUnfinished(why: string, status?: ItemOutcome): void {
    clearTimeout(this.cancelTimer);
    for (const state of this.items?.failUnfinished(why, status) ?? []) this.onItemProgress(state);
  }

  // A handler that ignores the cancel is ended after the grace period, and its items say so.
  private watchCancel(): void {
    if (this.cancelTimer || (this.phase !== 'prepare' && this.phase !== 'synchronize')) return;
    const seconds = this.options.cancelGraceMs / 1000;
    this.cancelTimer = setTimeout(() => {
      if (this.phase !== 'prepare' && this.phase !== 'synchronize') return;
      const reason = `the handler ignored the cancel request and was ended after ${seconds} s`;
      this.settleUnfinished(reason, 'stopped');
      this.instance.raise({ kind: 'cancel-ignored', phase: this.phase, reason });
    }, this.options.cancelGraceMs);
    this.cancelTimer.unref();
  }
}

