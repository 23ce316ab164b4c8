import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import { HandlerEnvironment } from '@syncmgr/protocol';
import { ProgressLog, type WireProgress } from './progress-log.js';

const CHECKED = 1; // SYNCMGRITEMSTATE_CHECKED

/**
 * A bare vscode-jsonrpc parent: spawns the baseline child and speaks to it with no host in between.
 * The child is marked with our pid as the host marks its handlers, so childRss() finds both alike.
 */
export async function bareHandshake(
  childScript: string,
  env: Record<string, string> = {},
): Promise<{ ms: number; connection: MessageConnection; end: () => Promise<void> }> {
  const started = performance.now();
  const child = spawn(process.execPath, [childScript], {
    env: { ...process.env, [HandlerEnvironment.HOST_PID]: String(process.pid), ...env },
    stdio: ['pipe', 'pipe', 'inherit'],
  });
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

/** How long a bare session took in all, and its Synchronize (the call to its completion), in ms; what progress came. */
export interface BareTimes {
  total: number;
  synchronize: number;
  progress: ProgressLog;
}

/**
 * The same life cycle the host drives, over the bare transport. Like the host it keeps only the
 * checked items, and prepares and synchronizes only if there are some.
 */
export async function bareSession(childScript: string, env: Record<string, string>): Promise<BareTimes> {
  const started = performance.now();
  const { connection, end } = await bareHandshake(childScript, env);
  await connection.sendRequest('synchronize/initialize', { syncMgrFlags: 3 });
  await connection.sendRequest('synchronize/getHandlerInfo', {});
  const { enumeratorId } = await connection.sendRequest<{ enumeratorId: string }>('synchronize/enumSyncMgrItems', {});
  const itemIds: string[] = [];
  for (;;) {
    const page = await connection.sendRequest<{ hr: number; items: { itemId: string; itemState: number }[] }>('enumItems/next', { enumeratorId, celt: 512 });
    for (const item of page.items) if (item.itemState === CHECKED) itemIds.push(item.itemId);
    if (page.hr === 1) break;
  }
  await connection.sendRequest('enumItems/release', { enumeratorId });
  const progress = new ProgressLog();
  const synchronize = itemIds.length > 0 ? await prepareAndSynchronize(connection, itemIds, progress) : 0;
  await connection.sendRequest('syncmgr/shutdown', {});
  await end();
  return { total: performance.now() - started, synchronize, progress };
}

/** Resolves to the milliseconds Synchronize took. */
async function prepareAndSynchronize(connection: MessageConnection, itemIds: string[], progress: ProgressLog): Promise<number> {
  const completions: Record<string, () => void> = {};
  const completion = (name: string) => new Promise<void>((resolve) => (completions[name] = resolve));
  // Requests (answered with a verdict) and notifications (NOTIFY=1, FLOOD) alike are counted and applied.
  connection.onRequest('callback/progress', (report: WireProgress) => (progress.add(report), { hr: 0 }));
  connection.onNotification('callback/progress', (report: WireProgress) => progress.add(report));
  connection.onNotification('bench/progress', (report: WireProgress) => progress.add(report));
  connection.onRequest('callback/prepareForSyncCompleted', () => (completions['prepare']?.(), { hr: 0 }));
  connection.onRequest('callback/synchronizeCompleted', () => (completions['synchronize']?.(), { hr: 0 }));
  await connection.sendRequest('synchronize/setProgressCallback', { enabled: true });
  const prepared = completion('prepare');
  await connection.sendRequest('synchronize/prepareForSync', { itemIds });
  await prepared;
  const synchronized = completion('synchronize');
  const started = performance.now();
  await connection.sendRequest('synchronize/synchronize', {});
  await synchronized;
  const ms = performance.now() - started;
  await connection.sendRequest('synchronize/setProgressCallback', { enabled: false });
  return ms;
}
