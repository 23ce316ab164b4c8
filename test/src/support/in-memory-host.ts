// A host played by the test over in-memory streams, for SDK handlers served with serveHandler:
// it sends the host's requests and records every callback, answering each with S_OK.
import { PassThrough } from 'node:stream';
import * as p from '@syncmgr/protocol';
import { serveHandler, type SyncHandler } from '@syncmgr/handler-sdk';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';

/** One handler→host request as the host received it. */
export interface ReceivedCallback {
  method: string;
  params: unknown;
}

export interface InMemoryHost {
  readonly connection: MessageConnection;
  /** Every callback received so far, in order. */
  readonly received: ReceivedCallback[];
  /** The params of the next callback of this method (or one already received and not yet taken). */
  next<P>(callback: p.MethodDescriptor<P, unknown>): Promise<P>;
  dispose(): void;
}

export const CLSID = '00000000-0000-4000-8000-0000000000aa';

export function startInMemoryHost(handler: SyncHandler): InMemoryHost {
  const toHandler = new PassThrough();
  const fromHandler = new PassThrough();
  const served = serveHandler(handler, { input: toHandler, output: fromHandler });
  const connection = createMessageConnection(new StreamMessageReader(fromHandler), new StreamMessageWriter(toHandler));
  const received: ReceivedCallback[] = [];
  const waiting: Array<{ method: string; resolve: (params: unknown) => void }> = [];
  let taken = 0;
  connection.onRequest((method, params) => {
    received.push({ method, params });
    const index = waiting.findIndex((w) => w.method === method);
    if (index >= 0) waiting.splice(index, 1)[0]!.resolve(params);
    return { hr: p.HResult.S_OK };
  });
  connection.listen();
  return {
    connection,
    received,
    next<P>(callback: p.MethodDescriptor<P, unknown>): Promise<P> {
      const early = received.slice(taken).find((r) => r.method === callback.method);
      if (early) {
        taken = received.indexOf(early) + 1;
        return Promise.resolve(early.params as P);
      }
      return new Promise<P>((resolve) =>
        waiting.push({
          method: callback.method,
          resolve: (params) => {
            taken = received.length;
            resolve(params as P);
          },
        }),
      );
    },
    dispose() {
      connection.dispose();
      served.dispose();
      toHandler.end();
    },
  };
}

/** The host's sequence up to an instance that holds the callback ('ready'): handshake to setProgressCallback. */
export async function openUntilReady(host: InMemoryHost, syncMgrFlags: number = p.SyncMgrFlag.SYNCMGRFLAG_MANUAL): Promise<void> {
  const { connection } = host;
  await connection.sendRequest(p.Handshake.type, { protocolVersion: p.PROTOCOL_VERSION, hostPid: process.pid, hostName: 'test', hostVersion: '0', clsid: CLSID, capabilities: { maxMessageBytes: 1 << 20 } });
  expect(await connection.sendRequest(p.Initialize.type, { syncMgrFlags })).toEqual({ hr: p.HResult.S_OK });
  expect((await connection.sendRequest(p.GetHandlerInfo.type, {})).hr).toBe(p.HResult.S_OK);
  const { enumeratorId } = await connection.sendRequest(p.EnumSyncMgrItems.type, {});
  await connection.sendRequest(p.EnumNext.type, { enumeratorId: enumeratorId!, celt: 100 });
  await connection.sendRequest(p.EnumRelease.type, { enumeratorId: enumeratorId! });
  expect(await connection.sendRequest(p.SetProgressCallback.type, { enabled: true })).toEqual({ hr: p.HResult.S_OK });
}
