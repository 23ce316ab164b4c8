import {
  GetHandlerInfo,
  HandlerEnvironment,
  Handshake,
  HResult,
  hresultName,
  Initialize,
  PrepareForSync,
  PROTOCOL_VERSION,
  SetProgressCallback,
  Shutdown,
  Synchronize,
  type Guid,
  type MethodDescriptor,
  type SyncMgrHandlerInfo,
  type SyncMgrItem,
} from '@syncmgr/protocol';
import { HostError } from '../errors.js';
import { HandlerLog } from '../process/handler-log.js';
import { DEFAULT_STOP_LADDER, HandlerProcess, type StopLadder } from '../process/handler-process.js';
import { preflight } from '../process/preflight.js';
import type { RegistryEntry } from '../registry/registry-entry.js';
import { HandlerConnection } from '../transport/handler-connection.js';
import type { MessageValidator } from '../transport/message-validator.js';
import { Deferred } from '../util/deferred.js';
import { HOST_NAME, HOST_VERSION } from '../version.js';
import { CancelState } from './cancel-state.js';
import { enumerateItems, type Enumeration } from './enumeration.js';
import { hresultFault, startTimeoutFault } from './fault-reasons.js';
import { answerCallbacks, type CallbackHost, type PendingCompletions } from './handler-callbacks.js';
import { HandlerFaultError, type HandlerFault } from './handler-fault.js';
import { ItemTracker } from './item-tracker.js';
import { LogBook } from './log-book.js';
import type { Phase } from './phase.js';
import type { HandlerReport, LogEntry } from './report.js';
import type { HandlerRef, ItemState, SessionEvents } from './session-events.js';

/** Everything one handler's run needs to know; the session fills it in. */
export interface HandlerRunOptions {
  sessionId: string;
  entry: RegistryEntry;
  syncMgrFlags: number;
  cookie?: string;
  startTimeoutMs: number;
  hangTimeoutMs: number;
  maxMessageBytes: number;
  validator: MessageValidator;
  logsDir: string;
  /** Picks the items to synchronize from those enumerated. */
  selectItems: (items: readonly SyncMgrItem[], enumeration: Enumeration) => ReadonlySet<Guid>;
  emit: <E extends keyof SessionEvents>(event: E, ...args: Parameters<SessionEvents[E]>) => void;
  stopLadder?: StopLadder;
}

const SHUTDOWN_ANSWER_MS = 2000;

/** Drives one handler process through one session, in the documented order, and reports how it went. */
export class HandlerRun implements CallbackHost {
  phase: Phase = 'start';
  callbackAttached = false;
  items: ItemTracker | undefined;
  readonly log = new LogBook();
  readonly completions: PendingCompletions = {};
  readonly cancellation = new CancelState();
  private process: HandlerProcess | undefined;
  private connection: HandlerConnection | undefined;
  private handlerInfo: SyncMgrHandlerInfo | undefined;
  private failure: HandlerFault | undefined;
  private declinedReason: string | undefined;
  private handlerLog: HandlerLog | undefined;

  constructor(private readonly options: HandlerRunOptions) {}

  get ref(): HandlerRef {
    return { sessionId: this.options.sessionId, clsid: this.options.entry.clsid, name: this.name };
  }

  get name(): string {
    return this.handlerInfo?.handlerName ?? this.options.entry.name;
  }

  /** Initialize → GetHandlerInfo → enumerate → SetProgressCallback → PrepareForSync → Synchronize → shutdown. */
  async sync(): Promise<HandlerReport> {
    try {
      await this.start();
      if ((await this.initialize()) && (await this.readHandlerInfo())) {
        const enumeration = await this.enumerate();
        if (enumeration && this.items!.ids.length > 0) await this.prepareAndSynchronize();
      }
      await this.shutdown();
    } catch (error) {
      await this.abandon(error);
    }
    return this.report();
  }

  /** A settings instance (SYNCMGRFLAG_SETTINGS): handler info and every item, no sync. */
  async inspect(): Promise<{ report: HandlerReport; handlerInfo?: SyncMgrHandlerInfo; enumeration?: Enumeration }> {
    let enumeration: Enumeration | undefined;
    try {
      await this.start();
      if ((await this.initialize()) && (await this.readHandlerInfo())) enumeration = await this.enumerate();
      await this.shutdown();
    } catch (error) {
      await this.abandon(error);
    }
    return { report: this.report(), ...(this.handlerInfo ? { handlerInfo: this.handlerInfo } : {}), ...(enumeration ? { enumeration } : {}) };
  }

  /** Ends the process now; the run then fails with "killed by SIGKILL". */
  kill(): void {
    this.process?.killNow();
  }

