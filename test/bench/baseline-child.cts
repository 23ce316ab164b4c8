// The baseline: a bare vscode-jsonrpc child answering the same messages as a handler, with no SDK
// and no validation. ITEMS=n items (CHECKED=0 lists them unchecked); each gets an UPDATING and a
// SUCCEEDED progress in Synchronize, waiting for what AWAIT says (sdk-awaits.ts: what the SDK
// waits for, so that the comparison is fair), or as notifications with NOTIFY=1 (no verdicts: the
// fastest a bare program can go); FLOOD=n sends n progress notifications instead of the items' reports.
// CommonJS, as B1's child (handshake-child.cts): an ES module loads vscode-jsonrpc ~25 ms slower,
// which would count against the baseline in every session it runs.
// With verbatimModuleSyntax a .cts says require() as such.
// eslint-disable-next-line @typescript-eslint/no-require-imports
import fs = require('node:fs');
// eslint-disable-next-line @typescript-eslint/no-require-imports
import rpc = require('vscode-jsonrpc/node');

const count = Number(process.env['ITEMS'] ?? 0);
const flood = Number(process.env['FLOOD'] ?? 0);
const awaits = process.env['AWAIT'] ?? 'updating';
const notify = process.env['NOTIFY'] === '1';
const itemState = process.env['CHECKED'] === '0' ? 0 : 1;
const idOf = (i: number) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
const connection = rpc.createMessageConnection(new rpc.StreamMessageReader(process.stdin), new rpc.StreamMessageWriter(process.stdout));
process.stdin.on('end', () => process.exit(0));
let position = 0;

// Literals, not @syncmgr/protocol: the child a user writes without the SDK loads nothing but vscode-jsonrpc.
const UPDATING = { mask: 2, statusType: 3 };
const SUCCEEDED = { mask: 2, statusType: 4 };
const STOPPED = { mask: 2, statusType: 0 };
const S_SYNCMGR_CANCELITEM = 0x00040203;
const S_SYNCMGR_CANCELALL = 0x00040204;

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
  fs.writeFileSync(process.env['PING_FILE']!, JSON.stringify(rtts));
}

/** Items the host cancelled, as the SDK's item signals would: acted on when the verdict arrives. */
const cancelled = new Set<number>();
let cancelledAll = false;
/** Every answer not yet awaited: all are, before SynchronizeCompleted, as the SDK does. */
const outstanding: Promise<unknown>[] = [];

function progress(i: number, progressItem: object): Promise<void> {
  return connection.sendRequest<{ hr: number }>('callback/progress', { itemId: idOf(i), progressItem }).then(({ hr }) => {
    if (hr === S_SYNCMGR_CANCELITEM) cancelled.add(i);
    if (hr === S_SYNCMGR_CANCELALL) cancelledAll = true;
  });
}

const stopped = (i: number) => cancelledAll || cancelled.has(i);

/** AWAIT=updating, the SDK today: the UPDATING verdict before the item goes on, its final status unawaited. */
async function awaitingUpdating(i: number): Promise<void> {
  if (!stopped(i)) await progress(i, UPDATING);
  outstanding.push(progress(i, stopped(i) ? STOPPED : SUCCEEDED));
}

/** AWAIT=none, pipelined verdicts: nothing awaited per item; a cancel stops the items after it arrives. */
function pipelined(i: number): void {
  if (!stopped(i)) outstanding.push(progress(i, UPDATING));
  outstanding.push(progress(i, stopped(i) ? STOPPED : SUCCEEDED));
}

/** NOTIFY=1: both reports as notifications, which have no answer and so no verdict. */
function notifying(i: number): void {
  void connection.sendNotification('callback/progress', { itemId: idOf(i), progressItem: UPDATING });
  void connection.sendNotification('callback/progress', { itemId: idOf(i), progressItem: SUCCEEDED });
}

async function synchronize(): Promise<void> {
  if (process.env['PING']) await ping(Number(process.env['PING']));
  for (let i = 0; i < count && !flood; i++) {
    if (notify) notifying(i);
    else if (awaits === 'none') pipelined(i);
    else await awaitingUpdating(i);
  }
  await Promise.all(outstanding);
  // The flood baseline: notifications, which need no answer, as fast as the transport takes them.
  for (let i = 0; i < flood; i++) void connection.sendNotification('bench/progress', { itemId: idOf(i % 100), progressItem: { mask: 4, progValue: i } });
  await connection.sendRequest('callback/synchronizeCompleted', { hr: 0 });
}
