import { HResult, methodByName, PROTOCOL_VERSION, SyncMgrFlag, type SyncMgrItem } from '@syncmgr/protocol';
import { MessageValidator } from '../transport/message-validator.js';
import { HOST_VERSION } from '../version.js';
import { CONFORMANCE_CLSID, HandlerProbe } from './handler-probe.js';
import { idOf, KitAnswers } from './kit-answers.js';
import { describeOutcome, ProbePeer, resultOf, type Callback, type Outcome } from './probe-peer.js';

/** How long the kit waits: for an answer or any message, and for a verdict to be honoured. */
export interface KitTimeouts {
  /** An answer, or a completion while the handler is silent (the host's hang timeout). */
  readonly answerMs: number;
  /** A cancel, a skip, an exit the protocol asks to be prompt. */
  readonly deadlineMs: number;
}

/** What every handler process of a run is driven with. */
export interface DriverSettings {
  readonly timeouts: KitTimeouts;
  /** Answers to prompt fields by name (--answer NAME=VALUE); a prompt with a field not here is refused. */
  readonly promptAnswers: ReadonlyMap<string, string>;
}

/** What a page-by-page listing gave. */
export interface Listing {
  readonly items: SyncMgrItem[];
  /** Why the listing stopped short (a refused call, a page with no items array); empty when it ran to its end. */
  readonly problems: string[];
  /** Items off the schema (a name too long, a flag not a number): listed, and kept, but wrong. */
  readonly itemProblems: string[];
  readonly enumeratorId?: string;
}

/** One Next: its items, its HRESULT, and what is wrong with it. */
export interface Page {
  readonly items: SyncMgrItem[];
  readonly hr?: number;
  /** The call was refused, or its answer has no items array and hr: the listing cannot go on. */
  readonly problem?: string;
  /** The answer is off the schema, yet usable. */
  readonly shapeProblem?: string;
}

/** The manual event, with a user who may be asked: what `syncmgr sync` on a terminal sends. */
export const MANUAL_WITH_USER = SyncMgrFlag.SYNCMGRFLAG_MANUAL | SyncMgrFlag.SYNCMGRFLAG_MAYBOTHERUSER;

const validator = new MessageValidator();

/** Drives one handler process through the life cycle, step by step, as the host would. */
export class SessionDriver {
  readonly peer: ProbePeer;
  readonly answers: KitAnswers;
  handshakeResult: Record<string, unknown> | undefined;
  /** GetHandlerInfo's handlerInfo, once open() got it. */
  handlerInfo: { handlerName?: string; handlerFlags?: number } | undefined;

  readonly timeouts: KitTimeouts;

  private constructor(
    readonly probe: HandlerProbe,
    settings: DriverSettings,
  ) {
    this.timeouts = settings.timeouts;
    this.peer = new ProbePeer(probe);
    this.answers = new KitAnswers(this.peer, settings.promptAnswers);
  }

  static start(argv: readonly string[], settings: DriverSettings, viaStandIn = false): SessionDriver {
    return new SessionDriver(HandlerProbe.start(argv, viaStandIn), settings);
  }

  /** Sends a request in a phase (entered as it is sent, as the host does) and waits for the answer. */
  async call(method: string, params: unknown, phase = this.peer.phase): Promise<Outcome> {
    this.peer.phase = phase;
    return this.peer.request(method, params, this.timeouts.answerMs);
  }

  async handshake(protocolVersion = PROTOCOL_VERSION): Promise<Outcome> {
    const outcome = await this.call('syncmgr/handshake', this.handshakeParams(protocolVersion), 'handshake');
    this.handshakeResult = resultOf(outcome);
    return outcome;
  }

  /** Handshake, Initialize, GetHandlerInfo: the HRESULT of Initialize, or why the start failed. */
  async open(flags: number): Promise<{ hr?: number; problem?: string }> {
    const handshake = await this.handshake();
    if (!this.handshakeResult) return { problem: describeOutcome('syncmgr/handshake', handshake) };
    const initialize = await this.call('synchronize/initialize', { syncMgrFlags: flags }, 'initialize');
    const hr = hrOf(initialize);
    if (hr !== HResult.S_OK) return hr === undefined ? { problem: describeOutcome('synchronize/initialize', initialize) } : { hr };
    const info = await this.call('synchronize/getHandlerInfo', {}, 'handlerInfo');
    this.handlerInfo = resultOf(info)?.['handlerInfo'] as SessionDriver['handlerInfo'];
    return hrOf(info) === HResult.S_OK ? { hr } : { problem: describeOutcome('synchronize/getHandlerInfo', info) };
  }

  /** EnumSyncMgrItems, then Next pages of `celt` to the end; the enumerator is left open. */
  async list(celt = 1000): Promise<Listing> {
    const opened = await this.call('synchronize/enumSyncMgrItems', {}, 'enumeration');
    const enumeratorId = resultOf(opened)?.['enumeratorId'];
    if (typeof enumeratorId !== 'string') return { items: [], problems: [describeOutcome('synchronize/enumSyncMgrItems', opened)], itemProblems: [] };
    const items: SyncMgrItem[] = [];
    const problems: string[] = [];
    const itemProblems: string[] = [];
    for (;;) {
      const page = await this.next(enumeratorId, celt);
      if (page.problem) problems.push(page.problem);
      if (page.shapeProblem) itemProblems.push(page.shapeProblem);
      items.push(...page.items);
      if (page.problem || page.hr !== HResult.S_OK) break;
    }
    for (const item of items) {
      const id = idOf(item.itemId);
      if (id) this.answers.items.add(id);
    }
    return { items, problems, itemProblems, enumeratorId };
  }

