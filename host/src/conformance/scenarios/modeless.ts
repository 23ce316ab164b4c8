import { GUID_NULL, HResult, hresultName, SyncMgrFlag, SyncMgrHandlerFlags, SyncMgrItemFlags } from '@syncmgr/protocol';
import type { CheckRecorder } from '../check-result.js';
import type { ScenarioContext } from '../scenario-context.js';
import { MANUAL_WITH_USER, type SessionDriver } from '../session-driver.js';
import { runSession } from './full-session.js';

const SETTINGS = SyncMgrFlag.SYNCMGRFLAG_MANUAL | SyncMgrFlag.SYNCMGRFLAG_SETTINGS;
// The completion a phase that may ask the user ends with: a refusal must not leave it hanging.
const COMPLETIONS: Partial<Record<string, string>> = {
  prepare: 'callback/prepareForSyncCompleted',
  synchronize: 'callback/synchronizeCompleted',
  showError: 'callback/showErrorCompleted',
  properties: 'callback/showPropertiesCompleted',
};
const RE_ENUMERATE: ReadonlySet<number> = new Set([HResult.S_SYNCMGR_ENUMITEMS, HResult.S_SYNCMGR_ITEMDELETED]);

/** The EnableModeless token granted, then refused; then a settings instance and its properties. */
export async function modeless(context: ScenarioContext): Promise<void> {
  await tokenGranted(context);
  await tokenRefused(context);
  await settingsInstance(context);
}

async function tokenGranted(context: ScenarioContext): Promise<void> {
  const driver = context.start();
  driver.answers.grantToken = true;
  await runSession(driver, MANUAL_WITH_USER);
  await driver.shutdown();
  const { promptsWithoutToken, tokenRequests } = driver.answers;
  const prompts = driver.peer.callbacksOf('callback/prompt').length;
  if (tokenRequests.length === 0 && prompts === 0) {
    context.checks.skip('modeless.token', 'the handler asked for the EnableModeless token nowhere in a session a user could be asked in');
    return;
  }
  context.checks.verdict(
    'modeless.token',
    promptsWithoutToken.map((prompt) => `callback/prompt in ${prompt.phase} without the token: ${JSON.stringify(prompt.params['title'])}`),
    `${tokenRequests.length} token requests granted, ${prompts} prompts, each while holding the token`,
  );
}

async function tokenRefused(context: ScenarioContext): Promise<void> {
  const driver = context.start();
  const run = await runSession(driver, MANUAL_WITH_USER);
  await driver.shutdown();
  const refusals = driver.answers.tokenRequests.filter((request) => !request.granted);
  if (refusals.length === 0) {
    context.checks.skip('modeless.refusal', 'the handler did not ask for the token, so S_FALSE was never given');
    return;
  }
  const problems = driver.answers.promptsWithoutToken.map((prompt) => `callback/prompt without the token: ${JSON.stringify(prompt.params['title'])}`);
  for (const { callback } of refusals) {
    const completion = COMPLETIONS[callback.phase];
    const completed = completion === undefined || driver.peer.callbacks.some((later) => later.method === completion && later.seq > callback.seq);
    if (!completed) problems.push(`after S_FALSE in ${callback.phase}, ${completion} never came${run.stoppedBecause ? ` (${run.stoppedBecause})` : ''}`);
  }
  context.checks.verdict('modeless.refusal', problems, `${refusals.length} token requests answered S_FALSE; the handler asked nothing and completed the phase`);
}

async function settingsInstance(context: ScenarioContext): Promise<void> {
  const { checks } = context;
  const driver = context.start();
  driver.answers.grantToken = true;
  const opened = await driver.open(SETTINGS);
  if (opened.problem || opened.hr !== HResult.S_OK) {
    const why = `the settings instance did not open: ${opened.problem ?? hresultName(opened.hr ?? 0)}`;
    checks.fail('modeless.settings-instance', why);
    checks.skip('modeless.show-properties', why);
    return;
  }
  const listing = await driver.list();
  if (listing.enumeratorId) await driver.call('enumItems/release', { enumeratorId: listing.enumeratorId });
  const withProperties = listing.items.find((item) => (item.flags & SyncMgrItemFlags.SYNCMGRITEM_HASPROPERTIES) !== 0);
  const handlerHas = ((driver.handlerInfo?.handlerFlags ?? 0) & SyncMgrHandlerFlags.SYNCMGRHANDLER_HASPROPERTIES) !== 0;
  if (handlerHas || withProperties) await showProperties(checks, driver, withProperties?.itemId ?? GUID_NULL);
  else checks.skip('modeless.show-properties', 'neither the handler (SYNCMGRHANDLER_HASPROPERTIES) nor any item (SYNCMGRITEM_HASPROPERTIES) has properties');
  await driver.shutdown();
  const problems = [...listing.problems, ...driver.answers.reports.map((report) => `a settings instance reported progress for ${report.itemId}`)];
  checks.verdict('modeless.settings-instance', problems, `listed ${listing.items.length} items and synchronized nothing`);
}

async function showProperties(checks: CheckRecorder, driver: SessionDriver, itemId: string): Promise<void> {
  const shown = await driver.asynchronous('synchronize/showProperties', { itemId }, 'properties', 'callback/showPropertiesCompleted');
  const completions = driver.peer.callbacksOf('callback/showPropertiesCompleted').length;
  const whose = itemId === GUID_NULL ? 'the handler' : `item ${itemId}`;
  if (shown.problem) return checks.fail('modeless.show-properties', `ShowProperties for ${whose}: ${shown.problem}`);
  if (completions !== 1) return checks.fail('modeless.show-properties', `callback/showPropertiesCompleted came ${completions} times`);
  if (RE_ENUMERATE.has(shown.hr ?? 0)) {
    const again = await driver.list();
    if (again.problems.length > 0)
      return checks.fail('modeless.show-properties', `ShowProperties asked to enumerate again, which then failed: ${again.problems.join('; ')}`);
  }
  checks.pass('modeless.show-properties', `ShowProperties for ${whose}: answered S_OK, completed once with ${hresultName(shown.hr ?? 0)}`);
}
