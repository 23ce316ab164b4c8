import type { HandlerPhase } from '@syncmgr/protocol';
import { ConnectionError, createMessageConnection, ResponseError, type Message, type MessageConnection } from 'vscode-jsonrpc/node';
import { BatchedMessageWriter, methodByName, requestsLeaveAtOnce, SyncMgrErrorCodes, type MethodDescriptor } from '@syncmgr/protocol';
import type { HostLimits } from '../limits.js';
import type { HandlerProcess } from '../process/handler-process.js';
import { HandlerFaultError, type CallInFlight, type HandlerFault } from '../faults/handler-fault.js';
import { closedStdoutFault, exitFault, hangFault, protocolFault } from '../faults/fault-reasons.js';
import { quoteStrayOutput } from '../faults/stray-output.js';
import { FramedMessageReader, FramingError } from './framed-reader.js';
import { HangWatchdog } from './hang-watchdog.js';
import type { MessageValidator } from './message-validator.js';
import { RequestIdGuard } from './request-id-guard.js';

/** Answers a callback from the handler: a result, or a ResponseError that refuses it. */
export type CallbackHandler<P, R> = (params: P) => R | ResponseError<unknown> | Promise<R | ResponseError<unknown>>;

export interface ConnectionOptions {
  limits: HostLimits;
  validator: MessageValidator;
  /** Where the handler is in its life, to say where a fault happened. */
  currentPhase: () => HandlerPhase;
  /** Told of protocol problems that refuse a message but do not fail the handler. */
  onViolation: (text: string) => void;
}

// How long to wait, after stdout closes, for the exit status that names the cause; past it the
// process counts as alive with its stdout closed.
const EXIT_STATUS_WAIT_MS = 1000;

/**
 * The host's side of the JSON-RPC link to one handler process: validated requests and callbacks,
 * and one place where every way the handler can fail becomes a HandlerFault.
 */
export class HandlerConnection {
  private readonly connection: MessageConnection;
  private readonly watchdog: HangWatchdog;
  private readonly reader: FramedMessageReader;
  private readonly idGuard: RequestIdGuard;
  /** The rejecters of the waits now racing the fault (see untilFaulted). */
  private readonly faultWaiters = new Set<(error: unknown) => void>();
  private fault: HandlerFault | undefined;
  private inFlight = new Map<number, CallInFlight>();
  private nextCallId = 0;
  private closing = false;

  constructor(
    private readonly process: HandlerProcess,
    private readonly options: ConnectionOptions,
  ) {
    this.watchdog = new HangWatchdog((awaited, ms) => this.raise(hangFault(awaited, ms, options.currentPhase(), this.currentCall())));
    const reader = (this.reader = new FramedMessageReader(process.stdout, options.limits));
    this.idGuard = new RequestIdGuard(reader, (id) => this.onReusedId(id));
    this.connection = createMessageConnection(this.idGuard, new BatchedMessageWriter(process.stdin, requestsLeaveAtOnce), silentLogger(options.onViolation), {
      messageStrategy: { handleMessage: (message, next) => this.onMessage(message, next) },
    });
    reader.onError((error) => this.onReadError(error));
    this.connection.onClose(() => void this.onEnded());
    void process.exited.then(() => this.onEnded());
    this.connection.onRequest((method) => this.onUnknownMethod(method));
    this.connection.listen();
  }

  /** The fault that ended this handler, if any. */
  get failure(): HandlerFault | undefined {
    return this.fault;
  }

  /** Starts the hang watchdog (after the handshake). */
  watchForHangs(timeoutMs: number): void {
    this.watchdog.enable(timeoutMs);
  }

  /** Suspends the hang watchdog while the handler waits on the host (for the UI token or a user). */
  async whileWaitingOnHost<T>(wait: Promise<T>): Promise<T> {
    this.watchdog.suspend();
    try {
      return await wait;
    } finally {
      this.watchdog.resume();
    }
  }

