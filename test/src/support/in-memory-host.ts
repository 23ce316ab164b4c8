// A host played by the test: a vscode-jsonrpc connection talking to serveHandler over in-memory
// streams, with no process and no timer. It records every callback and answers it (S_OK unless told
// otherwise), and drives the host's own order of calls (protocol/src/life-cycle.ts).
import { PassThrough } from 'node:stream';
import { serveHandler, type RunHandlerOptions, type SyncHandler, type SyncItem } from '@syncmgr/handler-sdk';
import {
  allMethods,
  EnumNext,
  EnumRelease,
  EnumSyncMgrItems,
  BatchedMessageWriter,
  GetHandlerInfo,
  Handshake,
  HResult,
  hresultName,
  Initialize,
  PROTOCOL_VERSION,
  requestsLeaveAtOnce,
  SetProgressCallback,
  SyncMgrFlag,
  type HandshakeParams,
  type HostCapabilities,
  type MethodDescriptor,
  type SyncMgrItem,
} from '@syncmgr/protocol';
import { createMessageConnection, StreamMessageReader, type MessageConnection, type RequestParam } from 'vscode-jsonrpc/node';

/** A handler→host request as the host received it. */
export interface Received {
  method: string;
  params: Record<string, unknown>;
}

type Answer = (params: never) => unknown;

interface Waiter {
  matches: (call: Received) => boolean;
  resolve: (call: Received) => void;
  seen: number;
  count: number;
}

export const TEST_CLSID = '5e1f0000-0000-4000-8000-000000000001';

/** The handshake the test host sends. */
export const TEST_HANDSHAKE: HandshakeParams = {
  protocolVersion: PROTOCOL_VERSION,
  hostPid: process.pid,
  hostName: 'in-memory-host',
  hostVersion: '0',
  clsid: TEST_CLSID,
  capabilities: { maxMessageBytes: 1 << 20 },
};

export class InMemoryHost {
  /** Every handler→host request, in the order it arrived. */
  readonly received: Received[] = [];
  readonly connection: MessageConnection;
  readonly #answers = new Map<string, Answer>();
  readonly #waiters: Waiter[] = [];
  /** How many callbacks of each method next() has handed out. */
  readonly #taken = new Map<string, number>();
  readonly #toHandler = new PassThrough();
  readonly #fromHandler = new PassThrough();
  readonly #served: { dispose(): void };

  /** What the handshake offers; a test may change it before initialize(). */
  readonly capabilities: HostCapabilities = { ...TEST_HANDSHAKE.capabilities };
  readonly #conditions: { holds: () => boolean; resolve: () => void }[] = [];

  /** How many frames each write of the handler carried, in order: a burst should leave in one write. */
  readonly framesPerWrite: number[] = [];

