import type { Guid } from '@syncmgr/protocol';
import { createHostContext, createItemContext, createPhaseContext } from './contexts.js';
import { EnumeratorRegistry } from './enumerators.js';
import type { HostContext, ItemContext, PhaseContext, SessionInfo, SyncHandler } from './handler.js';
import type { HostCallbacks } from './host-callbacks.js';
import { ItemCatalog } from './item-catalog.js';
import type { ServeHandlerOptions } from './serve-handler.js';
import type { ItemControl, SyncRun } from './sync-run.js';

/**
 * Where the handler is in mobsync's sequence. The SDK answers a call that does not fit the
 * phase with E_UNEXPECTED, and sends a completion only after a call it answered with S_OK.
 * 'results' follows a completed Synchronize: the user may open log entries (ShowError), and a
 * retry it asked for starts a new prepare/synchronize cycle from there.
 */
export type HandlerPhase =
  | 'awaitingHandshake'
  | 'awaitingInitialize'
  | 'declined'
  | 'ready'
  | 'preparing'
  | 'prepared'
  | 'synchronizing'
  | 'results'
  | 'shutDown';

/** What the session needs of serveHandler's options: everything but the streams. */
export type SessionOptions = Omit<ServeHandlerOptions, 'input' | 'output'>;

/** The state of one handler instance: its phase, items, enumerators and current run. */
export class HandlerSession {
  phase: HandlerPhase = 'awaitingHandshake';
  clsid: string | undefined;
  progressCallbackEnabled = false;
  run: SyncRun | undefined;
  /** The items a ShowError asked the host to retry; only they may be prepared again. */
  readonly retryItemIds = new Set<Guid>();
  readonly catalog = new ItemCatalog();
  readonly enumerators = new EnumeratorRegistry();
  #info: SessionInfo | undefined;
  #context: HostContext | undefined;

  constructor(
    readonly handler: SyncHandler,
    readonly host: HostCallbacks,
    readonly options: SessionOptions,
  ) {}

  /** True when the phase is one of these. */
  is(...phases: HandlerPhase[]): boolean {
    return phases.includes(this.phase);
  }

  /** True between a successful Initialize and shutdown. */
  get initialized(): boolean {
    return this.is('ready', 'preparing', 'prepared', 'synchronizing', 'results');
  }

  /** Records what Initialize said; from now on handler code gets contexts. */
  begin(info: SessionInfo): void {
    this.#info = info;
    this.#context = createHostContext(info, this.host);
  }

  /** The session as Initialize described it. */
  get info(): SessionInfo {
    if (!this.#info) throw new Error('the session has not been initialized');
    return this.#info;
  }

  /** The context for handler calls outside a run. */
  get context(): HostContext {
    if (!this.#context) throw new Error('the session has not been initialized');
    return this.#context;
  }

  /** The context for prepareForSync and a handler's own synchronize. */
  phaseContext(run: SyncRun): PhaseContext {
    return createPhaseContext(this.context, run, this.host);
  }

  /** The context for one synchronizeItem call. */
  itemContext(run: SyncRun, control: ItemControl): ItemContext {
    return createItemContext(this.context, run, this.host, control);
  }
}
