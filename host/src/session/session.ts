import type { Guid } from '@syncmgr/protocol';
import { HostError } from '../errors.js';
import type { HostLimits } from '../limits.js';
import type { RegistryEntry } from '../registry/registry-entry.js';
import type { ChoiceStore } from '../store/choice-store.js';
import type { MessageValidator } from '../transport/message-validator.js';
import { typedEmitterClass } from '../util/typed-emitter.js';
import type { ConnectionLeases } from './connection-leases.js';
import { ByteBudget } from './byte-budget.js';
import { HandlerSync, type ItemPicker } from './handler-sync.js';
import { ModelessToken } from './modeless-token.js';
import { timeoutMs } from '../timeouts.js';
import type { HandlerReport, LogEntry, SessionReport } from '../report.js';
import type { HandlerRef, SessionEvents } from './session-events.js';
import { syncMgrFlagsFor, userMayBeAsked, type SyncEvent } from '../sync-event.js';
import type { UserInterface } from './user-interface.js';

/** What a caller may choose about a session. */
export interface SessionOptions {
  /** What started the session; default 'manual'. It sets Initialize's SYNCMGRFLAG and, without `handlers`, which handlers run. */
  event?: SyncEvent;
  /** Only these item IDs; otherwise the items checked for the event (stored choices, else each item's dwItemState). */
  items?: readonly Guid[];
  /** The invoker's cookie (base64), passed to Initialize with SYNCMGRFLAG_INVOKE. */
  cookie?: string;
  /**
   * How long each handler may take to answer the handshake, in seconds; default the entry's, else
   * DEFAULT_START_TIMEOUT_SECONDS (30). 0 means no timeout; above 2147483.647 (2³¹−1 ms) is HostError USAGE.
   */
  startTimeoutSeconds?: number;
  /**
   * How long a call may go unanswered before its handler fails as hung, in seconds; default the
   * entry's, else DEFAULT_HANG_TIMEOUT_SECONDS (60). 0 means no timeout; above 2³¹−1 ms is HostError USAGE.
   */
  hangTimeoutSeconds?: number;
  /** How long a handler may ignore a cancel before it is ended, in seconds; default DEFAULT_CANCEL_GRACE_SECONDS (10). */
  cancelGraceSeconds?: number;
  /**
   * How long a handler may hold the EnableModeless token, in seconds, before the host takes it
   * back (closing its open prompt) and grants the next; default the manager's, else
   * DEFAULT_MODELESS_DEADLINE_SECONDS (120). 0 means no deadline.
   */
  modelessDeadlineSeconds?: number;
  /** The user to ask (prompts); without one no handler may show UI. Only 'manual' and 'invoke' sessions may ask. */
  userInterface?: UserInterface;
  /** Keep handlers with actionable log entries alive after the sync, for showError; close() ends them. Default false. */
  holdForErrors?: boolean;
}

/** What the session needs from the manager that creates it. */
export interface SessionDependencies {
  validator: MessageValidator;
  logsDir: string;
  limits: HostLimits;
  choices: ChoiceStore;
  connections: ConnectionLeases;
  persist: (report: SessionReport) => Promise<void>;
  /** The manager's EnableModeless deadline, in seconds, for sessions that do not set one. */
  modelessDeadlineSeconds: number;
}

/** An entry a user can open with showError. */
export interface ActionableEntry {
  /** The handler that logged it. */
  clsid: Guid;
  /** That handler's registered name. */
  handlerName: string;
  /** The entry; pass its errorId to showError. */
  entry: LogEntry & {
    /** The entry's ID. */
    errorId: Guid;
  };
}

/** Seconds a handler may take to answer the handshake, unless its entry or the options say otherwise. */
export const DEFAULT_START_TIMEOUT_SECONDS = 30;
/** Seconds a call may go unanswered before the handler fails as hung, unless its entry or the options say otherwise. */
export const DEFAULT_HANG_TIMEOUT_SECONDS = 60;
/** Seconds a handler may ignore a cancel before it is ended. */
export const DEFAULT_CANCEL_GRACE_SECONDS = 10;

/**
 * One sync session over several handlers, each in its own process, all at once. Made by
 * SyncManager.createSession; it emits SessionEvents.
 */
