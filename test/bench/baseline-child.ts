// The baseline: a bare vscode-jsonrpc child answering the same messages as a handler, with no SDK
// and no validation. ITEMS=n items (CHECKED=0 lists them unchecked); each gets an UPDATING and a
// SUCCEEDED progress in Synchronize; FLOOD=n then sends n progress notifications.
import { writeFileSync } from 'node:fs';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';

const count = Number(process.env['ITEMS'] ?? 0);
const flood = Number(process.env['FLOOD'] ?? 0);
const itemState = process.env['CHECKED'] === '0' ? 0 : 1;
const idOf = (i: number) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
const connection = createMessageConnection(new StreamMessageReader(process.stdin), new StreamMessageWriter(process.stdout));
process.stdin.on('end', () => process.exit(0));
let position = 0;

connection.onRequest('syncmgr/handshake', () => ({ protocolVersion: '1.0', capabilities: {} }));
connection.onRequest('synchronize/initialize', () => ({ hr: 0 }));
connection.onRequest('synchronize/getHandlerInfo', () => ({ hr: 0, handlerInfo: { handlerName: 'baseline', handlerFlags: 0 } }));
connection.onRequest('synchronize/enumSyncMgrItems', () => ((position = 0), { hr: 0, enumeratorId: 'e' }));
connection.onRequest('enumItems/next', ({ celt }: { celt: number }) => {
  const items = [];
  for (; items.length < celt && position < count; position++) items.push({ itemId: idOf(position), itemName: `item ${position}`, flags: 0, itemState });
  return { hr: items.length === celt ? 0 : 1, items };
});
connection.onRequest('enumItems/release', () => ({ hr: 0 }));
connection.onRequest('synchronize/setProgressCallback', () => ({ hr: 0 }));
connection.onRequest(
  'synchronize/prepareForSync',
  () => (setImmediate(() => void connection.sendRequest('callback/prepareForSyncCompleted', { hr: 0 })), { hr: 0 }),
);
connection.onRequest('synchronize/synchronize', () => (setImmediate(() => void synchronize()), { hr: 0 }));
connection.onRequest('syncmgr/shutdown', () => ({}));
connection.listen();

// PING=n: n progress round trips for item 0, 2 ms apart, timed and written to $PING_FILE.
async function ping(times: number): Promise<void> {
  const rtts: number[] = [];
  for (let i = 0; i < times; i++) {
    const sent = performance.now();
    await connection.sendRequest('callback/progress', { itemId: idOf(0), progressItem: { mask: 2, statusType: 3 } });
    rtts.push(performance.now() - sent);
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
  writeFileSync(process.env['PING_FILE']!, JSON.stringify(rtts));
}

async function synchronize(): Promise<void> {
  if (process.env['PING']) await ping(Number(process.env['PING']));
  for (let i = 0; i < count; i++) {
    await connection.sendRequest('callback/progress', { itemId: idOf(i), progressItem: { mask: 2, statusType: 3 } });
    await connection.sendRequest('callback/progress', { itemId: idOf(i), progressItem: { mask: 2, statusType: 4 } });
  }
  // The flood baseline: notifications, which need no answer, as fast as the transport takes them.
  for (let i = 0; i < flood; i++) void connection.sendNotification('bench/progress', { itemId: idOf(i % 100), progressItem: { mask: 4, progValue: i } });
  await connection.sendRequest('callback/synchronizeCompleted', { hr: 0 });
}
