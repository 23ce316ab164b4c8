import type { Guid } from '@syncmgr/protocol';
import type { MessageConnection } from 'vscode-jsonrpc/node';
import { createHostContext, createItemContext, createPhaseContext } from './contexts.js';
import { EnumeratorRegistry } from './enumerators.js';
import type { HostContext, ItemContext, PhaseContext, SessionInfo, SyncHandler } from './handler.js';
import { HandlerLifeCycle } from './handler-life-cycle.js';
import { HostCallbacks } from './host-callbacks.js';
import { ItemCatalog } from './item-catalog.js';
import type { SessionOptions } from './serve-options.js';
import type { ItemControl, SyncRun } from './sync-run.js';

/** The state of one handler instance: its life cycle, items, enumerators and current run. */
export class HandlerSession {
  readonly lifeCycle = new HandlerLifeCycle();
  readonly host: HostCallbacks;
  /** True once the handshake was answered: it takes place once. */
  handshaken = false;
  clsid: string | undefined;
  run: SyncRun | undefined;
  /** The items a ShowError asked the host to retry; only they may be prepared again. */
  readonly retryItemIds = new Set<Guid>();
  readonly catalog = new ItemCatalog();
  readonly enumerators = new EnumeratorRegistry();
  #info: SessionInfo | undefined;
  #context: HostContext | undefined;

  constructor(
    readonly handler: SyncHandler,
    connection: MessageConnection,
    readonly options: SessionOptions,
  ) {
    this.host = new HostCallbacks(connection, this.lifeCycle);
  }

  /** True once Initialize was answered S_OK: handler code then gets contexts. */
  get initialized(): boolean {
    return this.#info !== undefined;
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
