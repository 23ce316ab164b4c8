import type { Guid, SyncMgrHandlerInfo } from '@syncmgr/protocol';
import type { HandlerFault } from '../faults/handler-fault.js';
import type { LeftoverProcess } from '../process/leftover-sweep.js';
import type { HandlerReport, HandlerResult, LogEntry, LogLevel } from '../report.js';
import type { ItemTracker } from './item-tracker.js';
import { LogBook, type LogBookLimits } from './log-book.js';
import type { ByteBudget } from './byte-budget.js';
import type { HandlerRef, ItemState, SessionEvents } from './session-events.js';

/** Emits a session event to its clients. */
export type EmitEvent = <E extends keyof SessionEvents>(event: E, ...args: Parameters<SessionEvents[E]>) => void;

/** How a handler ended, short of its items: each result with what explains it. */
export type HandlerOutcome =
  | { result: 'succeeded' }
  | { result: 'declined'; reason: string }
  | { result: 'completedWithErrors'; reason: string }
  | { result: 'failed'; fault: HandlerFault };

/** What the session knows of one handler: who it is, its items, its log and how it ended. */
export class HandlerRecord {
  handlerInfo: SyncMgrHandlerInfo | undefined;
  items: ItemTracker | undefined;
  readonly log: LogBook;
  #outcome: HandlerOutcome = { result: 'succeeded' };
  readonly #leftovers: LeftoverProcess[] = [];

  constructor(
    private readonly identity: { sessionId: string; clsid: Guid; registeredName: string },
    log: { limits: LogBookLimits; sessionBudget: ByteBudget },
    private readonly emit: EmitEvent,
  ) {
    this.log = new LogBook(log.limits, log.sessionBudget);
  }

  get ref(): HandlerRef {
    const { sessionId, clsid } = this.identity;
    const ownName = this.ownName;
    return { sessionId, clsid, name: this.name, ...(ownName !== undefined ? { ownName } : {}) };
  }

  /** The registered name: two registrations of one program share their own name, never this. */
  get name(): string {
    return this.identity.registeredName;
  }

  /** The name the handler gave itself in GetHandlerInfo, once it answered. */
  get ownName(): string | undefined {
    return this.handlerInfo?.handlerName;
  }

  get outcome(): HandlerOutcome {
    return this.#outcome;
  }

  /** What explains the outcome, unless the handler succeeded. */
  get reason(): string | undefined {
    const outcome = this.#outcome;
    return 'fault' in outcome ? outcome.fault.reason : 'reason' in outcome ? outcome.reason : undefined;
  }

  get failed(): boolean {
    return this.#outcome.result === 'failed';
  }

  /** Records how the handler ended; a fault is final, and the first one counts. */
  settle(outcome: HandlerOutcome): void {
    if (this.#outcome.result !== 'failed') this.#outcome = outcome;
  }

  setHandlerInfo(info: SyncMgrHandlerInfo): void {
    this.handlerInfo = info;
    this.emit('handlerInfo', this.ref, info);
  }

  itemChanged(state: ItemState): void {
    this.emit('itemProgress', this.ref, { ...state });
  }

  /** Gives every item without a final status this one, saying why, and tells the clients. */
  settleItems(why: string, status: 'failed' | 'skipped' | 'stopped' = 'failed'): void {
    for (const state of this.items?.failUnfinished(why, status) ?? []) this.itemChanged(state);
  }

  logged(entry: LogEntry): void {
    this.emit('log', this.ref, entry);
  }

  logDeleted(errorId: Guid): void {
    this.emit('logDeleted', this.ref, errorId);
  }

  /** Something the host noticed about the handler, in its results. */
  note(level: LogLevel, text: string): void {
    this.logged(this.log.addFromHost(level, text));
  }

  /** Processes the handler left running after it ended, which the host ended: in the report and its log. */
  leftoversEnded(leftovers: readonly LeftoverProcess[]): void {
    this.#leftovers.push(...leftovers);
    const named = leftovers.map((p) => `${p.command} (pid ${p.pid})`).join(', ');
    this.note('warning', `the handler left ${leftovers.length} process(es) running after it ended; the host ended them: ${named}`);
  }

  report(): HandlerReport {
    const outcome = this.#outcome;
    const result: HandlerResult = outcome.result;
    const reason = this.reason;
    const overflow = this.log.overflow();
    const ownName = this.ownName;
    return {
      clsid: this.identity.clsid,
      name: this.name,
      ...(ownName !== undefined ? { ownName } : {}),
      result,
      ...(reason !== undefined ? { reason } : {}),
      ...('fault' in outcome ? { fault: outcome.fault } : {}),
      items: this.items?.report() ?? [],
      log: this.log.list(),
      ...(overflow ? { logOverflow: overflow } : {}),
      ...(this.#leftovers.length > 0 ? { leftovers: this.#leftovers.map((p) => ({ ...p })) } : {}),
    };
  }
}