  /** Sends a request and returns its validated result; rejects with HandlerFaultError when the handler fails. */
  async request<P, R>(descriptor: MethodDescriptor<P, R>, params: P): Promise<R> {
    const callId = this.nextCallId++;
    this.inFlight.set(callId, { method: descriptor.method, outcome: this.process.hasExited ? 'did-not-run' : 'may-have-run' });
    const token = this.watchdog.begin(`the answer to ${descriptor.method}`);
    try {
      const result = await this.untilFaulted(this.connection.sendRequest(descriptor.type, params as never));
      const problem = this.options.validator.checkResult(descriptor, result);
      if (problem)
        this.raise(protocolFault('invalid-message', `its answer to ${descriptor.method} is invalid: ${problem}`, this.options.currentPhase(), undefined));
      // Never hand an answer on once the handler has failed (the fault may have come with this very answer).
      if (this.fault) throw new HandlerFaultError(this.fault);
      return result;
    } catch (error) {
      throw await this.asFault(error, descriptor.method);
    } finally {
      this.inFlight.delete(callId);
      this.watchdog.done(token);
    }
  }

  /** Waits for something the handler must send (a completion), under the hang watchdog. */
  async await<T>(what: string, method: string, promise: Promise<T>): Promise<T> {
    const callId = this.nextCallId++;
    this.inFlight.set(callId, { method, outcome: 'ran-without-completing' });
    const token = this.watchdog.begin(what);
    try {
      return await this.untilFaulted(promise);
    } finally {
      this.inFlight.delete(callId);
      this.watchdog.done(token);
    }
  }

  /** Registers the answer to a callback; params are validated first, and a wrong shape fails the handler. */
  onCallback<P, R>(descriptor: MethodDescriptor<P, R>, handler: CallbackHandler<P, R>): void {
    this.connection.onRequest(descriptor.method, (params: P): unknown => {
      const problem = this.options.validator.checkParams(descriptor, params);
      if (problem) {
        this.raise(protocolFault('invalid-message', `${descriptor.method} has invalid params: ${problem}`, this.options.currentPhase(), this.currentCall()));
        return new ResponseError(SyncMgrErrorCodes.InvalidParams, problem);
      }
      return handler(params);
    });
  }

  /** Fails the handler with a fault of the host's making (e.g. the start timeout). First fault wins. */
  raise(fault: HandlerFault): void {
    if (this.fault || this.closing) return;
    this.fault = fault;
    this.watchdog.dispose();
    for (const reject of this.faultWaiters) reject(new HandlerFaultError(fault));
    this.faultWaiters.clear();
  }

  /** From now on the end of the stream is expected, not a fault. */
  beginClosing(): void {
    this.closing = true;
    this.watchdog.dispose();
  }

  dispose(): void {
    this.closing = true;
    this.watchdog.dispose();
    this.connection.dispose();
  }

  // Returns what dispatch returns: vscode-jsonrpc catches a failed reply (the handler is gone) only then.
  // Tells the reader when a message is handled, so it reads on only while few are pending.
  private onMessage(message: Message, next: (message: Message) => void | Promise<void>): void | Promise<void> {
    this.watchdog.kick();
    const done = () => {
      this.idGuard.handled(message);
      this.reader.handled(message);
    };
    const handled = next(message);
    if (handled instanceof Promise) return handled.finally(done);
    done();
    return handled;
  }

  // Settles with the promise, or rejects when the handler fails first. Not Promise.race against one
  // long-lived "faulted" promise: every race leaves a reaction on it that keeps its answer alive
  // until the handler ends (a million-item enumeration kept every page).
  private untilFaulted<T>(promise: Promise<T>): Promise<T> {
    if (this.fault) {
      promise.catch(() => undefined); // a request sent after the fault is dropped when the link is disposed
      return Promise.reject(new HandlerFaultError(this.fault));
    }
    return new Promise<T>((resolve, reject) => {
      this.faultWaiters.add(reject);
      const settle = () => this.faultWaiters.delete(reject);
      promise.then(
        (value) => (settle(), resolve(value)),
        (error: unknown) => (settle(), reject(error as Error)),
      );
    });
  }

