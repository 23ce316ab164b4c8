import { setTimeout as delay } from 'node:timers/promises';
import { type HandlerPhase } from '@syncmgr/protocol';
import type { HandlerProbe } from './handler-probe.js';
import type { BadFrameCategory, ScannedOutput } from './frame-scanner.js';

/** A JSON-RPC answer as it came: a result, or an error response refusing the request. */
export type Answer = { result: unknown } | { error: { code: number; message: string } };

/** What became of a request the kit sent. */
export type Outcome = Answer | { timedOut: true } | { exited: true };

/** A request the handler sent the kit (a callback), with the phase the kit was in when it came. */
export interface Callback {
  readonly method: string;
  readonly params: Record<string, unknown>;
  readonly phase: HandlerPhase;
  /** The order in which everything arrived (answers and callbacks share the count). */
  readonly seq: number;
  /** When it arrived (Date.now()). */
  readonly at: number;
}

/** How the kit answers a callback; return undefined to use the next responder. */
export type Responder = (callback: Callback) => Answer | undefined;

/** The kit's side of the JSON-RPC connection: sends requests, answers callbacks, keeps a record of all. */
export class ProbePeer {
  /** The phase the kit has moved the handler to, as the host would track it. */
  phase: HandlerPhase = 'start';
  readonly callbacks: Callback[] = [];
  /** Bytes that were not frames, and frames that were malformed, in order. */
  readonly strayOutput: Buffer[] = [];
  readonly badFrames: { category: BadFrameCategory; problem: string; bytes: Buffer }[] = [];
  /** Answers to ids the kit never used or already had answered. */
  readonly unexpectedAnswers: unknown[] = [];
  private readonly pending = new Map<number, (answer: Answer) => void>();
  private readonly responders: Responder[] = [];
  private readonly waiters = new Set<() => void>();
  private nextId = 1;
  private seq = 0;
  private lastMessageAt = 0;

  constructor(readonly probe: HandlerProbe) {
    probe.onOutput((output) => this.onOutput(output));
  }

  /** Responders are asked newest first; the default answers are the host's. */
  respond(responder: Responder): void {
    this.responders.unshift(responder);
  }

  /** Sends a request and waits for its answer, the handler's exit, or the timeout. */
  async request(method: string, params: unknown, timeoutMs: number): Promise<Outcome> {
    const id = this.nextId++;
    const answer = new Promise<Answer>((resolve) => this.pending.set(id, resolve));
    this.send({ jsonrpc: '2.0', id, method, params });
    const outcome = await Promise.race([
      answer,
      this.probe.exited.then((): Outcome => ({ exited: true })),
      delay(timeoutMs, { timedOut: true } as const, { ref: false }),
    ]);
    this.pending.delete(id);
    return outcome;
  }

  /**
   * Resolves with the first callback (already come or coming) that matches, or undefined when the
   * handler exits or the time runs out: `quietMs` of silence (any message restarts it, as the
   * host's hang timeout), or with `deadline`, that many ms in all.
   */
  async waitFor(test: (callback: Callback) => boolean, quietMs: number, deadline = false): Promise<Callback | undefined> {
    const found = (): Callback | undefined => this.callbacks.find(test);
    const startedAt = Date.now();
    for (;;) {
      const callback = found();
      if (callback || this.probe.hasExited) return callback;
      const left = (deadline ? startedAt : Math.max(startedAt, this.lastMessageAt)) + quietMs - Date.now();
      if (left <= 0) return undefined;
      await new Promise<void>((resolve) => {
        const wake = (): void => {
          this.waiters.delete(wake);
          clearTimeout(timer);
          resolve();
        };
        const timer = setTimeout(wake, left);
        this.waiters.add(wake);
        void this.probe.exited.then(wake);
      });
    }
  }

  /** The callbacks of one method, in order. */
  callbacksOf(method: string): Callback[] {
    return this.callbacks.filter((callback) => callback.method === method);
  }

  private send(message: object): void {
    const body = Buffer.from(JSON.stringify(message), 'utf8');
    this.probe.write(Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`, 'ascii'), body]));
  }

  private onOutput(output: ScannedOutput): void {
    if (output.kind === 'stray') this.strayOutput.push(output.bytes);
    else if (output.kind === 'bad-frame') this.badFrames.push({ category: output.category, problem: output.problem, bytes: output.bytes });
    else this.onMessage(output.message);
    for (const wake of [...this.waiters]) wake();
  }

  private onMessage(message: Record<string, unknown>): void {
    this.seq += 1;
    this.lastMessageAt = Date.now();
    if (typeof message['method'] === 'string') {
      this.onRequest(message['method'], message['id'], message['params']);
      return;
    }
    const id = message['id'];
    const resolve = typeof id === 'number' ? this.pending.get(id) : undefined;
    if (!resolve) {
      this.unexpectedAnswers.push(message);
      return;
    }
    this.pending.delete(id as number);
    resolve('error' in message ? { error: errorOf(message['error']) } : { result: message['result'] });
  }

  private onRequest(method: string, id: unknown, params: unknown): void {
    const callback: Callback = { method, params: isObject(params) ? params : {}, phase: this.phase, seq: this.seq, at: this.lastMessageAt };
    this.callbacks.push(callback);
    if (id === undefined) return; // a notification: nothing to answer
    const answer = this.answerOf(callback);
    this.send({ jsonrpc: '2.0', id, ...answer });
  }

  private answerOf(callback: Callback): Answer {
    for (const responder of this.responders) {
      const answer = responder(callback);
      if (answer) return answer;
    }
    return { error: { code: -32601, message: `the conformance kit does not know ${callback.method}` } };
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function errorOf(value: unknown): { code: number; message: string } {
  const error = isObject(value) ? value : {};
  return { code: typeof error['code'] === 'number' ? error['code'] : 0, message: typeof error['message'] === 'string' ? error['message'] : '' };
}

/** The result of an outcome when it is one, else undefined. */
export function resultOf(outcome: Outcome): Record<string, unknown> | undefined {
  return 'result' in outcome && isObject(outcome.result) ? outcome.result : undefined;
}

/** One line saying what came back, for a check's details. */
export function describeOutcome(method: string, outcome: Outcome): string {
  if ('timedOut' in outcome) return `${method}: no answer`;
  if ('exited' in outcome) return `${method}: the handler exited before answering`;
  if ('error' in outcome) return `${method}: refused with error ${outcome.error.code} (${outcome.error.message})`;
  return `${method}: answered ${clip(JSON.stringify(outcome.result))}`;
}

/** Text cut to a length a table cell can show. */
export function clip(text: string | undefined, max = 160): string {
  if (text === undefined) return 'nothing';
  return text.length > max ? `${text.slice(0, max)}…` : text;
}