  verdictFor(itemId: Guid): number {
    return this.cancellation.verdictFor(itemId);
  }

  onItemProgress(state: ItemState): void {
    this.options.emit('itemProgress', this.ref, { ...state });
  }

  onLog(entry: LogEntry): void {
    this.options.emit('log', this.ref, entry);
  }

  onLogDeleted(errorId: Guid): void {
    this.options.emit('logDeleted', this.ref, errorId);
  }

  violation(text: string): void {
    this.onLog(this.log.addFromHost('error', `protocol violation ${this.phaseText()}: ${text}`));
  }

  private async start(): Promise<void> {
    const { entry, sessionId } = this.options;
    this.setPhase('start');
    await preflight(entry, process.env);
    this.handlerLog = await HandlerLog.open(this.options.logsDir, entry.clsid, `session ${sessionId}: ${entry.command.join(' ')}`);
    this.process = await HandlerProcess.start(
      entry,
      { [HandlerEnvironment.HOST_PID]: String(process.pid), [HandlerEnvironment.CLSID]: entry.clsid, [HandlerEnvironment.SESSION_ID]: sessionId },
      this.handlerLog,
    );
    this.connection = new HandlerConnection(this.process, {
      maxMessageBytes: this.options.maxMessageBytes,
      validator: this.options.validator,
      currentPhase: () => this.phase,
      onViolation: (text) => this.violation(text),
    });
    answerCallbacks(this.connection, this);
    await this.handshake();
  }

  private async handshake(): Promise<void> {
    this.setPhase('handshake');
    const connection = this.connection!;
    const { startTimeoutMs } = this.options;
    const timer = setTimeout(() => connection.raise(startTimeoutFault(startTimeoutMs, this.process!.stderr.lastLines())), startTimeoutMs);
    try {
      await connection.request(Handshake, {
        protocolVersion: PROTOCOL_VERSION,
        hostPid: process.pid,
        hostName: HOST_NAME,
        hostVersion: HOST_VERSION,
        clsid: this.options.entry.clsid,
        capabilities: { maxMessageBytes: this.options.maxMessageBytes },
      });
    } finally {
      clearTimeout(timer);
    }
    connection.watchForHangs(this.options.hangTimeoutMs);
  }

  private async initialize(): Promise<boolean> {
    this.setPhase('initialize');
    const { syncMgrFlags, cookie } = this.options;
    const { hr } = await this.call(Initialize, { syncMgrFlags, ...(cookie !== undefined ? { cookie } : {}) });
    if (hr === HResult.S_FALSE) this.declinedReason = 'Initialize returned S_FALSE: the handler does not take part in this event';
    else if (hr !== HResult.S_OK) this.failure = hresultFault('initialize', 'Initialize', hresultName(hr));
    return hr === HResult.S_OK;
  }

  private async readHandlerInfo(): Promise<boolean> {
    this.setPhase('handlerInfo');
    const { hr, handlerInfo } = await this.call(GetHandlerInfo, {});
    if (hr !== HResult.S_OK || !handlerInfo) {
      this.failure = hresultFault('handlerInfo', 'GetHandlerInfo', hresultName(hr));
      return false;
    }
    this.handlerInfo = handlerInfo;
    this.options.emit('handlerInfo', this.ref, handlerInfo);
    return true;
  }

  private async enumerate(): Promise<Enumeration | undefined> {
    this.setPhase('enumeration');
    const enumeration = await enumerateItems(this.connection!);
    if ('failedHr' in enumeration) {
      this.failure = hresultFault('enumeration', 'the item enumeration', hresultName(enumeration.failedHr));
      return undefined;
    }
    for (const id of enumeration.duplicates) this.violation(`item ${id} was listed more than once; the first listing counts`);
    const selected = this.options.selectItems(enumeration.items, enumeration);
    this.items = new ItemTracker(enumeration.items.filter((item) => selected.has(item.itemId)));
    this.options.emit('itemsEnumerated', this.ref, enumeration.items.map((item) => ({ ...item, selected: selected.has(item.itemId) })));
    return enumeration;
  }

  private async prepareAndSynchronize(): Promise<void> {
    await this.call(SetProgressCallback, { enabled: true });
    this.callbackAttached = true;
    this.setPhase('prepare');
    if (!(await this.runAsynchronous(PrepareForSync, { itemIds: this.items!.ids }, 'prepareForSync'))) return;
    this.setPhase('synchronize');
    await this.runAsynchronous(Synchronize, {}, 'synchronize');
    this.failUnfinished('the handler reported no final status for this item');
  }

