import type { HandlerPhase } from '@syncmgr/protocol';
import { ResponseError } from 'vscode-jsonrpc/node';
import {
  GetHandlerInfo,
  HResult,
  hresultName,
  Initialize,
  SyncMgrErrorCodes,
  SyncMgrHandlerFlags,
  type Guid,
  type HResultResult,
  type MethodDescriptor,
  type PromptParams,
  type PromptResult,
  type SyncMgrHandlerInfo,
  type SyncMgrItem,
} from '@syncmgr/protocol';
import { HostError } from '../errors.js';
import type { Deferred } from '../util/deferred.js';
import type { ConnectionLeases } from './connection-leases.js';
import { enumerateItems, type Enumeration, type EnumerationSummary } from './enumeration.js';
import { hresultFault } from '../faults/fault-reasons.js';
import { answerCallbacks, type CallbackHost, type PendingCompletions } from './handler-callbacks.js';
import { HandlerFaultError, type HandlerFault } from '../faults/handler-fault.js';
import { HandlerInstance, type InstanceOptions } from './handler-instance.js';
import type { ItemTracker } from './item-tracker.js';
import { LogBook } from './log-book.js';
import type { ModelessToken } from './modeless-token.js';
import type { HandlerReport, LogEntry } from '../report.js';
import type { HandlerRef, ItemState, SessionEvents } from './session-events.js';
import type { UserInterface } from './user-interface.js';

/** What a handler's driver gets from the session (or the manager) that created it. */
export interface DriverServices extends Omit<InstanceOptions, 'onPhase' | 'onViolation'> {
  emit: <E extends keyof SessionEvents>(event: E, ...args: Parameters<SessionEvents[E]>) => void;
  token: ModelessToken;
  /** The user to ask; absent when nobody can be asked. */
  ui?: UserInterface;
  /** SYNCMGRFLAG_MAYBOTHERUSER was given to this instance. */
  mayBotherUser: boolean;
  connections?: ConnectionLeases;
}

// Phases the user started (mobsync lets ShowError and ShowProperties show UI without MAYBOTHERUSER).
const USER_INITIATED: ReadonlySet<HandlerPhase> = new Set(['showError', 'properties']);

/** What every way of driving a handler shares: its instance, its log, and the answers to its callbacks. */
export abstract class HandlerDriver implements CallbackHost {
  items: ItemTracker | undefined;
  readonly log: LogBook;
  readonly completions: PendingCompletions = {};
  protected readonly instance: HandlerInstance;
  protected handlerInfo: SyncMgrHandlerInfo | undefined;
  protected failure: HandlerFault | undefined;
  protected declinedReason: string | undefined;
  /** The prompt shown for this handler now, if any: aborted when the handler loses the token. */
  private openPrompt: AbortController | undefined;

  constructor(protected readonly services: DriverServices) {
    this.log = new LogBook(services.limits.maxLogEntries);
    this.instance = new HandlerInstance({
      ...services,
      onPhase: (phase) => {
        this.giveBackToken(); // the token does not outlive the phase it was granted in
        services.emit('handlerPhase', this.ref, phase);
      },
      onViolation: (text) => this.violation(text),
    });
  }

  get ref(): HandlerRef {
    return { sessionId: this.services.sessionId, clsid: this.services.entry.clsid, name: this.name };
  }

  get name(): string {
    return this.handlerInfo?.handlerName ?? this.services.entry.name;
  }

  get phase(): HandlerPhase {
    return this.instance.phase;
  }

  get callbackAttached(): boolean {
    return this.instance.callbackAttached;
  }

  /** Ends the process now; the driver then fails with "killed by SIGKILL". */
  kill(): void {
    this.instance.kill();
  }

  verdictFor(_itemId: Guid): number {
    return HResult.S_OK;
  }

  onItemProgress(state: ItemState): void {
    this.services.emit('itemProgress', this.ref, { ...state });
  }

  onLog(entry: LogEntry): void {
    this.services.emit('log', this.ref, entry);
  }

