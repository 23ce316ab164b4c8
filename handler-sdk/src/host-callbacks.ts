import {
  DeleteLogError,
  EnableModeless,
  EstablishConnection,
  HResult,
  LogError,
  Progress,
  Prompt,
  ShowErrorCompleted,
  SyncMgrErrorFlags,
  SyncMgrLogErrorMask,
  SyncMgrLogLevel,
  type CompletedParams,
  type Guid,
  type HResultResult,
  type HResultValue,
  type LogErrorParams,
  type MethodDescriptor,
  type PromptParams,
  type PromptResult,
  type SyncMgrProgressItem,
} from '@syncmgr/protocol';
import type { MessageConnection, RequestType } from 'vscode-jsonrpc/node';
import { describeError, logToStderr } from './diagnostics.js';
import type { LogErrorOptions, LogLevel, ProgressVerdict } from './handler.js';
import { verdictOf } from './progress-item.js';

const LOG_LEVELS: Record<LogLevel, number> = {
  information: SyncMgrLogLevel.SYNCMGRLOGLEVEL_INFORMATION,
  warning: SyncMgrLogLevel.SYNCMGRLOGLEVEL_WARNING,
  error: SyncMgrLogLevel.SYNCMGRLOGLEVEL_ERROR,
};

/** ISyncMgrSynchronizeCallback, typed. Never rejects: a refused callback is logged to stderr. */
export class HostCallbacks {
  constructor(private readonly connection: MessageConnection) {}

  /** Sends one progress report; a refused report counts as "cancel all", since the host is not listening. */
  async progress(itemId: Guid, progressItem: SyncMgrProgressItem): Promise<ProgressVerdict> {
    const hr = await this.call(Progress, { itemId, progressItem });
    return hr === undefined ? 'cancelAll' : verdictOf(hr);
  }

  /** Adds an entry to the results tab. */
  async logError(level: LogLevel, text: string, options: LogErrorOptions = {}): Promise<void> {
    await this.call(LogError, toLogErrorParams(level, text, options));
  }

  /** Sends one of the asynchronous completions that carry only an HRESULT. */
  async complete(completion: MethodDescriptor<CompletedParams, HResultResult>, hr: HResultValue): Promise<void> {
    await this.call(completion, { hr: hr >>> 0 });
  }

  /** Closes a ShowError; itemIds matter only with S_SYNCMGR_RETRYSYNC. */
  async showErrorCompleted(hr: HResultValue, itemIds: Guid[]): Promise<void> {
    await this.call(ShowErrorCompleted, { hr: hr >>> 0, itemIds });
  }

  /** Asks for (or returns) the UI token; true when the host said S_OK. */
  async enableModeless(enable: boolean): Promise<boolean> {
    return (await this.call(EnableModeless, { enable })) === HResult.S_OK;
  }

  /** Shows a prompt (the caller holds the UI token); undefined when the host refused the call. */
  async prompt(params: PromptParams): Promise<PromptResult | undefined> {
    try {
      return await this.connection.sendRequest(Prompt.type, params);
    } catch (error) {
      logToStderr(`${Prompt.method} was refused: ${describeError(error)}`);
      return undefined;
    }
  }

  /** Withdraws a log entry. */
  async deleteLogError(errorId: Guid): Promise<void> {
    await this.call(DeleteLogError, { errorId });
  }

  /** Asks the host for a network connection; true once it is up. */
  async establishConnection(connection: string | null): Promise<boolean> {
    return (await this.call(EstablishConnection, { connection })) === HResult.S_OK;
  }

  private async call<P>(descriptor: MethodDescriptor<P, HResultResult>, params: P): Promise<HResultValue | undefined> {
    try {
      // RequestParam<P> is a conditional type that stays unresolved for a generic P.
      const type = descriptor.type as RequestType<unknown, HResultResult, void>;
      const { hr } = await this.connection.sendRequest(type, params);
      return hr;
    } catch (error) {
      logToStderr(`${descriptor.method} was refused: ${describeError(error)}`);
      return undefined;
    }
  }
}

function toLogErrorParams(level: LogLevel, errorText: string, options: LogErrorOptions): LogErrorParams {
  const params: LogErrorParams = { errorLevel: LOG_LEVELS[level], errorText };
  if (options.itemId === undefined && options.errorId === undefined) return params;
  params.logErrorInfo = { mask: 0 };
  if (options.itemId !== undefined) {
    params.logErrorInfo.itemId = options.itemId;
    params.logErrorInfo.mask |= SyncMgrLogErrorMask.SYNCMGRLOGERROR_ITEMID;
  }
  if (options.errorId !== undefined) {
    // An ErrorID only matters if the entry is actionable, so it always comes with ENABLEJUMPTEXT.
    params.logErrorInfo.errorId = options.errorId;
    params.logErrorInfo.syncMgrErrorFlags = SyncMgrErrorFlags.SYNCMGRERRORFLAG_ENABLEJUMPTEXT;
    params.logErrorInfo.mask |= SyncMgrLogErrorMask.SYNCMGRLOGERROR_ERRORID | SyncMgrLogErrorMask.SYNCMGRLOGERROR_ERRORFLAGS;
  }
  return params;
}