export class Session extends typedEmitterClass<SessionEvents>() {
  /** A random UUID; the report's sessionId. */
  readonly id: string = crypto.randomUUID();
  /** What started it. */
  readonly event: SyncEvent;
  private readonly runs: HandlerSync[];
  private readonly reports = new Map<Guid, HandlerReport>();
  private readonly listedItems = new Set<Guid>();
  /** The explicit item list, if the caller gave one. */
  private readonly wanted: ReadonlySet<Guid> | undefined;
  private readonly startedAt = new Date().toISOString();

  constructor(
    entries: readonly RegistryEntry[],
    private readonly options: SessionOptions,
    private readonly dependencies: SessionDependencies,
  ) {
    super();
    this.event = options.event ?? 'manual';
    this.wanted = options.items ? new Set(options.items) : undefined;
    const deadlineSeconds = options.modelessDeadlineSeconds ?? dependencies.modelessDeadlineSeconds;
    const token = new ModelessToken(timeoutMs(deadlineSeconds, 'the EnableModeless deadline'));
    const logBudget = new ByteBudget(dependencies.limits.maxSessionLogBytes);
    this.runs = entries.map((entry) => this.createHandler(entry, token, logBudget));
    // Only an explicit item list needs to know what was listed (to report the IDs no handler had).
    const wanted = this.wanted;
    if (wanted) this.on('itemsListed', (_handler, items) => items.forEach((item) => wanted.has(item.itemId) && this.listedItems.add(item.itemId)));
  }

  /** The session's handlers in the order they run, each as its events name it (ownName once it answered GetHandlerInfo). */
  get handlers(): HandlerRef[] {
    return this.runs.map((run) => run.ref);
  }

  /**
   * Runs every handler through its sync; one handler's failure never stops the others. Resolves to
   * the report (also saved under <home>/results) once every handler finished or is held for
   * showError; it does not reject for a handler's failure, which is in that handler's report.
   */
  async run(): Promise<SessionReport> {
    await Promise.all(
      this.runs.map(async (run) => {
        const report = await run.sync();
        this.reports.set(run.ref.clsid, report);
        this.emit('handlerFinished', run.ref, report);
      }),
    );
    for (const failure of await this.dependencies.connections.releaseAll()) this.emit('warning', failure);
    const report = await this.publish();
    if (!this.runs.some((run) => run.holdsForErrors())) this.emit('finished', report);
    return report;
  }

  /**
   * SetItemStatus(SKIPPED) for an item that is preparing or synchronizing; resolves once the
   * handler answered. HostError USAGE when the handler is not in this session, not preparing or
   * synchronizing, or the item is unknown or finished.
   */
  async skip(clsid: Guid, itemId: Guid): Promise<void> {
    await this.handlerOf(clsid).skip(itemId);
  }

  /** Stops every item of every handler: S_SYNCMGR_CANCELALL on their next Progress. */
  cancel(): void {
    for (const run of this.runs) run.cancelAll();
  }

  /** Stops every item of one handler: S_SYNCMGR_CANCELALL on its next Progress. HostError USAGE for a handler not in this session. */
  cancelHandler(clsid: Guid): void {
    this.handlerOf(clsid).cancelAll();
  }

  /** Stops one item: S_SYNCMGR_CANCELITEM on its handler's next Progress for it. HostError USAGE for a handler not in this session. */
  cancelItem(clsid: Guid, itemId: Guid): void {
    this.handlerOf(clsid).cancelItem(itemId);
  }

  /** Ends every handler process now (SIGKILL to each process group); their unfinished items fail. */
  abort(): void {
    for (const run of this.runs) run.kill();
  }

  /** The log entries that can be opened with showError (their handlers are kept alive for it). */
  actionableEntries(): ActionableEntry[] {
    return this.runs
      .filter((run) => run.holdsForErrors())
      .flatMap((run) =>
        (this.reports.get(run.ref.clsid)?.log ?? [])
          .filter((entry): entry is LogEntry & { errorId: Guid } => entry.actionable === true && entry.errorId !== undefined)
          .map((entry) => ({ clsid: run.ref.clsid, handlerName: run.name, entry })),
      );
  }

