import {
  GUID_NULL,
  HResult,
  hresultName,
  isCanonicalGuid,
  SyncMgrHandlerFlags,
  SyncMgrItemFlags,
  SyncMgrItemState,
  SyncMgrErrorCodes,
  SyncMgrProgressItemMask,
  type SyncMgrItem,
} from '@syncmgr/protocol';
import { checksOf } from '../check-catalogue.js';
import type { CheckRecorder } from '../check-result.js';
import { idOf } from '../kit-answers.js';
import { describeOutcome, resultOf } from '../probe-peer.js';
import type { ScenarioContext } from '../scenario-context.js';
import { MANUAL_WITH_USER, problemOfParams, problemOfResult, type SessionDriver } from '../session-driver.js';

const PROGRESS_METHODS = new Set(['callback/progress', 'callback/progressBatch']);

/** Every ISyncMgrSynchronize method in its phase, with its answer's shape and limits. */
export async function session(context: ScenarioContext): Promise<void> {
  const { checks } = context;
  const driver = context.start();
  driver.answers.grantToken = true;
  const opened = await openSession(driver, checks);
  if (!opened) {
    checks.skipRest(checksOf('session'), 'the session did not open (see session.initialize)');
    return;
  }
  const listing = await driver.list();
  checkItems(checks, listing.items, [...listing.problems, ...listing.itemProblems]);
  const first = listing.items[0]?.itemId ?? GUID_NULL;
  const itemObject = await driver.call('synchronize/getItemObject', { itemId: first, riid: GUID_NULL }, 'enumeration');
  if (problemOfResult('synchronize/getItemObject', itemObject))
    checks.fail('session.get-item-object', describeOutcome('synchronize/getItemObject', itemObject));
  else checks.pass('session.get-item-object', describeOutcome('synchronize/getItemObject', itemObject));
  if (listing.enumeratorId) await driver.call('enumItems/release', { enumeratorId: listing.enumeratorId });
  if (listing.items.length === 0) {
    checks.skipRest(checksOf('session'), 'the handler lists no items, so nothing is prepared or synchronized');
    return;
  }
  const judgeCompletions = await prepareAndSynchronize(driver, checks, listing.items);
  await driver.shutdown();
  judgeCompletions();
  checkReports(driver, checks);
  checkPhases(driver, checks);
}

async function openSession(driver: SessionDriver, checks: CheckRecorder): Promise<boolean> {
  const handshake = await driver.handshake();
  if (!driver.handshakeResult) {
    checks.fail('session.initialize', `the handshake failed: ${describeOutcome('syncmgr/handshake', handshake)}`);
    return false;
  }
  const initialize = await driver.call('synchronize/initialize', { syncMgrFlags: MANUAL_WITH_USER }, 'initialize');
  const hr = resultOf(initialize)?.['hr'];
  if (hr === HResult.S_FALSE) {
    checks.pass('session.initialize', 'answered S_FALSE: the handler declines a manual session');
    await checkDecline(driver, checks);
    return false;
  }
  if (hr !== HResult.S_OK) {
    checks.fail('session.initialize', `${describeOutcome('synchronize/initialize', initialize)}; expected {hr: 0} (S_OK) or {hr: 1} (S_FALSE)`);
    return false;
  }
  checks.pass('session.initialize', 'answered S_OK');
  checks.skip('session.initialize-decline', 'the handler took part in the session (S_OK): declining is not exercised');
  const info = await driver.call('synchronize/getHandlerInfo', {}, 'handlerInfo');
  const problem = problemOfResult('synchronize/getHandlerInfo', info);
  const flags = (resultOf(info)?.['handlerInfo'] as { handlerFlags?: number } | undefined)?.handlerFlags ?? 0;
  const unknownFlags = flags & ~SyncMgrHandlerFlags.SYNCMGRHANDLERFLAG_MASK;
  if (problem) checks.fail('session.handler-info', problem);
  else if (unknownFlags) checks.fail('session.handler-info', `handlerFlags 0x${flags.toString(16)} sets bits outside SYNCMGRHANDLERFLAG_MASK (0x0f)`);
  else checks.pass('session.handler-info', describeOutcome('synchronize/getHandlerInfo', info));
  return !problem;
}

async function checkDecline(driver: SessionDriver, checks: CheckRecorder): Promise<void> {
  const { answer, exited } = await driver.shutdown();
  const problems = [
    ...driver.peer.callbacks.map((callback) => `after declining it sent ${callback.method}`),
    ...(resultOf(answer) ? [] : [describeOutcome('syncmgr/shutdown', answer)]),
    ...(exited ? [] : ['it did not exit once shut down']),
  ];
  checks.verdict('session.initialize-decline', problems, 'after S_FALSE it sent nothing, answered the shutdown and exited');
}

