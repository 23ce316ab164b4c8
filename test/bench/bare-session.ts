import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';

/** A bare vscode-jsonrpc parent: spawns the baseline child and speaks to it with no host in between. */
export async function bareHandshake(childScript: string, env: Record<string, string> = {}): Promise<{ ms: number; connection: MessageConnection; end: () => Promise<void> }> {
  const started = performance.now();
  const child = spawn(process.execPath, [childScript], { env: { ...process.env, ...env }, stdio: ['pipe', 'pipe', 'inherit'] });
  const connection = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  connection.listen();
  await connection.sendRequest('syncmgr/handshake', { protocolVersion: '1.0' });
  const ms = performance.now() - started;
  const end = async () => {
    connection.dispose();
    child.stdin.end();
    if (child.exitCode === null) await once(child, 'exit');
  };
  return { ms, connection, end };
}

/** The same life cycle the host drives, over the bare transport; resolves to its duration in ms. */
export async function bareSession(childScript: string, env: Record<string, string>): Promise<number> {
  const started = performance.now();
  const { connection, end } = await bareHandshake(childScript, env);
  const completions: Record<string, () => void> = {};
  const completion = (name: string) => new Promise<void>((resolve) => (completions[name] = resolve));
  connection.onRequest('callback/progress', () => ({ hr: 0 }));
  connection.onNotification('bench/progress', () => undefined);
  connection.onRequest('callback/prepareForSyncCompleted', () => (completions['prepare']?.(), { hr: 0 }));
  connection.onRequest('callback/synchronizeCompleted', () => (completions['synchronize']?.(), { hr: 0 }));
  await connection.sendRequest('synchronize/initialize', { syncMgrFlags: 3 });
  await connection.sendRequest('synchronize/getHandlerInfo', {});
  const { enumeratorId } = await connection.sendRequest<{ enumeratorId: string }>('synchronize/enumSyncMgrItems', {});
  const itemIds: string[] = [];
  for (;;) {
    const page = await connection.sendRequest<{ hr: number; items: { itemId: string }[] }>('enumItems/next', { enumeratorId, celt: 512 });
    itemIds.push(...page.items.map((i) => i.itemId));
    if (page.hr === 1) break;
  }
  await connection.sendRequest('enumItems/release', { enumeratorId });
  await connection.sendRequest('synchronize/setProgressCallback', { enabled: true });
  const prepared = completion('prepare');
  await connection.sendRequest('synchronize/prepareForSync', { itemIds });
  await prepared;
  const synchronized = completion('synchronize');
  await connection.sendRequest('synchronize/synchronize', {});
  await synchronized;
  await connection.sendRequest('synchronize/setProgressCallback', { enabled: false });
  await connection.sendRequest('syncmgr/shutdown', {});
  await end();
  return performance.now() - started;
}
