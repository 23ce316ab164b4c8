import {
  HResult,
  PrepareForSync,
  PrepareForSyncCompleted,
  SetItemStatus,
  Synchronize,
  SynchronizeCompleted,
  SyncMgrStatus,
  type Guid,
  type HResultValue,
} from '@syncmgr/protocol';
import type { MessageConnection } from 'vscode-jsonrpc/node';
import { afterAnswer } from './after-answer.js';
import { reportProgress } from './contexts.js';
import { describeError, logToStderr } from './diagnostics.js';
import { ItemRunner } from './item-runner.js';
import type { HandlerSession } from './session.js';
import { SyncRun } from './sync-run.js';

/** Answers PrepareForSync, Synchronize and SetItemStatus, and sends their completions. */
export function registerSyncRequests(connection: MessageConnection, session: HandlerSession): void {
  connection.onRequest(PrepareForSync.type, ({ itemIds }) => ({ hr: startPrepare(session, itemIds) }));
  connection.onRequest(Synchronize.type, () => ({ hr: startSynchronize(session) }));
  connection.onRequest(SetItemStatus.type, ({ itemId, syncMgrStatus }) => ({
    hr: setItemStatus(session, itemId, syncMgrStatus),
  }));
}

function startPrepare(session: HandlerSession, itemIds: Guid[]): HResultValue {
  // Without the progress callback there is nobody to send the completion to.
  if (!session.is('ready', 'results') || !session.progressCallbackEnabled) return HResult.E_UNEXPECTED;
  const items = Array.isArray(itemIds) ? session.catalog.lookup(itemIds) : undefined;
  if (!items) return HResult.E_INVALIDARG;
  const admission = admitPrepare(session, [...items.keys()]);
  if (admission !== HResult.S_OK) return admission;
  const returnTo = session.phase;
  session.retryItemIds.clear();
  const run = new SyncRun(items);
  session.run = run;
  session.phase = 'preparing';
  afterAnswer(async () => {
    const hr = await prepareOutcome(session, run);
    // The phase moves before the completion goes out: the host may call Synchronize at once.
    if (session.is('preparing')) session.phase = hr === HResult.S_OK ? 'prepared' : returnTo;
    await session.host.complete(PrepareForSyncCompleted, hr);
  });
  return HResult.S_OK;
}

/**
 * S_OK when this PrepareForSync fits: the first one takes any items; after a completed
 * Synchronize only a retry that a ShowError asked for, and only for the items it returned.
 */
function admitPrepare(session: HandlerSession, itemIds: readonly Guid[]): HResultValue {
  if (session.info.settings) {
    logToStderr('prepareForSync refused: a settings instance (SYNCMGRFLAG_SETTINGS) never synchronizes');
    return HResult.E_UNEXPECTED;
  }
  if (session.is('ready')) return HResult.S_OK;
  if (session.retryItemIds.size === 0) {
    logToStderr('prepareForSync refused: synchronize already completed and no showError asked for a retry');
    return HResult.E_UNEXPECTED;
  }
  const unasked = itemIds.filter((itemId) => !session.retryItemIds.has(itemId));
  if (unasked.length === 0) return HResult.S_OK;
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
  const { run } = session;
  if (!session.is('prepared') || !run) return HResult.E_UNEXPECTED;
  session.phase = 'synchronizing';
  afterAnswer(async () => {
    const hr = await synchronizeOutcome(session, run);
    // Before the completion goes out: the host may send ShowError (and then a retry) at once.
    if (session.is('synchronizing')) session.phase = 'results';
    await session.host.complete(SynchronizeCompleted, hr);
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
        report: (itemId, update, awaitVerdict) => reportProgress(run, host, itemId, update, awaitVerdict),
        concurrency: session.options.concurrency ?? 1,
      }).runAll();
    }
    return HResult.S_OK;
  } catch (error) {
    await reportPhaseFailure(session, 'synchronize', error);
    return HResult.E_FAIL;
  }
}

function setItemStatus(session: HandlerSession, itemId: Guid, status: number): HResultValue {
  if (!session.is('preparing', 'synchronizing') || !session.run) return HResult.E_UNEXPECTED;
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
