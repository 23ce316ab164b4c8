import {
  canMove,
  HandlerPhases,
  HResult,
  PrepareForSync,
  ShowError,
  Synchronize,
  type HandlerPhase,
  type HResultValue,
  type MethodDescriptor,
} from '@syncmgr/protocol';
import { logToStderr } from './diagnostics.js';

/** What the life cycle reads of a method descriptor. */
export type PhasedMethod = Pick<MethodDescriptor<unknown, unknown>, 'method' | 'phases' | 'completion'>;

/**
 * The phase of this handler instance, as the host tracks it (protocol/src/life-cycle.ts). The host
 * moves when it sends a call, so a request that fits no phase it could have moved to is out of
 * phase; the handler moves itself only where the host's next move follows from what the handler
 * sent. Every move goes through #enter.
 */
export class HandlerLifeCycle {
  #phase: HandlerPhase = 'start';
  /** The open prepare was opened from showError: a retry, whose failure goes back to results. */
  #retrying = false;
  /** The open prepare completed S_OK: the only state in which Synchronize may come. */
  #prepared = false;
  /** The host answered S_SYNCMGR_CANCELALL in the open phase: a cancelled prepare is not synchronized. */
  #cancelled = false;

  get phase(): HandlerPhase {
    return this.#phase;
  }

  /** True while the open prepare is a retry that a ShowError asked for. */
  get retrying(): boolean {
    return this.#retrying;
  }

  /** True when the prepare completed S_OK and Synchronize has not come yet. */
  get prepared(): boolean {
    return this.#prepared;
  }

  /**
   * A host request that may open a phase. In phase when the current phase is one of the request's
   * (it stays), or when exactly one of them can be reached from here (the host moved when it sent
   * it: the handler enters that one). `opens` narrows the request's phases to the one its params
   * open (setProgressCallback: true opens 'ready', false begins teardown). An asynchronous call
   * (one with a completion) opens its phase once: it is never in phase while that phase is open.
   */
  receive(request: PhasedMethod, opens?: HandlerPhase): boolean {
    const phases = opens === undefined ? request.phases : request.phases.filter((phase) => phase === opens);
    if (phases.includes(this.#phase)) return request.completion === undefined;
    const [reachable, ...others] = phases.filter((phase) => canMove(this.#phase, phase));
    if (reachable === undefined || others.length > 0) return false;
    this.#enter(reachable, `${request.method} received`);
    return true;
  }

  /** A request inside an open phase (enumItems/*, setItemStatus), or a callback: legal only in its phases. */
  allows(message: Pick<PhasedMethod, 'phases'>): boolean {
    return message.phases.includes(this.#phase);
  }

  /** True while the handler holds the host's callback (from setProgressCallback true until false). */
  get holdsCallback(): boolean {
    return HandlerPhases[this.#phase].holdsCallback;
  }

  /** Initialize answered S_FALSE or failed: the host shuts the handler down and sends nothing else. */
  declined(): void {
    this.#enter('shutdown', 'initialize declined or failed');
  }

  /**
   * An asynchronous call ended: answered with a failure, or its completion just sent. Called before
   * the host can answer, since the host may send the next call at once.
   */
  ended(call: PhasedMethod, hr: HResultValue): void {
    if (call === PrepareForSync) this.#prepareEnded(hr);
    // The host goes to results, or shuts the handler down from there (results → shutdown).
    if (call === Synchronize) this.#enter('results', 'synchronize ended');
    // With a retry the host sends prepareForSync next, which moves on from showError.
    if (call === ShowError && hr !== HResult.S_SYNCMGR_RETRYSYNC) this.#enter('results', 'showError ended');
    // ShowProperties: the host enumerates again or shuts down; either request moves the handler on.
  }

  /**
   * The host cancelled every item (a progress answered S_SYNCMGR_CANCELALL). The host answered it
   * before it read the prepare's completion, so even when the answer comes after the completion
   * was sent, the host will not synchronize.
   */
  cancelledAll(): void {
    this.#cancelled = true;
    if (this.#phase === 'prepare' && this.#prepared) this.#enter('results', 'the prepare was cancelled altogether');
  }

  /**
   * syncmgr/shutdown is obeyed in any phase: the host's shutdown ladder (§7) begins with it, also
   * after a fault in a phase that has no move to 'shutdown'.
   */
  shutDown(): void {
    this.#enter('shutdown', 'syncmgr/shutdown received');
  }

  // Synchronize follows only a prepare completed S_OK and not cancelled altogether (§4.4). Otherwise
  // the host goes to results (a retry, or an actionable entry to open) or shuts down from there.
  #prepareEnded(hr: HResultValue): void {
    if (hr === HResult.S_OK && !this.#cancelled) this.#prepared = true;
    else this.#enter('results', 'prepare ended without a synchronize to follow');
  }

  #enter(to: HandlerPhase, why: string): void {
    if (this.#phase === to) return;
    // Teardown may begin in any phase (the ladder, §7); another move off the table is a race with
    // the host (e.g. torn down while a completion was on its way), and the host's move stands.
    if (!canMove(this.#phase, to) && to !== 'shutdown') {
      logToStderr(`life cycle: ignored a move from ${this.#phase} to ${to} (${why})`);
      return;
    }
    if (to === 'prepare') this.#retrying = this.#phase === 'showError';
    this.#prepared = false;
    this.#cancelled = false;
    this.#phase = to;
  }
}
