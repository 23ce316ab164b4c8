import { GUID_NULL, HResult, hresultName, SyncMgrErrorFlags, SyncMgrLogErrorMask, SyncMgrLogLevel } from '@syncmgr/protocol';
import type { CheckRecorder } from '../check-result.js';
import { idOf } from '../kit-answers.js';
import type { Callback } from '../probe-peer.js';
import type { ScenarioContext } from '../scenario-context.js';
import { MANUAL_WITH_USER, problemOfParams, type SessionDriver } from '../session-driver.js';
import { runSession } from './full-session.js';

const NO_ACTIONABLE_ENTRY =
  'the handler logged no actionable entry (an errorId with SYNCMGRERRORFLAG_ENABLEJUMPTEXT); run the kit on a configuration where an item fails to exercise ShowError';

/** LogError and DeleteLogError through a whole session; then ShowError on an actionable entry, and its retry. */
export async function log(context: ScenarioContext): Promise<void> {
  const { checks } = context;
  const driver = context.start();
  driver.answers.grantToken = true;
  const run = await runSession(driver, MANUAL_WITH_USER);
  const logged = driver.peer.callbacksOf('callback/logError');
  checkLevels(checks, driver, logged, run.stoppedBecause);
  checkDeletes(checks, driver.peer.callbacksOf('callback/deleteLogError'), logged);
  const actionable = logged.find(isActionable);
  if (run.stoppedBecause) checks.skip('log.show-error', `the session did not reach its results: ${run.stoppedBecause}`);
  else if (!actionable) checks.skip('log.show-error', NO_ACTIONABLE_ENTRY);
  else await checkShowError(checks, driver, String(infoOf(actionable)['errorId']));
  await driver.shutdown();
}

function checkLevels(checks: CheckRecorder, driver: SessionDriver, logged: readonly Callback[], stoppedBecause: string | undefined): void {
  if (logged.length === 0) {
    checks.skip('log.levels', `the handler logged nothing in a whole session${stoppedBecause ? ` (it stopped: ${stoppedBecause})` : ''}`);
    return;
  }
  const problems: string[] = [];
  for (const entry of logged) {
    const shape = problemOfParams(entry);
    if (shape) problems.push(shape);
    const level = entry.params['errorLevel'];
    if (typeof level !== 'number' || level < SyncMgrLogLevel.SYNCMGRLOGLEVEL_INFORMATION || level > SyncMgrLogLevel.SYNCMGRLOGLEVEL_LOGLEVELMAX) {
      problems.push(`errorLevel ${String(level)} is not a SYNCMGRLOGLEVEL (1 information, 2 warning, 3 error)`);
    }
    if (typeof entry.params['errorText'] !== 'string' || entry.params['errorText'] === '') problems.push('an entry without text');
    const info = infoOf(entry);
    const item = idOf(info['itemId']);
    if (item && !driver.answers.items.has(item)) problems.push(`an entry names item ${item}, which is not one of its items`);
    problems.push(...logInfoMaskProblems(info));
  }
  const levels = [...new Set(logged.map((entry) => entry.params['errorLevel']))].join(', ');
  checks.verdict('log.levels', problems, `${logged.length} entries, levels ${levels}, each with a text and a mask that fits its fields`);
}

const INFO_FIELDS: readonly [number, string][] = [
  [SyncMgrLogErrorMask.SYNCMGRLOGERROR_ERRORFLAGS, 'syncMgrErrorFlags'],
  [SyncMgrLogErrorMask.SYNCMGRLOGERROR_ERRORID, 'errorId'],
  [SyncMgrLogErrorMask.SYNCMGRLOGERROR_ITEMID, 'itemId'],
];

function logInfoMaskProblems(info: Record<string, unknown>): string[] {
  const mask = typeof info['mask'] === 'number' ? info['mask'] : 0;
  return INFO_FIELDS.filter(([bit, field]) => (mask & bit) !== 0 && info[field] === undefined).map(
    ([, field]) => `logErrorInfo's mask sets the bit of ${field}, which is absent`,
  );
}

