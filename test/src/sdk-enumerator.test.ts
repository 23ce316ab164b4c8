import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { once } from 'node:events';
import * as p from '@syncmgr/protocol';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import { fixture } from './support/paths.js';

// ISyncMgrEnumItems as the SDK answers it, spoken to over a real handler process's pipes: the host
// itself only calls Next and Release, so Skip, Reset and Clone are checked here from the wire.
describe.each(['array', 'generator', 'async'])('the SDK enumerator over a %s source', (source) => {
  let child: ChildProcessWithoutNullStreams;
  let connection: MessageConnection;
  const numbersOf = (result: p.EnumNextResult) => result.items.map((i) => Number(i.itemId.slice(-12)));

  beforeEach(async () => {
    child = spawn(process.execPath, [fixture('enumerator-sdk-handler.js')], {
      env: { ...process.env, SOURCE: source, [p.HandlerEnvironment.HOST_PID]: String(process.pid) },
    });
    connection = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
    connection.listen();
    const clsid = '00000000-0000-4000-8000-0000000000aa';
    await connection.sendRequest(p.Handshake.type, {
      protocolVersion: p.PROTOCOL_VERSION,
      hostPid: process.pid,
      hostName: 'test',
      hostVersion: '0',
      clsid,
      capabilities: { maxMessageBytes: 1 << 20 },
    });
    expect(await connection.sendRequest(p.Initialize.type, { syncMgrFlags: p.SyncMgrFlag.SYNCMGRFLAG_MANUAL })).toEqual({ hr: p.HResult.S_OK });
    // The SDK follows the protocol's life cycle: enumeration comes after GetHandlerInfo.
    expect((await connection.sendRequest(p.GetHandlerInfo.type, {})).hr).toBe(p.HResult.S_OK);
  });

  afterEach(async () => {
    connection.dispose();
    child.stdin.end();
    if (child.exitCode === null) await once(child, 'exit');
  });

  it('reads, skips, clones at the position, resets to the start and says S_FALSE at the end', async () => {
    const { enumeratorId } = await connection.sendRequest(p.EnumSyncMgrItems.type, {});
    const id = enumeratorId!;
    const next = (ref: string, celt: number) => connection.sendRequest(p.EnumNext.type, { enumeratorId: ref, celt });
    const first = await next(id, 3);
    expect([first.hr, numbersOf(first)]).toEqual([p.HResult.S_OK, [1, 2, 3]]);
    expect(await connection.sendRequest(p.EnumSkip.type, { enumeratorId: id, celt: 2 })).toEqual({ hr: p.HResult.S_OK });
    expect(numbersOf(await next(id, 2))).toEqual([6, 7]);

    const clone = await connection.sendRequest(p.EnumClone.type, { enumeratorId: id });
    expect(numbersOf(await next(clone.enumeratorId!, 1))).toEqual([8]);
    expect(numbersOf(await next(id, 1))).toEqual([8]);

    expect(await connection.sendRequest(p.EnumSkip.type, { enumeratorId: id, celt: 5 })).toEqual({ hr: p.HResult.S_FALSE });
    const end = await next(id, 4);
    expect([end.hr, numbersOf(end)]).toEqual([p.HResult.S_FALSE, []]);

    expect(await connection.sendRequest(p.EnumReset.type, { enumeratorId: id })).toEqual({ hr: p.HResult.S_OK });
    const again = await next(id, 20);
    expect([again.hr, numbersOf(again)]).toEqual([p.HResult.S_FALSE, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]]);
    for (const ref of [id, clone.enumeratorId!])
      expect(await connection.sendRequest(p.EnumRelease.type, { enumeratorId: ref })).toEqual({ hr: p.HResult.S_OK });
  });
});
