import { ResponseError } from 'vscode-jsonrpc/node';
import {
  asynchronousCallOf,
  canMove,
  HandlerPhases,
  HResult,
  isLegalIn,
  SyncMgrErrorCodes,
  type HandlerPhase,
  type HResultResult,
  type MethodDescriptor,
} from '@syncmgr/protocol';
import { HostError } from '../errors.js';
import type { HandlerFault } from '../faults/handler-fault.js';
import type { HandlerInstance } from './handler-instance.js';

/** How an asynchronous call went: its answer, and its completion's params when it was answered S_OK. */
export type AsyncOutcome<C> = { hr: number; completed?: undefined } | { hr: typeof HResult.S_OK; completed: C };

/** What the life cycle tells the handler's owner. */
export interface LifeCycleEvents {
  /** A phase began; the one before it ended. */
  onPhase(phase: HandlerPhase): void;
  /** A callback was refused; the text goes into the handler's results as a protocol violation. */
  onRefused(text: string): void;
}

/**
 * The completion of the asynchronous call that opened the current phase: expected from the moment
 * the phase begins, since it may arrive before the call's answer. At most one at a time.
 */
interface AwaitedCompletion {
  readonly call: MethodDescriptor<unknown, unknown>;
  /** Settles true when the call was answered S_OK (the window is open), false otherwise. */
  readonly answered: Promise<boolean>;
  settleAnswer(ok: boolean): void;
  readonly completed: Promise<unknown>;
  settled: boolean;
  resolve(params: unknown): void;
}

/**
 * One handler's state machine (PROTOCOL.md §4.2, declared in protocol/src/life-cycle.ts): the
 * phase it is in, the only place a phase begins, the asynchronous call whose completion is
 * awaited, the refusal of callbacks out of phase, and the typed fault that ends it all.
 */
export class HandlerLifeCycle {
  #phase: HandlerPhase = 'start';
  #awaited: AwaitedCompletion | undefined;

  constructor(
    private readonly instance: Pick<HandlerInstance, 'connection' | 'raise'>,
    private readonly events: LifeCycleEvents,
  ) {}

  get phase(): HandlerPhase {
    return this.#phase;
  }

  /** The handler holds ISyncMgrSynchronizeCallback in this phase. */
  get holdsCallback(): boolean {
    return HandlerPhases[this.#phase].holdsCallback;
  }

  /** True once the process has exited or been given up on. */
  get ended(): boolean {
    return this.#phase === 'done';
  }

  /** Begins a phase; a move the state machine does not have is a bug of the host, not of the handler. */
  enter(phase: HandlerPhase): void {
    if (!canMove(this.#phase, phase)) {
      throw new HostError('OUT_OF_PHASE', `the host tried to move a handler from ${this.#phase} to ${phase}, which the life cycle does not allow`);
    }
    this.#phase = phase;
    const call = asynchronousCallOf(phase);
    this.#awaited = call && expectCompletion(call);
    this.events.onPhase(phase);
  }

  /** Sends a request legal in the current phase and returns its validated answer. */
  request<P, R>(descriptor: MethodDescriptor<P, R>, params: P): Promise<R> {
    if (!isLegalIn(descriptor, this.#phase)) {
      return Promise.reject(new HostError('OUT_OF_PHASE', `${descriptor.method} cannot be sent ${HandlerPhases[this.#phase].during}`));
    }
    return this.instance.connection.request(descriptor, params);
  }

  /**
   * "Answer at once, complete later": sends the call of the phase just entered and awaits its
   * completion under the hang watchdog. The completion is expected from before the call is sent,
   * since it may arrive before the answer; after an answer other than S_OK none is awaited.
   */
  async callAsync<P, C>(descriptor: MethodDescriptor<P, HResultResult>, params: P): Promise<AsyncOutcome<C>> {
    const awaited = this.#awaited;
    if (!awaited || awaited.call !== (descriptor as MethodDescriptor<unknown, unknown>)) {
      throw new HostError('OUT_OF_PHASE', `${descriptor.method} is not the asynchronous call of phase ${this.#phase}`);
    }
    let answer: HResultResult;
    try {
      answer = await this.request(descriptor, params);
    } catch (error) {
      awaited.settleAnswer(false);
      throw error;
    }
    awaited.settleAnswer(answer.hr === HResult.S_OK);
    if (answer.hr !== HResult.S_OK) {
      if (this.#awaited === awaited) this.#awaited = undefined;
      return { hr: answer.hr };
    }
    const title = completionOf(awaited.call).title;
    const completed = (await this.instance.connection.await(title, descriptor.method, awaited.completed)) as C;
    return { hr: HResult.S_OK, completed };
  }

  /**
   * True while the asynchronous call of this phase was answered S_OK and is not complete: SetItemStatus's
   * window. Waits for the answer when the call was sent but not yet answered.
   */
  async windowOpen(): Promise<boolean> {
    const awaited = this.#awaited;
    if (!awaited || !(await awaited.answered)) return false;
    return !awaited.settled && this.#awaited === awaited;
  }

  /** A callback's phase check: undefined when it is legal now, else the OutOfPhase refusal to answer it with. */
  refuseOutOfPhase(descriptor: MethodDescriptor<unknown, unknown>): ResponseError<void> | undefined {
    if (isLegalIn(descriptor, this.#phase)) return undefined;
    return this.refuse(
      SyncMgrErrorCodes.OutOfPhase,
      `${descriptor.method} arrived ${HandlerPhases[this.#phase].during}, where it is not accepted (PROTOCOL.md §4.3)`,
    );
  }

  /** A completion callback: settles the awaited call it completes, or is refused (sent twice, or without its call). */
  complete(descriptor: MethodDescriptor<unknown, unknown>, params: unknown): HResultResult | ResponseError<void> {
    const refused = this.refuseOutOfPhase(descriptor);
    if (refused) return refused;
    const awaited = this.#awaited;
    if (!awaited || awaited.settled || completionOf(awaited.call) !== descriptor) {
      return this.refuse(
        SyncMgrErrorCodes.OutOfPhase,
        `${descriptor.method} arrived, but the host is not awaiting that completion (sent twice, or without the call it completes)`,
      );
    }
    awaited.settled = true;
    awaited.resolve(params);
    return { hr: HResult.S_OK };
  }

  /** Refuses a message with an error code, telling the owner why. */
  refuse(code: number, text: string): ResponseError<void> {
    this.events.onRefused(text);
    return new ResponseError(code, text);
  }

  /** Ends the handler with a fault of the host's making: every wait on it rejects with that fault. */
  fail(fault: HandlerFault): void {
    this.instance.raise(fault);
  }

  /** The process is gone (after the orderly shutdown or a fault). */
  finish(): void {
    this.#awaited = undefined;
    if (this.#phase !== 'done') this.enter('done');
  }
}

function expectCompletion(call: MethodDescriptor<unknown, unknown>): AwaitedCompletion {
  let settleAnswer: (ok: boolean) => void = () => undefined;
  let resolve: (params: unknown) => void = () => undefined;
  const answered = new Promise<boolean>((done) => (settleAnswer = done));
  const completed = new Promise<unknown>((done) => (resolve = done));
  return { call, answered, settleAnswer, completed, settled: false, resolve };
}

function completionOf(call: MethodDescriptor<unknown, unknown>): MethodDescriptor<unknown, unknown> {
  if (!call.completion) throw new HostError('OUT_OF_PHASE', `${call.method} is not an asynchronous call: it has no completion`);
  return call.completion;
}
