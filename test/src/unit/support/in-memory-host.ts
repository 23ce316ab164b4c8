// A host made of a vscode-jsonrpc connection, talking to serveHandler over in-memory streams: no process, no timer.
import { PassThrough } from 'node:stream';
import { serveHandler, type RunHandlerOptions, type SyncHandler, type SyncItem } from '@syncmgr/handler-sdk';
import {
  allMethods,
  EnumNext,
  EnumRelease,
  EnumSyncMgrItems,
  FramedMessageWriter,
  GetHandlerInfo,
  Handshake,
  HResult,
  Initialize,
  PROTOCOL_VERSION,
  SetProgressCallback,
  SyncMgrFlag,
  type SyncMgrItem,
} from '@syncmgr/protocol';
import { createMessageConnection, StreamMessageReader, type MessageConnection } from 'vscode-jsonrpc/node';

/** A handler→host request as the host received it. */
export interface Received {
  method: string;
  params: Record<string, unknown>;
}

type Answer = (params: Record<string, unknown>) => unknown;

export const TEST_CLSID = '5e1f0000-0000-4000-8000-000000000001';

export class InMemoryHost {
  /** Every handler→host request, in the order it arrived. */
  readonly received: Received[] = [];
  readonly connection: MessageConnection;
  readonly #answers = new Map<string, Answer>();
  readonly #waiters: { matches: (call: Received) => boolean; resolve: (call: Received) => void; seen: number; count: number }[] = [];
  readonly #toHandler = new PassThrough();
  readonly #fromHandler = new PassThrough();
  readonly #served: { dispose(): void };

  constructor(handler: SyncHandler<SyncItem>, options: RunHandlerOptions = {}) {
    this.#served = serveHandler(handler, { ...options, input: this.#toHandler, output: this.#fromHandler });
    this.connection = createMessageConnection(new StreamMessageReader(this.#fromHandler), new FramedMessageWriter(this.#toHandler));
    for (const descriptor of allMethods.filter((d) => d.direction === 'handlerToHost')) {
      this.connection.onRequest(descriptor.method, (params: Record<string, unknown>) => {
        const call = { method: descriptor.method, params };
        this.received.push(call);
        this.#notify(call);
        return (this.#answers.get(descriptor.method) ?? (() => ({ hr: HResult.S_OK })))(params);
      });
    }
    this.connection.listen();
  }

  /** How the host answers a callback from now on (S_OK by default). */
  answer(method: string, answer: Answer): void {
    this.#answers.set(method, answer);
  }

  /** Resolves with the count-th request (1 = the first) of this method, counting those already received. */
  waitFor(method: string, count = 1, matches: (params: Record<string, unknown>) => boolean = () => true): Promise<Received> {
    const fits = (call: Received) => call.method === method && matches(call.params);
    const already = this.received.filter(fits);
    if (already.length >= count) return Promise.resolve(already[count - 1]!);
    return new Promise((resolve) => this.#waiters.push({ matches: fits, resolve, seen: already.length, count }));
  }

  /** The methods received so far, in order. */
  get methods(): string[] {
    return this.received.map((call) => call.method);
  }

  /** The handshake, Initialize and GetHandlerInfo; returns Initialize's HRESULT. */
  async initialize(syncMgrFlags: number = SyncMgrFlag.SYNCMGRFLAG_MANUAL): Promise<number> {
    await this.connection.sendRequest(Handshake.type, {
      protocolVersion: PROTOCOL_VERSION,
      hostPid: process.pid,
      hostName: 'in-memory-host',
      hostVersion: '0',
      clsid: TEST_CLSID,
      capabilities: { maxMessageBytes: 1 << 20 },
    });
    return (await this.connection.sendRequest(Initialize.type, { syncMgrFlags })).hr;
  }

  /** EnumSyncMgrItems, then every page, then release: the items the handler lists. */
  async enumerate(pageSize = 100): Promise<SyncMgrItem[]> {
    const { enumeratorId } = await this.connection.sendRequest(EnumSyncMgrItems.type, {});
    const items: SyncMgrItem[] = [];
    for (;;) {
      const page = await this.connection.sendRequest(EnumNext.type, { enumeratorId: enumeratorId!, celt: pageSize });
      items.push(...page.items);
      if (page.hr !== HResult.S_OK) break;
    }
    await this.connection.sendRequest(EnumRelease.type, { enumeratorId: enumeratorId! });
    return items;
  }

  /** Everything up to a handler ready to prepare: the items it listed. */
  async ready(syncMgrFlags?: number): Promise<SyncMgrItem[]> {
    await this.initialize(syncMgrFlags);
    await this.connection.sendRequest(GetHandlerInfo.type, {});
    const items = await this.enumerate();
    await this.connection.sendRequest(SetProgressCallback.type, { enabled: true });
    return items;
  }

  close(): void {
    this.connection.dispose();
    this.#served.dispose();
    this.#toHandler.end();
    this.#fromHandler.end();
  }

  #notify(call: Received): void {
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

/** A promise the test settles by hand. */
export function deferred<T = void>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((settle) => (resolve = settle));
  return { promise, resolve };
}
