import { HResult, PrepareForSync, SetItemStatus, Synchronize, SyncMgrStatus, type Guid, type HResultValue } from '@syncmgr/protocol';
import type { MessageConnection } from 'vscode-jsonrpc/node';
import { afterAnswer } from './after-answer.js';
import { postProgress } from './contexts.js';
import { describeError, logToStderr } from './diagnostics.js';
import type { SyncItem } from './handler.js';
import { ItemRunner } from './item-runner.js';
import type { HandlerSession } from './session.js';
import { SyncRun } from './sync-run.js';

// How many reports items may run ahead of the host's answers. Only items that finish faster than a
// round trip ever fill it; each time they do, they wait for one, so 256 cost a 10,000-item run
// some 80 round trips (each waking both processes) against 10 now. Still bounded: ~200 KB of
// reports, and a cancel stops every item after the next 1,024 trivial ones.
const MAX_UNANSWERED_REPORTS = 2048;

/** Answers PrepareForSync, Synchronize and SetItemStatus, and sends their completions. */
export function registerSyncRequests(connection: MessageConnection, session: HandlerSession): void {
  connection.onRequest(PrepareForSync.type, ({ itemIds }) => ({ hr: startPrepare(session, itemIds) }));
  connection.onRequest(Synchronize.type, () => ({ hr: startSynchronize(session) }));
  connection.onRequest(SetItemStatus.type, ({ itemId, syncMgrStatus }) => ({
    hr: setItemStatus(session, itemId, syncMgrStatus),
  }));
}

function startPrepare(session: HandlerSession, itemIds: Guid[]): HResultValue {
  if (!session.lifeCycle.receive(PrepareForSync)) return HResult.E_UNEXPECTED;
  const items = admitPrepare(session, itemIds);
  if (typeof items === 'number') {
    session.lifeCycle.ended(PrepareForSync, items);
    return items;
  }
  session.retryItemIds.clear();
  const run = new SyncRun(items);
  session.run = run;
  afterAnswer(async () => {
    await session.host.complete(PrepareForSync, await prepareOutcome(session, run));
  });
  return HResult.S_OK;
}

/**
 * The items of this PrepareForSync, or why it is refused: a settings instance never prepares, and
 * a retry (the results phase's ShowError asked for one) prepares only the items it returned.
 */
function admitPrepare(session: HandlerSession, itemIds: Guid[]): ReadonlyMap<Guid, SyncItem> | HResultValue {
  const items = Array.isArray(itemIds) ? session.catalog.lookup(itemIds) : undefined;
  if (!items) return HResult.E_INVALIDARG;
  if (session.info.settings) {
    logToStderr('prepareForSync refused: a settings instance (SYNCMGRFLAG_SETTINGS) never synchronizes');
    return HResult.E_UNEXPECTED;
  }
  if (!session.lifeCycle.retrying) return items;
  const unasked = [...items.keys()].filter((itemId) => !session.retryItemIds.has(itemId));
  if (unasked.length === 0) return items;
  logToStderr(`prepareForSync refused: showError did not ask to retry ${unasked.join(', ')}`);
  return HResult.E_INVALIDARG;
}

async function prepareOutcome(session: HandlerSession, run: SyncRun): Promise<HResultValue> {
  if (!session.handler.prepareForSync) return HResult.S_OK;
  try {
    const answer = await session.handler.prepareForSync(run.items, session.phaseContext(run));
    return answer === 'decline' ? HResult.S_FALSE : HResult.S_OK;
  } catch (error) {
    await reportPhaseFailure(session, 'prepareForSync', error);
    return HResult.E_FAIL;
  }
}

function startSynchronize(session: HandlerSession): HResultValue {
  const { run, lifeCycle } = session;
  // Only after the prepare completed S_OK, which the phase alone does not tell.
  if (!lifeCycle.prepared || !run || !lifeCycle.receive(Synchronize)) return HResult.E_UNEXPECTED;
  afterAnswer(async () => {
    await session.host.complete(Synchronize, await synchronizeOutcome(session, run));
  });
  return HResult.S_OK;
}

async function synchronizeOutcome(session: HandlerSession, run: SyncRun): Promise<HResultValue> {
  const { handler, host } = session;
  try {
    if (handler.synchronize) {
      await handler.synchronize(run.items, session.phaseContext(run));
    } else if (handler.synchronizeItem) {
      const synchronizeItem = handler.synchronizeItem.bind(handler);
      await new ItemRunner(run, {
        synchronizeItem,
        contextFor: (control) => session.itemContext(run, control),
        report: (itemId, update) => postProgress(run, host, itemId, update),
        room: () => run.progress?.room(MAX_UNANSWERED_REPORTS),
        concurrency: session.options.concurrency ?? handler.concurrency ?? 1,
      }).runAll();
    }
    // Every report answered before the completion: the host has taken every item's last state.
    await run.progress?.settled();
    return HResult.S_OK;
  } catch (error) {
    await reportPhaseFailure(session, 'synchronize', error);
    return HResult.E_FAIL;
  }
}

function setItemStatus(session: HandlerSession, itemId: Guid, status: number): HResultValue {
  if (!session.lifeCycle.allows(SetItemStatus) || !session.run) return HResult.E_UNEXPECTED;
  const control = typeof itemId === 'string' ? session.run.control(itemId) : undefined;
  if (!control) return HResult.E_INVALIDARG;
  if (status === SyncMgrStatus.SYNCMGRSTATUS_SKIPPED) control.stop('skipped');
  // STOPPED is not sent by mobsync; a host that sends it as an extension gets the obvious meaning.
  if (status === SyncMgrStatus.SYNCMGRSTATUS_STOPPED) control.stop('stopped');
  return HResult.S_OK;
}

async function reportPhaseFailure(session: HandlerSession, phase: string, error: unknown): Promise<void> {
  const text = describeError(error);
  logToStderr(`${phase} failed: ${text}`);
  await session.host.logError('error', text);
}