function checkItems(checks: CheckRecorder, items: readonly SyncMgrItem[], problems: readonly string[]): void {
  const seen = new Set<string>();
  const found = [...problems];
  for (const item of items) {
    const name = JSON.stringify(item.itemName);
    if (!isCanonicalGuid(item.itemId))
      found.push(`item ${name}: itemId ${JSON.stringify(item.itemId)} is not a GUID in canonical form (lower case, no braces)`);
    if (seen.has(item.itemId)) found.push(`item ${name}: itemId ${item.itemId} is listed twice`);
    seen.add(item.itemId);
    if (item.flags & ~SyncMgrItemFlags.SYNCMGRITEM_ITEMFLAGMASK)
      found.push(`item ${name}: flags 0x${item.flags.toString(16)} outside SYNCMGRITEM_ITEMFLAGMASK (0x7f)`);
    if (item.itemState !== SyncMgrItemState.SYNCMGRITEMSTATE_CHECKED && item.itemState !== SyncMgrItemState.SYNCMGRITEMSTATE_UNCHECKED) {
      found.push(`item ${name}: itemState ${item.itemState} is neither SYNCMGRITEMSTATE_CHECKED (1) nor _UNCHECKED (0)`);
    }
  }
  checks.verdict('session.items', found, `${items.length} items, each with a unique GUID, a name of 1 to 128 characters, known flags and state`);
}

/**
 * PrepareForSync and Synchronize; returns the judging of their completions, to run once the
 * shutdown was answered: a second completion sent late has arrived by then.
 */
async function prepareAndSynchronize(driver: SessionDriver, checks: CheckRecorder, items: readonly SyncMgrItem[]): Promise<() => void> {
  const itemIds = items.map((item) => item.itemId);
  const prepared = await driver.prepare(itemIds);
  if (prepared.problem?.startsWith('synchronize/setProgressCallback:')) {
    checks.fail('session.set-progress-callback', prepared.problem);
    return () => undefined;
  }
  checks.pass('session.set-progress-callback', 'answered S_OK');
  const preparedOnce = (): boolean => completedOnce(driver, checks, 'session.prepare-completed-once', 'callback/prepareForSyncCompleted', prepared);
  if (prepared.problem || prepared.hr !== HResult.S_OK) {
    const why = prepared.problem ? 'PrepareForSync did not complete' : `PrepareForSync completed ${hresultName(prepared.hr ?? 0)}`;
    return () => {
      preparedOnce();
      checks.skipRest(['session.synchronize-completed-once', 'session.final-status'], `${why}, so Synchronize is not called`);
    };
  }
  const synchronized = await driver.synchronize();
  return () => {
    if (!preparedOnce()) return;
    completedOnce(driver, checks, 'session.synchronize-completed-once', 'callback/synchronizeCompleted', synchronized);
    if (!synchronized.completion) return checks.skip('session.final-status', 'Synchronize did not complete');
    const completedAt = synchronized.completion.seq;
    const missing = itemIds.filter((id) => {
      const final = driver.answers.finalStatus.get(idOf(id) ?? id);
      return !final || final.seq > completedAt;
    });
    checks.verdict(
      'session.final-status',
      missing.map((id) => `item ${id} has no final status before SynchronizeCompleted`),
      `all ${itemIds.length} items had a final status before SynchronizeCompleted`,
    );
  };
}

function completedOnce(
  driver: SessionDriver,
  checks: CheckRecorder,
  id: 'session.prepare-completed-once' | 'session.synchronize-completed-once',
  method: string,
  step: { hr?: number; problem?: string },
): boolean {
  if (step.problem) {
    checks.fail(id, step.problem);
    return false;
  }
  const count = driver.peer.callbacksOf(method).length;
  if (count !== 1) checks.fail(id, `${method} came ${count} times`);
  else checks.pass(id, `answered S_OK, then ${method} once, with ${hresultName(step.hr ?? 0)}`);
  return count === 1;
}

function checkReports(driver: SessionDriver, checks: CheckRecorder): void {
  const problems: string[] = [];
  for (const callback of driver.peer.callbacks.filter((c) => PROGRESS_METHODS.has(c.method))) {
    const shape = problemOfParams(callback);
    if (shape) problems.push(shape);
  }
  for (const { itemId, progressItem } of driver.answers.reports) {
    const problem = maskProblem(progressItem);
    if (problem) problems.push(`a report for ${itemId}: ${problem}`);
  }
  for (const { code, why } of driver.answers.refused) if (code === SyncMgrErrorCodes.UnknownItem) problems.push(why);
  checks.verdict(
    'session.progress-shape',
    problems,
    `${driver.answers.reports.length} reports, each naming an item of the session with a mask that fits its fields`,
  );
}

const MASK_FIELDS: readonly [number, string][] = [
  [SyncMgrProgressItemMask.SYNCMGRPROGRESSITEM_STATUSTEXT, 'statusText'],
  [SyncMgrProgressItemMask.SYNCMGRPROGRESSITEM_STATUSTYPE, 'statusType'],
  [SyncMgrProgressItemMask.SYNCMGRPROGRESSITEM_PROGVALUE, 'progValue'],
  [SyncMgrProgressItemMask.SYNCMGRPROGRESSITEM_MAXVALUE, 'maxValue'],
];

function maskProblem(progressItem: Record<string, unknown>): string | undefined {
  const mask = typeof progressItem['mask'] === 'number' ? progressItem['mask'] : 0;
  for (const [bit, field] of MASK_FIELDS) {
    if ((mask & bit) !== 0 && progressItem[field] === undefined) return `the mask sets the bit of ${field}, which is absent`;
  }
  return undefined;
}

function checkPhases(driver: SessionDriver, checks: CheckRecorder): void {
  const outOfPhase = driver.answers.refused.filter(({ code }) => code !== SyncMgrErrorCodes.UnknownItem).map(({ why }) => why);
  checks.verdict('session.callbacks-in-phase', outOfPhase, `${driver.peer.callbacks.length} callbacks, each in a phase that allows it`);
}
