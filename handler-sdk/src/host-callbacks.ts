import {
  DeleteLogError,
  EnableModeless,
  EstablishConnection,
  HandlerPhases,
  HResult,
  LogError,
  Progress,
  ProgressBatch,
  Prompt,
  ShowError,
  SyncMgrErrorFlags,
  SyncMgrLogErrorMask,
  SyncMgrLogLevel,
  type CompletedParams,
  type Guid,
  type HResultResult,
  type HResultValue,
  type LogErrorParams,
  type MethodDescriptor,
  type ProgressParams,
  type PromptParams,
  type PromptResult,
  type ShowErrorCompletedParams,
  type SyncMgrProgressItem,
} from '@syncmgr/protocol';
import type { MessageConnection, RequestType } from 'vscode-jsonrpc/node';
import { describeError, logToStderr } from './diagnostics.js';
import { HandlerSdkError } from './errors.js';
import type { HandlerLifeCycle, PhasedMethod } from './handler-life-cycle.js';
import type { LogErrorOptions, LogLevel, ProgressVerdict } from './handler.js';
import { ProgressBatcher } from './progress-batcher.js';
import { verdictOf } from './progress-item.js';

// Small enough that a handler reporting in a tight loop keeps several batches in flight within its
// window of unanswered reports (sync-requests.ts); large enough that the host answers a 10,000-item
// run in some 80 messages, with half the CPU that batches of 64 cost it.
const REPORTS_PER_BATCH = 256;

const LOG_LEVELS: Record<LogLevel, number> = {
  information: SyncMgrLogLevel.SYNCMGRLOGLEVEL_INFORMATION,
  warning: SyncMgrLogLevel.SYNCMGRLOGLEVEL_WARNING,
  error: SyncMgrLogLevel.SYNCMGRLOGLEVEL_ERROR,
};

/**
 * ISyncMgrSynchronizeCallback, typed. Never rejects: a refused callback is logged to stderr. A
 * callback the host does not take in the current phase is refused here, unsent: after
 * setProgressCallback {enabled:false} the handler must not call the host at all (§4.4 Teardown).
 */
export class HostCallbacks {
  #batcher: ProgressBatcher | undefined;

  constructor(
    private readonly connection: MessageConnection,
    private readonly lifeCycle: HandlerLifeCycle,
  ) {}

  /** From the handshake: the host takes up to maxReports reports in one callback/progressBatch. */
  acceptsProgressBatches(maxReports: number): void {
    this.#batcher = new ProgressBatcher((reports) => this.sendBatch(reports), Math.min(maxReports, REPORTS_PER_BATCH));
  }

  /**
   * Sends one progress report, batched where the host takes batches; `answered` gets the verdict. A
   * refused report counts as "cancel all", since the host is not listening.
   */
  progress(itemId: Guid, progressItem: SyncMgrProgressItem, answered: (verdict: ProgressVerdict) => void): void {
    const report = { itemId, progressItem };
    const onAnswer = (hr: HResultValue | undefined): void => {
      if (hr === HResult.S_SYNCMGR_CANCELALL) this.lifeCycle.cancelledAll();
      answered(hr === undefined ? 'cancelAll' : verdictOf(hr));
    };
    if (this.#batcher && this.lifeCycle.allows(Progress)) this.#batcher.add(report, onAnswer);
    else void this.call(Progress, report).then(onAnswer);
  }

  /** Adds an entry to the results tab. */
  async logError(level: LogLevel, text: string, options: LogErrorOptions = {}): Promise<void> {
    await this.call(LogError, toLogErrorParams(level, text, options));
  }

  /** Sends the completion of PrepareForSync, Synchronize or ShowProperties, which carries only an HRESULT. */
  async complete(call: PhasedMethod, hr: HResultValue): Promise<void> {
    await this.completeCall(call, completionOf<CompletedParams>(call), { hr: hr >>> 0 });
  }

  /** Closes a ShowError; itemIds matter only with S_SYNCMGR_RETRYSYNC. */
  async showErrorCompleted(hr: HResultValue, itemIds: Guid[]): Promise<void> {
    await this.completeCall(ShowError, completionOf<ShowErrorCompletedParams>(ShowError), { hr: hr >>> 0, itemIds });
  }

  /** Asks for (or returns) the UI token; true when the host said S_OK. */
  async enableModeless(enable: boolean): Promise<boolean> {
    return (await this.call(EnableModeless, { enable })) === HResult.S_OK;
  }

  /** Shows a prompt (the caller holds the UI token); undefined when the host refused the call. */
  async prompt(params: PromptParams): Promise<PromptResult | undefined> {
    if (!this.mayCall(Prompt)) return undefined;
    this.#batcher?.flush();
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

  /** Sends a completion, and moves the life cycle on before the host can answer with its next call. */
  private async completeCall<P extends { hr: HResultValue }>(call: PhasedMethod, completion: MethodDescriptor<P, HResultResult>, params: P): Promise<void> {
    const sending = this.lifeCycle.allows(completion);
    const answer = this.call(completion, params);
    if (sending) this.lifeCycle.ended(call, params.hr);
    await answer;
  }

  private async call<P>(descriptor: MethodDescriptor<P, HResultResult>, params: P): Promise<HResultValue | undefined> {
    if (!this.mayCall(descriptor)) return undefined;
    this.#batcher?.flush(); // reports made before this call go before it
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

  private async sendBatch(reports: ProgressParams[]): Promise<(HResultValue | undefined)[] | undefined> {
    if (!this.mayCall(ProgressBatch)) return undefined;
    try {
      const { hrs } = await this.connection.sendRequest(ProgressBatch.type, { reports });
      if (hrs.length !== reports.length) logToStderr(`${ProgressBatch.method}: the host gave ${hrs.length} verdicts for ${reports.length} reports`);
      return hrs;
    } catch (error) {
      logToStderr(`${ProgressBatch.method} was refused: ${describeError(error)}`);
      return undefined;
    }
  }

  /** False, with a line on stderr, for a callback the host does not take in the current phase. */
  private mayCall(descriptor: Pick<MethodDescriptor<unknown, unknown>, 'method' | 'phases'>): boolean {
    if (this.lifeCycle.allows(descriptor)) return true;
    logToStderr(`${descriptor.method} not sent: the host does not take it ${HandlerPhases[this.lifeCycle.phase].during}`);
    return false;
  }
}

/** The completion an asynchronous call declares, typed as the callback it is. */
function completionOf<P>(call: PhasedMethod): MethodDescriptor<P, HResultResult> {
  if (!call.completion) throw new HandlerSdkError('NOT_ASYNCHRONOUS', `${call.method} has no completion`);
  return call.completion as MethodDescriptor<P, HResultResult>;
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