  // "Answer at once, complete later": the completion is awaited from before the call is sent,
  // because it may arrive before the answer; no completion is awaited after a failed call.
  private async runAsynchronous<P>(
    descriptor: MethodDescriptor<P, { hr: number }>,
    params: P,
    key: 'prepareForSync' | 'synchronize',
  ): Promise<boolean> {
    const completion = (this.completions[key] = new Deferred<number>());
    const name = key === 'prepareForSync' ? 'PrepareForSync' : 'Synchronize';
    const { hr } = await this.call(descriptor, params);
    if (hr !== HResult.S_OK) {
      delete this.completions[key];
      this.endPhaseWithoutCompletion(key, name, hr);
      return false;
    }
    const completed = await this.connection!.await(`${name}Completed`, descriptor.method, completion.promise);
    if (completed === HResult.S_FALSE && key === 'prepareForSync') {
      this.decline('PrepareForSyncCompleted reported S_FALSE: the handler needs to show UI it may not show in this session');
    } else if (completed !== HResult.S_OK) {
      this.failure = hresultFault(this.phase, `${name}Completed`, hresultName(completed));
      this.failUnfinished(`${name}Completed reported ${hresultName(completed)}`);
    }
    return completed === HResult.S_OK;
  }

  // mobsync lets a handler that needs UI it may not show decline PrepareForSync: its items are skipped.
  private decline(reason: string): void {
    this.declinedReason = reason;
    this.failUnfinished('not synchronized: the handler declined to prepare', true);
  }

  private endPhaseWithoutCompletion(key: 'prepareForSync' | 'synchronize', name: string, hr: number): void {
    if (key === 'prepareForSync' && hr === HResult.S_FALSE) {
      this.decline('PrepareForSync returned S_FALSE: the handler needs to show UI it may not show in this session');
      return;
    }
    this.failure = hresultFault(this.phase, name, hresultName(hr));
    this.failUnfinished(`not synchronized: ${name} returned ${hresultName(hr)}`);
  }

  private async shutdown(): Promise<void> {
    this.setPhase('shutdown');
    const connection = this.connection!;
    if (this.callbackAttached) {
      await this.call(SetProgressCallback, { enabled: false });
      this.callbackAttached = false;
    }
    const answered = await Promise.race([
      connection.request(Shutdown, {}).then(() => true),
      new Promise<false>((resolve) => setTimeout(() => resolve(false), SHUTDOWN_ANSWER_MS).unref()),
    ]);
    if (!answered) this.onLog(this.log.addFromHost('warning', `the handler did not answer shutdown within ${SHUTDOWN_ANSWER_MS / 1000} s`));
    await this.endProcess();
    this.setPhase('done');
  }

  private async abandon(error: unknown): Promise<void> {
    this.failure = toFault(error, this.phase);
    this.failUnfinished(`not finished: ${this.failure.reason}`);
    await this.endProcess();
  }

  private async endProcess(): Promise<void> {
    this.connection?.beginClosing();
    if (this.process) {
      const exit = await this.process.stop(this.options.stopLadder ?? DEFAULT_STOP_LADDER);
      if (exit.signal && !this.failure) this.onLog(this.log.addFromHost('warning', `the handler did not exit after shutdown; it was ended with ${exit.signal}`));
    }
    this.connection?.dispose();
    await this.handlerLog?.close();
  }

  private failUnfinished(why: string, skipped = false): void {
    for (const state of this.items?.failUnfinished(why, skipped) ?? []) this.onItemProgress(state);
  }

  private async call<P, R>(descriptor: MethodDescriptor<P, R>, params: P): Promise<R> {
    return this.connection!.request(descriptor, params);
  }

  private setPhase(phase: Phase): void {
    this.phase = phase;
    this.options.emit('handlerPhase', this.ref, phase);
  }

  private phaseText(): string {
    return `(phase ${this.phase})`;
  }

  private report(): HandlerReport {
    const fault = this.failure;
    const result = fault ? 'failed' : this.declinedReason ? 'declined' : 'succeeded';
    const reason = fault?.reason ?? this.declinedReason;
    return {
      clsid: this.options.entry.clsid,
      name: this.name,
      result,
      ...(reason ? { reason } : {}),
      ...(fault ? { fault } : {}),
      items: this.items?.report() ?? [],
      log: this.log.list(),
    };
  }
}

function toFault(error: unknown, phase: Phase): HandlerFault {
  if (error instanceof HandlerFaultError) return error.fault;
  if (error instanceof HostError && error.code === 'SPAWN_FAILED') return { kind: 'spawn-failed', phase: 'start', reason: error.message };
  return { kind: 'host-stopped', phase, reason: `the host could not drive the handler: ${(error as Error)?.message ?? String(error)}` };
}
