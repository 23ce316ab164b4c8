import { SyncMgrItemState, type Guid, type SyncMgrItem } from '@syncmgr/protocol';
import { v4 as uuidv4 } from 'uuid';
import type { RegistryEntry } from '../registry/registry-entry.js';
import type { MessageValidator } from '../transport/message-validator.js';
import { typedEmitterClass } from '../util/typed-emitter.js';
import { HandlerRun } from './handler-run.js';
import type { HandlerReport, SessionReport } from './report.js';
import type { SessionEvents } from './session-events.js';
import { syncMgrFlagsFor, type SyncEvent } from './sync-event.js';

/** What a caller may choose about a session. */
export interface SessionOptions {
  event?: SyncEvent;
  /** Only these item IDs; otherwise the items checked by default. */
  items?: readonly Guid[];
  /** The invoker's cookie (base64), passed to Initialize with SYNCMGRFLAG_INVOKE. */
  cookie?: string;
  /** Overrides of the registry entries' timeouts, in seconds. */
  startTimeoutSeconds?: number;
  hangTimeoutSeconds?: number;
  /** SYNCMGRFLAG_MAYBOTHERUSER: a user is there to be asked. */
  mayBotherUser?: boolean;
}

/** What the session needs from the manager that creates it. */
export interface SessionDependencies {
  validator: MessageValidator;
  logsDir: string;
  maxMessageBytes: number;
}

export const DEFAULT_START_TIMEOUT_SECONDS = 30;
export const DEFAULT_HANG_TIMEOUT_SECONDS = 60;

/** One sync session over several handlers, each in its own process, all at once. */
export class Session extends typedEmitterClass<SessionEvents>() {
  readonly id: string = uuidv4();
  readonly event: SyncEvent;
  private readonly runs: HandlerRun[];
  private readonly listedItems = new Set<Guid>();

  constructor(
    entries: readonly RegistryEntry[],
    private readonly options: SessionOptions,
    dependencies: SessionDependencies,
  ) {
    super();
    this.event = options.event ?? 'manual';
    this.runs = entries.map((entry) => this.createRun(entry, dependencies));
    this.on('itemsEnumerated', (_handler, items) => items.forEach((item) => this.listedItems.add(item.itemId)));
  }

  /** Runs every handler to its end; one handler's failure never stops the others. */
  async run(): Promise<SessionReport> {
    const startedAt = new Date().toISOString();
    const handlers: HandlerReport[] = await Promise.all(
      this.runs.map(async (run) => {
        const report = await run.sync();
        this.emit('handlerFinished', run.ref, report);
        return report;
      }),
    );
    const notFound = (this.options.items ?? []).filter((id) => !this.listedItems.has(id));
    const report: SessionReport = {
      sessionId: this.id,
      event: this.event,
      startedAt,
      finishedAt: new Date().toISOString(),
      handlers,
      ...(notFound.length > 0 ? { itemsNotFound: notFound } : {}),
    };
    this.emit('finished', report);
    return report;
  }

  /** Stops every item of every handler: S_SYNCMGR_CANCELALL on their next Progress. */
  cancel(): void {
    for (const run of this.runs) run.cancellation.cancelAll();
  }

  /** Ends every handler process now (SIGKILL to each process group); their unfinished items fail. */
  abort(): void {
    for (const run of this.runs) run.kill();
  }

  /** Stops one item: S_SYNCMGR_CANCELITEM on its handler's next Progress for it. */
  cancelItem(clsid: Guid, itemId: Guid): void {
    this.runs.find((run) => run.ref.clsid === clsid)?.cancellation.cancelItem(itemId);
  }

  private createRun(entry: RegistryEntry, dependencies: SessionDependencies): HandlerRun {
    const { options } = this;
    return new HandlerRun({
      sessionId: this.id,
      entry,
      syncMgrFlags: syncMgrFlagsFor(this.event, options.mayBotherUser ?? false),
      ...(options.cookie !== undefined ? { cookie: options.cookie } : {}),
      startTimeoutMs: 1000 * (options.startTimeoutSeconds ?? entry.startTimeoutSeconds ?? DEFAULT_START_TIMEOUT_SECONDS),
      hangTimeoutMs: 1000 * (options.hangTimeoutSeconds ?? entry.hangTimeoutSeconds ?? DEFAULT_HANG_TIMEOUT_SECONDS),
      maxMessageBytes: dependencies.maxMessageBytes,
      validator: dependencies.validator,
      logsDir: dependencies.logsDir,
      selectItems: (items) => this.selectItems(items),
      emit: (event, ...args) => this.emit(event, ...args),
    });
  }

  private selectItems(items: readonly SyncMgrItem[]): ReadonlySet<Guid> {
    const explicit = this.options.items;
    if (explicit) return new Set(items.map((i) => i.itemId).filter((id) => explicit.includes(id)));
    return new Set(items.filter((i) => i.itemState === SyncMgrItemState.SYNCMGRITEMSTATE_CHECKED).map((i) => i.itemId));
  }
}