  /** One Next. */
  async next(enumeratorId: string, celt: number): Promise<Page> {
    const outcome = await this.call('enumItems/next', { enumeratorId, celt });
    const shapeProblem = problemOfResult('enumItems/next', outcome);
    const result = resultOf(outcome);
    const { hr, items } = result ?? {};
    if (typeof hr !== 'number' || !Array.isArray(items)) return { items: [], problem: shapeProblem ?? describeOutcome('enumItems/next', outcome) };
    const page = { items: items.filter(isObject) as unknown as SyncMgrItem[], hr };
    return shapeProblem ? { ...page, shapeProblem } : page;
  }

  /** SetProgressCallback, PrepareForSync and its completion; the completion's HRESULT, or the problem. */
  async prepare(itemIds: readonly string[]): Promise<{ hr?: number; problem?: string; completion?: Callback }> {
    const callback = await this.call('synchronize/setProgressCallback', { enabled: true }, 'ready');
    if (hrOf(callback) !== HResult.S_OK) return { problem: describeOutcome('synchronize/setProgressCallback', callback) };
    return this.asynchronous('synchronize/prepareForSync', { itemIds }, 'prepare', 'callback/prepareForSyncCompleted');
  }

  /** Synchronize and its completion. */
  async synchronize(): Promise<{ hr?: number; problem?: string; completion?: Callback }> {
    return this.asynchronous('synchronize/synchronize', {}, 'synchronize', 'callback/synchronizeCompleted');
  }

  /** An asynchronous call: answered S_OK at once, completed by a callback, which is awaited. */
  async asynchronous(
    method: string,
    params: unknown,
    phase: Callback['phase'],
    completionMethod: string,
  ): Promise<{ hr?: number; problem?: string; completion?: Callback }> {
    const before = this.peer.callbacksOf(completionMethod).length;
    const answer = await this.call(method, params, phase);
    const hr = hrOf(answer);
    if (hr !== HResult.S_OK) return hr === undefined ? { problem: describeOutcome(method, answer) } : { hr };
    const completion = await this.peer.waitFor(
      (callback) => callback.method === completionMethod && this.peer.callbacksOf(completionMethod).indexOf(callback) >= before,
      this.timeouts.answerMs,
    );
    if (!completion) return { problem: `${method} was answered S_OK but ${completionMethod} never came` };
    this.peer.phase = phase === 'synchronize' || phase === 'showError' ? 'results' : phase;
    const completed = completion.params['hr'];
    return typeof completed === 'number' ? { hr: completed, completion } : { problem: `${completionMethod} carries no hr`, completion };
  }

  /** The end of a session: SetProgressCallback(NULL) if it held the callback, shutdown, stdin closed. */
  async shutdown(): Promise<{ answer: Outcome; exited: boolean }> {
    const heldCallback = this.peer.callbacks.length > 0 || ['ready', 'prepare', 'synchronize', 'results'].includes(this.peer.phase);
    if (heldCallback) await this.call('synchronize/setProgressCallback', { enabled: false }, 'shutdown');
    const answer = await this.call('syncmgr/shutdown', {}, 'shutdown');
    this.probe.closeStdin();
    const exited = await this.probe.exitsWithin(this.timeouts.deadlineMs);
    this.peer.phase = 'done';
    return { answer, exited };
  }

  /** Ends the process and whatever it left; safe to call at any point. */
  async dispose(): Promise<void> {
    await this.probe.kill();
  }

  private handshakeParams(protocolVersion: string): object {
    return {
      protocolVersion,
      hostPid: this.probe.hostPid,
      hostName: 'syncmgr conformance',
      hostVersion: HOST_VERSION,
      clsid: CONFORMANCE_CLSID,
      capabilities: { maxMessageBytes: 16 * 1024 * 1024, maxProgressBatch: 1024 },
    };
  }
}

function isObject(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The hr of an answer that has one. */
export function hrOf(outcome: Outcome): number | undefined {
  const hr = resultOf(outcome)?.['hr'];
  return typeof hr === 'number' ? hr : undefined;
}

/** Why an answer is not a valid result of the method (refused, missing, or off the schema), else undefined. */
export function problemOfResult(method: string, outcome: Outcome): string | undefined {
  if (!('result' in outcome)) return describeOutcome(method, outcome);
  const descriptor = methodByName(method);
  const problem = descriptor ? validator.checkResult(descriptor, outcome.result) : undefined;
  return problem ? `${method}: the answer does not fit ${problem}` : undefined;
}

/** Why a callback's params are off the schema, else undefined. */
export function problemOfParams(callback: Callback): string | undefined {
  const descriptor = methodByName(callback.method);
  const problem = descriptor ? validator.checkParams(descriptor, callback.params) : undefined;
  return problem ? `${callback.method}: the params do not fit ${problem}` : undefined;
}