  private onReusedId(id: number | string): void {
    this.reader.handled(); // dropped unread, so no longer pending
    this.raise({ ...protocolFault('invalid-message', reusedIdDetail(id), this.options.currentPhase(), this.currentCall()), reusedRequestId: id });
  }

  private onReadError(error: Error): void {
    if (!(error instanceof FramingError)) return;
    const kind = error.kind === 'oversized-message' ? 'oversized-message' : 'malformed-message';
    const strayOutput = error.strayBytes && quoteStrayOutput(error.strayBytes);
    // Stray bytes are quoted in full (up to the bound), in the reason and in a field for code.
    const detail = strayOutput ? `it wrote to stdout what is not a frame: ${strayOutput}` : error.message;
    const fault = protocolFault(kind, detail, this.options.currentPhase(), this.currentCall());
    this.raise(strayOutput ? { ...fault, strayOutput } : fault);
  }

  private async onEnded(): Promise<void> {
    if (this.fault || this.closing) return;
    const phase = this.options.currentPhase();
    const call = this.currentCall();
    this.watchdog.dispose(); // nothing more can arrive: the wait for the exit status is not a hang
    const timeout = new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), EXIT_STATUS_WAIT_MS).unref());
    const exit = await Promise.race([this.process.exited, timeout]);
    const stderrTail = this.process.stderr.lastLines();
    // No exit status in time: the stream ended but the process lives on.
    this.raise(exit ? exitFault(exit, phase, call, stderrTail) : closedStdoutFault(phase, call, stderrTail));
  }

  private onUnknownMethod(method: string): ResponseError<unknown> {
    const known = methodByName(method);
    const why = known ? `${method} is not a callback a handler may send` : `${method} is not a method of the protocol`;
    this.options.onViolation(`refused a request from the handler: ${why}`);
    return new ResponseError(SyncMgrErrorCodes.MethodNotFound, why);
  }

  private currentCall(): CallInFlight | undefined {
    return [...this.inFlight.values()].at(-1);
  }

  private async asFault(error: unknown, method: string): Promise<unknown> {
    if (error instanceof HandlerFaultError) return error;
    if (isBrokenConnection(error)) {
      await this.onEnded(); // the write failed because the process is gone: its exit names the cause
    } else if (error instanceof ResponseError) {
      this.raise(
        protocolFault(
          'invalid-message',
          `it answered ${method} with error ${error.code} "${error.message}" instead of an HRESULT`,
          this.options.currentPhase(),
          undefined,
        ),
      );
    } else {
      this.raise(
        protocolFault(
          'invalid-message',
          `its answer to ${method} could not be used: ${(error as Error)?.message ?? String(error)}`,
          this.options.currentPhase(),
          undefined,
        ),
      );
    }
    return this.fault ? new HandlerFaultError(this.fault) : error;
  }
}

// Two requests with one id cannot both be answered: their answers would be indistinguishable.
function reusedIdDetail(id: number | string): string {
  return `it sent a second request with id ${JSON.stringify(id)} while the first one with that id was unanswered (request ids must be unique)`;
}

// vscode-jsonrpc's own codes for a link that broke (write error, pending request dropped, inactive).
function isBrokenConnection(error: unknown): boolean {
  if (error instanceof ConnectionError) return true;
  return error instanceof ResponseError && error.code >= -32099 && error.code <= -32096;
}

// vscode-jsonrpc reports protocol oddities (responses to unknown ids, bad params) through its logger.
function silentLogger(onViolation: (text: string) => void) {
  return {
    // Failed writes are reported where they happen, with the exit status that explains them.
    error: (text: string) => (text.startsWith('Sending') ? undefined : onViolation(text)),
    warn: (text: string) => onViolation(text),
    info: () => undefined,
    log: () => undefined,
  };
}