  onLogDeleted(errorId: Guid): void {
    this.services.emit('logDeleted', this.ref, errorId);
  }

  violation(text: string): void {
    this.onLog(this.log.addFromHost('error', `protocol violation (phase ${this.phase}): ${text}`));
  }

  async enableModeless(enable: boolean): Promise<HResultResult> {
    const { token, ui, mayBotherUser, entry } = this.services;
    if (!enable) return { hr: this.giveBackToken() ? HResult.S_OK : HResult.S_FALSE };
    if (!ui || !(mayBotherUser || USER_INITIATED.has(this.phase))) return { hr: HResult.S_FALSE };
    await this.instance.connection.whileWaitingOnHost(token.acquire(entry.clsid));
    return { hr: HResult.S_OK };
  }

  async prompt(params: PromptParams): Promise<PromptResult | ResponseError<void>> {
    const { token, ui, entry } = this.services;
    if (!ui || !token.holds(entry.clsid)) {
      this.violation('callback/prompt arrived without the EnableModeless token');
      return new ResponseError(SyncMgrErrorCodes.OutOfPhase, 'callback/prompt needs the EnableModeless token: call callback/enableModeless {enable: true} first');
    }
    if (this.openPrompt) {
      this.violation('callback/prompt arrived while its previous prompt is still open');
      return new ResponseError(SyncMgrErrorCodes.OutOfPhase, 'a prompt of this handler is already open: wait for its answer');
    }
    const open = (this.openPrompt = new AbortController());
    try {
      const request = { ...params, handlerName: entry.name, clsid: entry.clsid };
      const answers = await this.instance.connection.whileWaitingOnHost(ui.prompt(request, open.signal));
      return answers && !open.signal.aborted ? { hr: HResult.S_OK, answers } : { hr: HResult.S_FALSE };
    } finally {
      if (this.openPrompt === open) this.openPrompt = undefined;
    }
  }

  // Closes this handler's open prompt (its answers must not reach anyone) and releases the token.
  private giveBackToken(): boolean {
    this.openPrompt?.abort();
    this.openPrompt = undefined;
    return this.services.token.release(this.services.entry.clsid);
  }

  async establishConnection(name: string | null): Promise<HResultResult> {
    const label = name === null ? 'the default connection' : `connection "${name}"`;
    if (!((this.handlerInfo?.handlerFlags ?? 0) & SyncMgrHandlerFlags.SYNCMGRHANDLER_MAYESTABLISHCONNECTION)) {
      this.violation(`EstablishConnection(${label}) from a handler without SYNCMGRHANDLER_MAYESTABLISHCONNECTION`);
      return { hr: HResult.E_FAIL };
    }
    const outcome = this.services.connections
      ? await this.instance.connection.whileWaitingOnHost(this.services.connections.establish(name))
      : { up: false as const, reason: 'connections cannot be established outside a sync session' };
    if (outcome.up) return { hr: HResult.S_OK };
    this.onLog(this.log.addFromHost('error', `EstablishConnection(${label}) failed: ${outcome.reason}`));
    return { hr: HResult.E_FAIL };
  }

  /** Spawns the handler and does the handshake. */
  protected async start(): Promise<void> {
    await this.instance.start((connection) => answerCallbacks(connection, this));
  }

  /** Initialize: true to go on, false when it declined (S_FALSE) or failed. */
  protected async initialize(syncMgrFlags: number, cookie?: string): Promise<boolean> {
    this.instance.setPhase('initialize');
    const { hr } = await this.instance.call(Initialize, { syncMgrFlags, ...(cookie !== undefined ? { cookie } : {}) });
    if (hr === HResult.S_FALSE) this.declinedReason = 'Initialize returned S_FALSE: the handler does not take part in this event';
    else if (hr !== HResult.S_OK) this.failure = hresultFault('initialize', 'Initialize', hresultName(hr));
    return hr === HResult.S_OK;
  }

