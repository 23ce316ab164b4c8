import { GUID_NULL, HResult, hresultName, SyncMgrFlag, SyncMgrHandlerFlags, SyncMgrItemFlags, type SyncMgrItem } from '@syncmgr/protocol';
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

/**
 * A session that grants the EnableModeless token and one that refuses it; then a settings
 * instance and its properties, whose prompts (if any) count for the token check too.
 */
export async function modeless(context: ScenarioContext): Promise<void> {
  const granted = await sessionGrantingTheToken(context);
  await tokenRefused(context);
  const settings = await settingsInstance(context);
  checkToken(context.checks, settings ? [granted, settings] : [granted]);
}

async function sessionGrantingTheToken(context: ScenarioContext): Promise<SessionDriver> {
  const driver = context.start();
  driver.answers.grantToken = true;
  await runSession(driver, MANUAL_WITH_USER);
  await driver.shutdown();
  return driver;
}

function checkToken(checks: CheckRecorder, drivers: readonly SessionDriver[]): void {
  const requests = drivers.flatMap((driver) => driver.answers.tokenRequests);
  const prompts = drivers.flatMap((driver) => driver.peer.callbacksOf('callback/prompt'));
  if (requests.length === 0 && prompts.length === 0) {
    checks.skip('modeless.token', 'the handler asked for the EnableModeless token nowhere: not in a session a user could be asked in, nor in ShowProperties');
    return;
  }
  checks.verdict(
    'modeless.token',
    drivers
      .flatMap((driver) => driver.answers.promptsWithoutToken)
      .map((prompt) => `callback/prompt in ${prompt.phase} without the token: ${JSON.stringify(prompt.params['title'])}`),
    `${requests.length} token requests granted, ${prompts.length} prompts (in ${[...new Set(prompts.map((p) => p.phase))].join(', ') || 'no phase'}), each while holding the token`,
  );
}

/** A session, and ShowProperties where there are properties, with every token request refused. */
async function tokenRefused(context: ScenarioContext): Promise<void> {
  const session = context.start();
  await runSession(session, MANUAL_WITH_USER);
  await session.shutdown();
  const properties = context.start();
  await propertiesOf(properties);
  await properties.shutdown();
  const drivers = [session, properties];
  const refusals = drivers.flatMap((driver) => driver.answers.tokenRequests.map((request) => ({ driver, callback: request.callback })));
  if (refusals.length === 0) {
    context.checks.skip('modeless.refusal', 'the handler did not ask for the token, so S_FALSE was never given');
    return;
  }
  const problems = drivers
    .flatMap((driver) => driver.answers.promptsWithoutToken)
    .map((prompt) => `callback/prompt without the token: ${JSON.stringify(prompt.params['title'])}`);
  for (const { driver, callback } of refusals) {
    const completion = COMPLETIONS[callback.phase];
    const completed = completion === undefined || driver.peer.callbacks.some((later) => later.method === completion && later.seq > callback.seq);
    if (!completed) problems.push(`after S_FALSE in ${callback.phase}, ${completion} never came`);
  }
  const phases = [...new Set(refusals.map(({ callback }) => callback.phase))].join(', ');
  context.checks.verdict(
    'modeless.refusal',
    problems,
    `${refusals.length} token requests answered S_FALSE (in ${phases}); the handler asked nothing and completed the phase`,
  );
}

/** A settings instance's ShowProperties, not judged: for the refusal check. */
async function propertiesOf(driver: SessionDriver): Promise<void> {
  const opened = await driver.open(SETTINGS);
  if (opened.problem || opened.hr !== HResult.S_OK) return;
  const listing = await driver.list();
  if (listing.enumeratorId) await driver.call('enumItems/release', { enumeratorId: listing.enumeratorId });
  const target = propertiesTarget(driver, listing.items);
  if (target) await driver.asynchronous('synchronize/showProperties', { itemId: target }, 'properties', 'callback/showPropertiesCompleted');
}

/** The item whose properties to show (GUID_NULL: the handler's own), or undefined when none has any. */
function propertiesTarget(driver: SessionDriver, items: readonly SyncMgrItem[]): string | undefined {
  const withProperties = items.find((item) => (item.flags & SyncMgrItemFlags.SYNCMGRITEM_HASPROPERTIES) !== 0);
  const handlerHas = ((driver.handlerInfo?.handlerFlags ?? 0) & SyncMgrHandlerFlags.SYNCMGRHANDLER_HASPROPERTIES) !== 0;
  return withProperties?.itemId ?? (handlerHas ? GUID_NULL : undefined);
}

/** The settings instance, shut down; undefined when it did not open. */
async function settingsInstance(context: ScenarioContext): Promise<SessionDriver | undefined> {
  const { checks } = context;
  const driver = context.start();
  driver.answers.grantToken = true;
  const opened = await driver.open(SETTINGS);
  if (opened.problem || opened.hr !== HResult.S_OK) {
    const why = `the settings instance did not open: ${opened.problem ?? hresultName(opened.hr ?? 0)}`;
    checks.fail('modeless.settings-instance', why);
    checks.skip('modeless.show-properties', why);
    return undefined;
  }
  const listing = await driver.list();
  if (listing.enumeratorId) await driver.call('enumItems/release', { enumeratorId: listing.enumeratorId });
  const target = propertiesTarget(driver, listing.items);
  if (target) await showProperties(checks, driver, target);
  else checks.skip('modeless.show-properties', 'neither the handler (SYNCMGRHANDLER_HASPROPERTIES) nor any item (SYNCMGRITEM_HASPROPERTIES) has properties');
  await driver.shutdown();
  const problems = [...listing.problems, ...driver.answers.reports.map((report) => `a settings instance reported progress for ${report.itemId}`)];
  checks.verdict('modeless.settings-instance', problems, `listed ${listing.items.length} items and synchronized nothing`);
  return driver;
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