  /**
   * Opens an actionable entry (see actionableEntries; needs holdForErrors); a RETRYSYNC answer
   * re-runs the returned items. Resolves to the updated report. HostError USAGE when the handler is
   * not in this session, not held, or has no such actionable entry.
   */
  async showError(clsid: Guid, errorId: Guid): Promise<SessionReport> {
    this.reports.set(clsid, await this.handlerOf(clsid).showError(errorId));
    return this.publish();
  }

  /** Ends the handlers kept for showError, then emits 'finished'; resolves to the final report, saved again. */
  async close(): Promise<SessionReport> {
    await Promise.all(this.runs.map(async (run) => this.reports.set(run.ref.clsid, await run.close())));
    const report = await this.publish();
    this.emit('finished', report);
    return report;
  }

  private async publish(): Promise<SessionReport> {
    const notFound = (this.options.items ?? []).filter((id) => !this.listedItems.has(id));
    const report: SessionReport = {
      sessionId: this.id,
      event: this.event,
      startedAt: this.startedAt,
      finishedAt: new Date().toISOString(),
      handlers: this.runs.map((run) => this.reports.get(run.ref.clsid)).filter((r): r is HandlerReport => r !== undefined),
      ...(notFound.length > 0 ? { itemsNotFound: notFound } : {}),
    };
    await this.dependencies.persist(report).catch((error: Error) => this.emit('warning', `the results could not be saved: ${error.message}`));
    return report;
  }

  // A client's listener that throws must not break a handler's run: its error becomes a warning.
  private emitSafely<E extends keyof SessionEvents>(event: E, ...args: Parameters<SessionEvents[E]>): void {
    try {
      this.emit(event, ...args);
    } catch (error) {
      if (event !== 'warning') this.emitSafely('warning', `a listener of "${String(event)}" threw: ${(error as Error).message}`);
    }
  }

  private handlerOf(clsid: Guid): HandlerSync {
    const run = this.runs.find((r) => r.ref.clsid === clsid);
    if (!run) throw new HostError('USAGE', `handler {${clsid}} is not part of session ${this.id}`);
    return run;
  }

  private createHandler(entry: RegistryEntry, token: ModelessToken, sessionLogBudget: ByteBudget): HandlerSync {
    const { options, dependencies } = this;
    const mayBotherUser = options.userInterface !== undefined && userMayBeAsked(this.event);
    return new HandlerSync({
      sessionId: this.id,
      entry,
      syncMgrFlags: syncMgrFlagsFor(this.event, mayBotherUser),
      ...(options.cookie !== undefined ? { cookie: options.cookie } : {}),
      startTimeoutMs: timeoutMs(options.startTimeoutSeconds ?? entry.startTimeoutSeconds ?? DEFAULT_START_TIMEOUT_SECONDS, 'the start timeout'),
      hangTimeoutMs: timeoutMs(options.hangTimeoutSeconds ?? entry.hangTimeoutSeconds ?? DEFAULT_HANG_TIMEOUT_SECONDS, 'the hang timeout'),
      cancelGraceMs: 1000 * (options.cancelGraceSeconds ?? DEFAULT_CANCEL_GRACE_SECONDS),
      limits: dependencies.limits,
      sessionLogBudget,
      validator: dependencies.validator,
      logsDir: dependencies.logsDir,
      token,
      ...(options.userInterface ? { ui: options.userInterface } : {}),
      mayBotherUser,
      connections: dependencies.connections,
      holdForErrors: options.holdForErrors ?? false,
      openPicker: () => this.openPicker(entry.clsid),
      emit: (event, ...args) => this.emitSafely(event, ...args),
    });
  }

  // The user's stored choices for the event (dwItemState for the rest); an explicit item list overrides
  // them, though the choices are still settled against what was listed.
  private async openPicker(clsid: Guid): Promise<ItemPicker> {
    const { choices } = this.dependencies;
    const stored = await choices.load(this.event, clsid);
    const wanted = this.wanted;
    return {
      pick: (item) => {
        const checked = stored.isChecked(item); // asked even when overridden: it notes which choices were listed
        return wanted ? wanted.has(item.itemId) : checked;
      },
      listingComplete: (missingItems) => choices.settle(this.event, clsid, stored, missingItems),
    };
  }
}