  constructor(handler: SyncHandler<SyncItem>, options: RunHandlerOptions = {}) {
    this.#countWrites();
    this.#served = serveHandler(handler, { ...options, input: this.#toHandler, output: this.#fromHandler });
    this.connection = createMessageConnection(new StreamMessageReader(this.#fromHandler), new BatchedMessageWriter(this.#toHandler, requestsLeaveAtOnce));
    for (const descriptor of allMethods.filter((d) => d.direction === 'handlerToHost')) {
      this.connection.onRequest(descriptor.method, (params: Record<string, unknown>) => {
        const call = { method: descriptor.method, params };
        this.received.push(call);
        this.#notify(call);
        return (this.#answers.get(descriptor.method) ?? (() => ({ hr: HResult.S_OK })))(params as never);
      });
    }
    this.connection.listen();
  }

  #countWrites(): void {
    const stream = this.#fromHandler;
    const write = stream.write.bind(stream) as (...args: unknown[]) => boolean;
    stream.write = ((chunk: unknown, ...rest: unknown[]) => {
      this.framesPerWrite.push(String(chunk).split('Content-Length:').length - 1);
      return write(chunk, ...rest);
    }) as typeof stream.write;
  }

  /** Sends a host→handler request and resolves with its answer. */
  request<P, R>(descriptor: MethodDescriptor<P, R>, params: P): Promise<R> {
    // RequestParam<P> is conditional on P (null params may be left out), so a generic P needs the cast.
    return this.connection.sendRequest<P, R, void>(descriptor.type, params as RequestParam<P>);
  }

  /** How the host answers a callback from now on (S_OK by default). */
  answer<P, R>(callback: MethodDescriptor<P, R>, answer: (params: P) => R): void {
    this.#answers.set(callback.method, answer);
  }

  /** The params of the count-th callback (1 = the first) of this method that matches, counting those already received. */
  waitFor<P>(callback: MethodDescriptor<P, unknown>, count = 1, matches: (params: P) => boolean = () => true): Promise<P> {
    const fits = (call: Received) => call.method === callback.method && matches(call.params as P);
    const already = this.received.filter(fits);
    if (already.length >= count) return Promise.resolve(already[count - 1]!.params as P);
    return new Promise((resolve) => this.#waiters.push({ matches: fits, resolve: (call) => resolve(call.params as P), seen: already.length, count }));
  }

  /** Resolves once `holds` is true, checked now and after each callback received. */
  waitUntil(holds: () => boolean): Promise<void> {
    if (holds()) return Promise.resolve();
    return new Promise((resolve) => this.#conditions.push({ holds, resolve }));
  }

  /** The params of the first callback of this method that an earlier next() has not handed out yet. */
  next<P>(callback: MethodDescriptor<P, unknown>): Promise<P> {
    const count = (this.#taken.get(callback.method) ?? 0) + 1;
    this.#taken.set(callback.method, count);
    return this.waitFor(callback, count);
  }

  /** The methods received so far, in order. */
  get methods(): string[] {
    return this.received.map((call) => call.method);
  }

  /** The handshake, then Initialize; returns Initialize's HRESULT. */
  async initialize(syncMgrFlags: number = SyncMgrFlag.SYNCMGRFLAG_MANUAL): Promise<number> {
    await this.request(Handshake, { ...TEST_HANDSHAKE, capabilities: this.capabilities });
    return (await this.request(Initialize, { syncMgrFlags })).hr;
  }

  /** EnumSyncMgrItems, then every page, then release: the items the handler lists. */
  async enumerate(pageSize = 100): Promise<SyncMgrItem[]> {
    const { hr, enumeratorId } = await this.request(EnumSyncMgrItems, {});
    expectOk('EnumSyncMgrItems', hr);
    const items: SyncMgrItem[] = [];
    for (;;) {
      const page = await this.request(EnumNext, { enumeratorId: enumeratorId!, celt: pageSize });
      items.push(...page.items);
      if (page.hr !== HResult.S_OK) break;
    }
    expectOk('EnumRelease', (await this.request(EnumRelease, { enumeratorId: enumeratorId! })).hr);
    return items;
  }

  /**
   * The host's order up to the items listed (where a settings instance goes on to ShowProperties):
   * handshake, Initialize, GetHandlerInfo, the enumeration. Throws at the first step not answered S_OK.
   */
  async openUntilEnumerated(syncMgrFlags?: number): Promise<SyncMgrItem[]> {
    expectOk('Initialize', await this.initialize(syncMgrFlags));
    expectOk('GetHandlerInfo', (await this.request(GetHandlerInfo, {})).hr);
    return this.enumerate();
  }

  /** The host's order up to a handler holding the callback, ready to prepare ('ready'): the items it listed. */
  async openUntilReady(syncMgrFlags?: number): Promise<SyncMgrItem[]> {
    const items = await this.openUntilEnumerated(syncMgrFlags);
    expectOk('SetProgressCallback', (await this.request(SetProgressCallback, { enabled: true })).hr);
    return items;
  }

  close(): void {
    this.connection.dispose();
    this.#served.dispose();
    this.#toHandler.end();
    this.#fromHandler.end();
  }

  #notify(call: Received): void {
    for (const condition of [...this.#conditions]) {
      if (!condition.holds()) continue;
      this.#conditions.splice(this.#conditions.indexOf(condition), 1);
      condition.resolve();
    }
    for (const waiter of [...this.#waiters]) {
      if (!waiter.matches(call)) continue;
      waiter.seen += 1;
      if (waiter.seen === waiter.count) {
        this.#waiters.splice(this.#waiters.indexOf(waiter), 1);
        waiter.resolve(call);
      }
    }
  }
}

// A step of the host's order that the handler refused: the test fails there, naming the step.
function expectOk(step: string, hr: number): void {
  if (hr !== HResult.S_OK) throw new Error(`${step} answered ${hresultName(hr)} on the way to the phase the test needs`);
}