function checkDeletes(checks: CheckRecorder, deletes: readonly Callback[], logged: readonly Callback[]): void {
  if (deletes.length === 0) {
    checks.skip('log.delete', 'the handler deleted no entry in a whole session');
    return;
  }
  const problems = deletes.flatMap((deletion) => {
    const errorId = idOf(deletion.params['errorId']);
    if (errorId === GUID_NULL) return [];
    const earlier = logged.some((entry) => entry.seq < deletion.seq && idOf(infoOf(entry)['errorId']) === errorId);
    return earlier ? [] : [`DeleteLogError(${String(deletion.params['errorId'])}) names no entry it logged before`];
  });
  checks.verdict('log.delete', problems, `${deletes.length} deletions, each of an entry it had logged (or GUID_NULL)`);
}

async function checkShowError(checks: CheckRecorder, driver: SessionDriver, errorId: string): Promise<void> {
  const shown = await driver.asynchronous('synchronize/showError', { errorId }, 'showError', 'callback/showErrorCompleted');
  if (shown.problem || !shown.completion) return checks.fail('log.show-error', shown.problem ?? 'ShowError did not complete');
  const completions = driver.peer.callbacksOf('callback/showErrorCompleted').length;
  if (completions !== 1) return checks.fail('log.show-error', `callback/showErrorCompleted came ${completions} times`);
  if (shown.hr !== HResult.S_SYNCMGR_RETRYSYNC)
    return checks.pass('log.show-error', `ShowError(${errorId}) answered S_OK and completed once, with ${hresultName(shown.hr ?? 0)}`);
  const itemIds = Array.isArray(shown.completion.params['itemIds']) ? (shown.completion.params['itemIds'] as unknown[]) : [];
  const foreign = itemIds.filter((id) => !driver.answers.items.has(idOf(id) ?? ''));
  if (itemIds.length === 0 || foreign.length > 0) {
    return checks.fail('log.show-error', `S_SYNCMGR_RETRYSYNC with itemIds ${JSON.stringify(itemIds)}: expected one or more items of the session`);
  }
  for (const id of itemIds) driver.answers.finalStatus.delete(idOf(id) ?? '');
  const prepared = await driver.asynchronous('synchronize/prepareForSync', { itemIds }, 'prepare', 'callback/prepareForSyncCompleted');
  const synchronized = prepared.hr === HResult.S_OK ? await driver.synchronize() : prepared;
  if (synchronized.problem || synchronized.hr === undefined)
    return checks.fail('log.show-error', `the retry of ${itemIds.length} items: ${synchronized.problem ?? 'no completion'}`);
  const unfinished = itemIds.filter((id) => !driver.answers.finalStatus.has(idOf(id) ?? ''));
  if (prepared.hr === HResult.S_OK && unfinished.length > 0)
    return checks.fail('log.show-error', `the retry left ${unfinished.join(', ')} with no final status`);
  checks.pass(
    'log.show-error',
    `ShowError(${errorId}) completed S_SYNCMGR_RETRYSYNC for ${itemIds.length} items; PrepareForSync and Synchronize ran again for them`,
  );
}

function isActionable(entry: Callback): boolean {
  const info = infoOf(entry);
  const flags = typeof info['syncMgrErrorFlags'] === 'number' ? info['syncMgrErrorFlags'] : 0;
  return idOf(info['errorId']) !== undefined && (flags & SyncMgrErrorFlags.SYNCMGRERRORFLAG_ENABLEJUMPTEXT) !== 0;
}

function infoOf(entry: Callback): Record<string, unknown> {
  const info = entry.params['logErrorInfo'];
  return typeof info === 'object' && info !== null ? (info as Record<string, unknown>) : {};
}