  protected async readHandlerInfo(): Promise<boolean> {
    this.instance.setPhase('handlerInfo');
    const { hr, handlerInfo } = await this.instance.call(GetHandlerInfo, {});
    if (hr !== HResult.S_OK || !handlerInfo) {
      this.failure = hresultFault('handlerInfo', 'GetHandlerInfo', hresultName(hr));
      return false;
    }
    this.handlerInfo = handlerInfo;
    this.services.emit('handlerInfo', this.ref, handlerInfo);
    return true;
  }

  /** Pages through the handler's items, each page to `onPage`; undefined when the enumeration failed. */
  protected async enumerate(onPage: (items: readonly SyncMgrItem[]) => void): Promise<EnumerationSummary | undefined> {
    this.instance.setPhase('enumeration');
    const summary = await enumerateItems(this.instance.connection, onPage);
    if ('failedHr' in summary) {
      this.failure = hresultFault('enumeration', 'the item enumeration', hresultName(summary.failedHr));
      return undefined;
    }
    for (const id of summary.duplicates) this.violation(`item ${id} was listed more than once; the first listing counts`);
    return summary;
  }

  /** Every item at once, for settings instances (which show them all). */
  protected async enumerateAll(): Promise<Enumeration | undefined> {
    const items: SyncMgrItem[] = [];
    const summary = await this.enumerate((page) => items.push(...page));
    return summary && { items, missingItems: summary.missingItems };
  }

  /**
   * ShowError or ShowProperties: "answer at once, complete later". The completion is awaited from
   * before the call (it may arrive first); a failed call is logged, and no completion is awaited.
   */
  protected async runUserInitiated<P, C>(phase: HandlerPhase, descriptor: MethodDescriptor<P, HResultResult>, params: P, completion: Deferred<C>, forget: () => void): Promise<C | undefined> {
    this.instance.setPhase(phase);
    const name = descriptor.mirrors.split('::')[1] ?? descriptor.method;
    const { hr } = await this.instance.call(descriptor, params);
    if (hr !== HResult.S_OK) {
      forget();
      this.onLog(this.log.addFromHost('warning', `${name} returned ${hresultName(hr)}`));
      return undefined;
    }
    return this.instance.connection.await(`${name}Completed`, descriptor.method, completion.promise);
  }

  /** The orderly end: SetProgressCallback(NULL), shutdown, then the ladder. */
  protected async finish(): Promise<void> {
    if (!(await this.instance.shutdown())) {
      this.failure ??= { kind: 'hang-timeout', phase: 'shutdown', reason: 'the handler hung during shutdown: it did not answer the shutdown request within 2 s and was ended by the ladder' };
    }
    await this.endProcess();
    this.instance.setPhase('done');
  }

  /** After a fault: record it, settle the items, end the process. */
  protected async abandon(error: unknown): Promise<void> {
    this.failure = toFault(error, this.phase);
    this.items?.failUnfinished(`not finished: ${this.failure.reason}`).forEach((state) => this.onItemProgress(state));
    await this.endProcess();
  }

  protected report(): HandlerReport {
    const fault = this.failure;
    const reason = fault?.reason ?? this.declinedReason;
    return {
      clsid: this.services.entry.clsid,
      name: this.name,
      result: fault ? 'failed' : this.declinedReason ? 'declined' : 'succeeded',
      ...(reason ? { reason } : {}),
      ...(fault ? { fault } : {}),
      items: this.items?.report() ?? [],
      log: this.log.list(),
    };
  }

  private async endProcess(): Promise<void> {
    this.giveBackToken();
    const exit = await this.instance.end();
    if (exit?.signal && !this.failure) this.onLog(this.log.addFromHost('warning', `the handler did not exit after shutdown; it was ended with ${exit.signal}`));
  }
}

function toFault(error: unknown, phase: HandlerPhase): HandlerFault {
  if (error instanceof HandlerFaultError) return error.fault;
  if (error instanceof HostError && error.code === 'SPAWN_FAILED') return { kind: 'spawn-failed', phase: 'start', reason: error.message };
  return { kind: 'host-stopped', phase, reason: `the host could not drive the handler: ${(error as Error)?.message ?? String(error)}` };
}
