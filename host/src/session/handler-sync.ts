import {
  HResult,
  hresultName,
  isLegalIn,
  PrepareForSync,
  SetItemStatus,
  ShowError,
  Synchronize,
  SyncMgrStatus,
  type CompletedParams,
  type Guid,
  type ShowErrorCompletedParams,
  type SynchronizeParams,
  type SyncMgrItem,
} from '@syncmgr/protocol';
import { HostError } from '../errors.js';
import { describePhase, hresultFault } from '../faults/fault-reasons.js';
import type { HandlerReport } from '../report.js';
import { CancelState } from './cancel-state.js';
import { createHandlerParts, type HandlerParts, type HandlerServices } from './handler-parts.js';
import { driven, enumerate, handOverCallback, initialize, readHandlerInfo, shutDown, start } from './handler-steps.js';
import { ItemTracker } from './item-tracker.js';
import type { UserNotAskedReason } from './user-interface.js';

/** Decides, item by item as they are listed, which to synchronize; told when the listing is complete. */
export interface ItemPicker {
  pick(item: SyncMgrItem): boolean;
  listingComplete(missingItems: boolean): Promise<void>;
}

/** What a sync needs beyond what every handler instance needs. */
export interface HandlerSyncOptions extends HandlerServices {
  syncMgrFlags: number;
  cookie?: string;
  /** The picker of the items to synchronize, ready before the first item is listed. */
  openPicker: () => Promise<ItemPicker>;
  /** Keep the instance alive after Synchronize while it has actionable log entries (for ShowError). */
  holdForErrors: boolean;
  /** How long a handler may take to finish its phase after a cancel before it is ended. */
  cancelGraceMs: number;
}

// Said first in a decline's reason: what the user can do about it; the status code follows for the handler's author.
const DECLINED_BECAUSE: Record<UserNotAskedReason | 'user-refused', string> = {
  'no-user-interface': 'it needs to ask the user, and this session had nobody to ask: run it on a terminal to answer',
  'unattended-event': 'it needs to ask the user, and this event runs unattended: run a manual sync on a terminal to answer',
  'user-refused': 'it needed an answer from the user and did not get one',
};

/** One handler through one sync session, in SyncMgr's order, with the user's skip, cancel and ShowError. */
export class HandlerSync {
  readonly cancellation = new CancelState();
  private readonly parts: HandlerParts;
  private cancelTimer: NodeJS.Timeout | undefined;

  constructor(private readonly options: HandlerSyncOptions) {
    this.parts = createHandlerParts(options);
  }

  get ref() {
    return this.parts.record.ref;
  }

  get name(): string {
    return this.parts.record.name;
  }

  /** Initialize → GetHandlerInfo → EnumSyncMgrItems → SetProgressCallback → PrepareForSync → Synchronize → (results) → shutdown. */
  async sync(): Promise<HandlerReport> {
    const { parts, options } = this;
    await driven(parts, async () => {
      await start(parts, (itemId) => this.cancellation.verdictFor(itemId));
      if ((await initialize(parts, options.syncMgrFlags, options.cookie)) && (await readHandlerInfo(parts))) {
        const chosen = await this.enumerateAndChoose();
        if (chosen && chosen.size > 0 && (await handOverCallback(parts))) await this.prepareAndSynchronize(chosen.ids);
      }
      if (this.holdsForErrors()) parts.life.enter('results');
      else await shutDown(parts);
    });
    return parts.record.report();
  }

  /** The handler stays alive for ShowError: it has actionable entries and the client asked for that. */
  holdsForErrors(): boolean {
    const { life, record } = this.parts;
    return this.options.holdForErrors && !record.failed && life.holdsCallback && record.log.list().some((entry) => entry.actionable);
  }

