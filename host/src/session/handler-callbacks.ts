import type { HandlerPhase } from '@syncmgr/protocol';
import { ResponseError } from 'vscode-jsonrpc/node';
import {
  DeleteLogError,
  EnableModeless,
  EstablishConnection,
  HResult,
  LogError,
  PrepareForSyncCompleted,
  Progress,
  Prompt,
  ShowErrorCompleted,
  ShowPropertiesCompleted,
  SyncMgrErrorCodes,
  SynchronizeCompleted,
  type Guid,
  type HResultResult,
  type PromptParams,
  type PromptResult,
  type ShowErrorCompletedParams,
} from '@syncmgr/protocol';
import type { HandlerConnection } from '../transport/handler-connection.js';
import type { Deferred } from '../util/deferred.js';
import type { ItemTracker } from './item-tracker.js';
import type { LogBook } from './log-book.js';
import type { LogEntry } from '../report.js';
import type { ItemState } from './session-events.js';

/** The asynchronous calls whose completions the host may be awaiting. */
export interface PendingCompletions {
  prepareForSync?: Deferred<number>;
  synchronize?: Deferred<number>;
  showError?: Deferred<ShowErrorCompletedParams>;
  showProperties?: Deferred<number>;
}

/** What the callbacks need from the handler's run. */
export interface CallbackHost {
  /** SetProgressCallback(true) was sent and (false) not yet: the handler holds the callback. */
  readonly callbackAttached: boolean;
  readonly phase: HandlerPhase;
  readonly items: ItemTracker | undefined;
  readonly log: LogBook;
  readonly completions: PendingCompletions;
  /** The cancel verdict for an item's next Progress: S_OK, S_SYNCMGR_CANCELITEM or S_SYNCMGR_CANCELALL. */
  verdictFor(itemId: Guid): number;
  onItemProgress(state: ItemState): void;
  onLog(entry: LogEntry): void;
  onLogDeleted(errorId: Guid): void;
  /** A refused callback, logged in the handler's results. */
  violation(text: string): void;
  /** EnableModeless: S_OK when the token is granted (waiting for it if another handler holds it), else S_FALSE. */
  enableModeless(enable: boolean): Promise<HResultResult>;
  /** The prompt extension, for the handler holding the token. */
  prompt(params: PromptParams): Promise<PromptResult | ResponseError<void>>;
  establishConnection(name: string | null): Promise<HResultResult>;
}

const OK: HResultResult = { hr: HResult.S_OK };

/** Registers the host's answer to every ISyncMgrSynchronizeCallback method. */
export function answerCallbacks(connection: HandlerConnection, host: CallbackHost): void {
  const refuse = (code: number, text: string): ResponseError<void> => {
    host.violation(text);
    return new ResponseError(code, text);
  };
  const requireCallback = (method: string): ResponseError<void> | undefined =>
    host.callbackAttached ? undefined : refuse(SyncMgrErrorCodes.OutOfPhase, `${method} arrived while the handler holds no callback (before SetProgressCallback or after it was released)`);

  connection.onCallback(Progress, ({ itemId, progressItem }) => {
    const refused = requireCallback(Progress.method);
    if (refused) return refused;
    if (!host.items?.has(itemId)) return refuse(SyncMgrErrorCodes.UnknownItem, `${Progress.method} named item ${itemId}, which is not part of this handler's session`);
    host.onItemProgress(host.items.applyProgress(itemId, progressItem));
    return { hr: host.verdictFor(itemId) };
  });

  connection.onCallback(LogError, (params) => {
    const refused = requireCallback(LogError.method);
    if (refused) return refused;
    host.onLog(host.log.addFromHandler(params));
    return OK;
  });

  connection.onCallback(DeleteLogError, ({ errorId }) => {
    const refused = requireCallback(DeleteLogError.method);
    if (refused) return refused;
    host.log.delete(errorId);
    host.onLogDeleted(errorId);
    return OK;
  });

  // A settings instance never holds the callback, but may ask for the token while its properties are open.
  connection.onCallback(EnableModeless, ({ enable }) =>
    host.phase === 'properties' ? host.enableModeless(enable) : (requireCallback(EnableModeless.method) ?? host.enableModeless(enable)),
  );
  connection.onCallback(Prompt, (params) => host.prompt(params));
  connection.onCallback(EstablishConnection, ({ connection: name }) => requireCallback(EstablishConnection.method) ?? host.establishConnection(name));

  const complete = <T>(method: string, pending: () => Deferred<T> | undefined, value: T) => {
    const deferred = pending();
    if (!deferred || deferred.isSettled) {
      return refuse(SyncMgrErrorCodes.OutOfPhase, `${method} arrived, but the host is not awaiting that completion (sent twice, or without the call it completes)`);
    }
    deferred.resolve(value);
    return OK;
  };
  connection.onCallback(PrepareForSyncCompleted, ({ hr }) => complete(PrepareForSyncCompleted.method, () => host.completions.prepareForSync, hr));
  connection.onCallback(SynchronizeCompleted, ({ hr }) => complete(SynchronizeCompleted.method, () => host.completions.synchronize, hr));
  connection.onCallback(ShowErrorCompleted, (params) => complete(ShowErrorCompleted.method, () => host.completions.showError, params));
  connection.onCallback(ShowPropertiesCompleted, ({ hr }) => complete(ShowPropertiesCompleted.method, () => host.completions.showProperties, hr));
}