  /** SetItemStatus(SKIPPED), only inside the windows mobsync allows (waiting for the window's call to be answered). */
  async skip(itemId: Guid): Promise<void> {
    const { life, record } = this.parts;
    if (!isLegalIn(SetItemStatus, life.phase) || !(await life.windowOpen()))
      throw new HostError('USAGE', `${this.name} is not preparing or synchronizing now, so none of its items can be skipped`);
    if (!record.items?.has(itemId)) throw new HostError('USAGE', `item ${itemId} is not part of ${this.name}'s session`);
    if (record.items.isFinal(itemId)) throw new HostError('USAGE', `item ${itemId} of ${this.name} has already finished`);
    await life.request(SetItemStatus, { itemId, syncMgrStatus: SyncMgrStatus.SYNCMGRSTATUS_SKIPPED });
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
  kill(): void {
    const { life, record, instance } = this.parts;
    if (life.ended || life.phase === 'results') return;
    const reason = `the handler was ended at the user's request ${describePhase(life.phase)}`;
    record.settleItems(reason, 'stopped');
    life.fail({ kind: 'host-stopped', phase: life.phase, reason });
    instance.kill();
  }

  /** Opens an actionable entry: ShowError, and on S_SYNCMGR_RETRYSYNC prepares and synchronizes the returned items again. */
  async showError(errorId: Guid): Promise<HandlerReport> {
    const { life, record } = this.parts;
    if (life.phase !== 'results') throw new HostError('USAGE', `${this.name} is not waiting for errors to be opened (it is in phase ${life.phase})`);
    if (!record.log.list().some((entry) => entry.actionable && entry.errorId === errorId))
      throw new HostError('USAGE', `${this.name} has no actionable entry ${errorId}`);
    await driven(this.parts, async () => {
      life.enter('showError');
      const shown = await life.callAsync<{ errorId: Guid }, ShowErrorCompletedParams>(ShowError, { errorId });
      if (shown.completed === undefined) record.note('warning', `ShowError returned ${hresultName(shown.hr)}`);
      else if (shown.completed.hr === HResult.S_SYNCMGR_RETRYSYNC) await this.retry(shown.completed.itemIds);
      life.enter('results');
    });
    return record.report();
  }

  /** Ends a held instance; the report is final after this. */
  async close(): Promise<HandlerReport> {
    if (this.parts.life.phase === 'results') await driven(this.parts, () => shutDown(this.parts));
    return this.parts.record.report();
  }

  // Items are picked page by page as they are listed, so the host keeps only the chosen ones.
  // Those listed before an enumeration fails end failed, saying why.
  private async enumerateAndChoose(): Promise<ItemTracker | undefined> {
    const { record } = this.parts;
    const picker = await this.options.openPicker();
    const items = (record.items = new ItemTracker(this.options.limits.maxTextBytes));
    const summary = await enumerate(this.parts, (page) => {
      for (const item of page) if (picker.pick(item)) items.add(item);
      this.options.emit('itemsListed', record.ref, page, items);
    });
    if (!summary) {
      record.settleItems(`not synchronized: ${record.reason ?? 'the item enumeration failed'}`);
      return undefined;
    }
    await picker.listingComplete(summary.missingItems);
    this.options.emit('itemsEnumerated', record.ref, { listed: summary.listed, selected: items.size, missingItems: summary.missingItems });
    return items;
  }

  // PrepareForSync, then Synchronize only if the prepare completed S_OK and was not cancelled altogether.
  private async prepareAndSynchronize(itemIds: Guid[]): Promise<void> {
    const { life, record } = this.parts;
    life.enter('prepare');
    this.watchCancel(); // a cancel that came before the window opened
    const prepared = await life.callAsync<{ itemIds: Guid[] }, CompletedParams>(PrepareForSync, { itemIds });
    if (this.preparedToSynchronize(prepared.hr, prepared.completed?.hr)) {
      life.enter('synchronize');
      const synchronized = await life.callAsync<SynchronizeParams, CompletedParams>(Synchronize, {});
      if (synchronized.completed === undefined) this.failPhase('Synchronize', synchronized.hr);
      else if (synchronized.completed.hr !== HResult.S_OK) this.completedWithErrors('SynchronizeCompleted', synchronized.completed.hr);
    }
    clearTimeout(this.cancelTimer);
    this.cancelTimer = undefined;
    record.settleItems('the handler reported no final status for this item');
  }

  // How PrepareForSync ended decides whether Synchronize follows (PROTOCOL.md §4.4).
  private preparedToSynchronize(answer: number, completion: number | undefined): boolean {
    const { record } = this.parts;
    if (answer === HResult.S_FALSE) return this.decline('PrepareForSync returned S_FALSE');
    if (completion === undefined) return this.failPhase('PrepareForSync', answer);
    if (completion === HResult.S_FALSE) return this.decline('PrepareForSyncCompleted reported S_FALSE');
    if (completion !== HResult.S_OK) {
      record.settleItems(`not synchronized: PrepareForSyncCompleted reported ${hresultName(completion)}`);
      return this.completedWithErrors('PrepareForSyncCompleted', completion);
    }
    if (!this.cancellation.allCancelled) return true;
    record.settleItems('stopped: every item was cancelled before it was synchronized', 'stopped');
    return false;
  }

  private async retry(returned: readonly Guid[]): Promise<void> {
    const { record } = this.parts;
    const items = record.items;
    const itemIds = returned.filter((id) => items?.has(id));
    if (itemIds.length < returned.length)
      record.note(
        'error',
        'protocol violation (phase showError): ShowErrorCompleted asked to retry items that are not part of this session; they were left out',
      );
    if (!items || itemIds.length === 0) return;
    items.reset(itemIds);
    this.cancellation.reset();
    for (const itemId of itemIds) record.itemChanged({ itemId, name: items.nameOf(itemId), status: 'pending' });
    await this.prepareAndSynchronize(itemIds);
  }

  // mobsync lets a handler that needs UI it may not show decline PrepareForSync: its items are skipped.
  private decline(what: string): false {
    const why = this.parts.prompts.declinedForWantOfUser();
    this.parts.record.settle({ result: 'declined', reason: `${DECLINED_BECAUSE[why ?? 'user-refused']} (${what})` });
    this.parts.record.settleItems('not synchronized: the handler declined to prepare', 'skipped');
    return false;
  }

  // The call itself failed: the handler could not do what it was asked.
  private failPhase(what: string, hr: number): false {
    this.parts.record.settle({ result: 'failed', fault: hresultFault(this.parts.life.phase, what, hresultName(hr)) });
    this.parts.record.settleItems(`not synchronized: ${what} returned ${hresultName(hr)}`);
    return false;
  }

  // The handler ran the phase and completed it with an error: not a fault; its items keep their statuses.
  private completedWithErrors(what: string, hr: number): false {
    this.parts.record.settle({ result: 'completedWithErrors', reason: `${what} reported ${hresultName(hr)}: the handler completed with errors` });
    return false;
  }

  // A handler that ignores the cancel is ended after the grace period, and its items say so.
  private watchCancel(): void {
    const { life, record } = this.parts;
    const inWindow = () => life.phase === 'prepare' || life.phase === 'synchronize';
    if (this.cancelTimer || !this.cancellation.allCancelled || !inWindow()) return;
    const seconds = this.options.cancelGraceMs / 1000;
    this.cancelTimer = setTimeout(() => {
      if (!inWindow()) return;
      const reason = `the handler ignored the cancel request and was ended after ${seconds} s`;
      record.settleItems(reason, 'stopped');
      life.fail({ kind: 'cancel-ignored', phase: life.phase, reason });
    }, this.options.cancelGraceMs);
    this.cancelTimer.unref();
  }
}
