import { HResult, hresultName, SyncMgrErrorCodes, SyncMgrFlag, type SyncMgrItem } from '@syncmgr/protocol';
import { checksOf, type CheckId } from '../check-catalogue.js';
import type { CheckRecorder } from '../check-result.js';
import { describeOutcome, resultOf } from '../probe-peer.js';
import type { ScenarioContext } from '../scenario-context.js';
import { hrOf, type SessionDriver } from '../session-driver.js';

const SETTINGS = SyncMgrFlag.SYNCMGRFLAG_MANUAL | SyncMgrFlag.SYNCMGRFLAG_SETTINGS;
const LARGE_LISTING = 10_000;
const MAX_CELT = 10_000;
const NAVIGATION: readonly CheckId[] = ['enumerator.skip', 'enumerator.reset', 'enumerator.clone'];

/** ISyncMgrEnumItems: pages of growing size, Skip, Reset, Clone, Release; then a second run's IDs. */
export async function enumerator(context: ScenarioContext): Promise<void> {
  const { checks } = context;
  const first = await listedIn(context);
  if (!first) return;
  const { driver, enumeratorId, items } = first;
  if (driver.handshakeResult?.['capabilities'] && (driver.handshakeResult['capabilities'] as Record<string, unknown>)['enumeratorNavigation'] === true) {
    const navigate = new Navigator(driver, enumeratorId, items);
    await navigate.reset(checks);
    await navigate.skip(checks);
    await navigate.clone(checks);
  } else {
    checks.skipRest(NAVIGATION, 'the handshake does not declare capabilities.enumeratorNavigation');
  }
  await release(driver, enumeratorId, checks);
  if (items.length >= LARGE_LISTING) checks.pass('enumerator.large-listing', `${items.length} items listed to the end`);
  else checks.skip('enumerator.large-listing', `the handler lists ${items.length} items, fewer than ${LARGE_LISTING}`);
  await stableIds(context, items);
}

async function listedIn(context: ScenarioContext): Promise<{ driver: SessionDriver; enumeratorId: string; items: SyncMgrItem[] } | undefined> {
  const { checks } = context;
  const driver = context.start();
  const opened = await driver.open(SETTINGS);
  if (opened.problem || opened.hr !== HResult.S_OK) {
    checks.skipRest(checksOf('enumerator'), `the settings instance did not open: ${opened.problem ?? hresultName(opened.hr ?? 0)}`);
    return undefined;
  }
  const opening = await driver.call('synchronize/enumSyncMgrItems', {}, 'enumeration');
  const enumeratorId = resultOf(opening)?.['enumeratorId'];
  if (typeof enumeratorId !== 'string') {
    checks.skipRest(checksOf('enumerator'), `no enumerator: ${describeOutcome('synchronize/enumSyncMgrItems', opening)}`);
    return undefined;
  }
  const items: SyncMgrItem[] = [];
  const problems: string[] = [];
  // Pages of 1, 2, 3… items (then the largest), so off-by-one paging shows.
  for (let celt = 1, ended = false; !ended; celt = Math.min(MAX_CELT, celt < 64 ? celt + 1 : MAX_CELT)) {
    const page = await driver.next(enumeratorId, celt);
    items.push(...page.items);
    const problem = page.problem ?? pageProblem(celt, page.items.length, page.hr);
    if (problem) problems.push(problem);
    ended = problem !== undefined || page.hr !== HResult.S_OK;
  }
  const after = await driver.next(enumeratorId, 1);
  if (after.items.length > 0 || after.hr !== HResult.S_FALSE)
    problems.push(`after the end, Next(1) gave ${after.items.length} items and ${after.problem ?? hresultName(after.hr ?? 0)}; expected none and S_FALSE`);
  checks.verdict('enumerator.pages', problems, `${items.length} items in pages of 1, 2, 3… items, S_FALSE at the end and after it`);
  return { driver, enumeratorId, items };
}

function pageProblem(celt: number, count: number, hr: number | undefined): string | undefined {
  if (count > celt) return `Next(${celt}) gave ${count} items`;
  if (count === celt && hr !== HResult.S_OK) return `Next(${celt}) gave a full page with ${hresultName(hr ?? 0)}; expected S_OK`;
  if (count < celt && hr !== HResult.S_FALSE) return `Next(${celt}) gave ${count} items with ${hresultName(hr ?? 0)}; expected S_FALSE`;
  return undefined;
}

/** Skip, Reset and Clone against the listing already made, on the same enumerator. */
class Navigator {
  constructor(
    private readonly driver: SessionDriver,
    private readonly enumeratorId: string,
    private readonly items: readonly SyncMgrItem[],
  ) {}

  async reset(checks: CheckRecorder): Promise<void> {
    const problem = (await this.resetTo(this.enumeratorId)) ?? (await this.expectNext(this.enumeratorId, 0, this.items.length));
    checks.verdict('enumerator.reset', problem ? [problem] : [], `after Reset, Next(${this.items.length}) gave the same ${this.items.length} items in order`);
  }

  async skip(checks: CheckRecorder): Promise<void> {
    if (this.items.length < 2) {
      checks.skip('enumerator.skip', `the handler lists ${this.items.length} items: Skip needs two to be seen`);
      return;
    }
    const problems: string[] = [];
    const resetProblem = await this.resetTo(this.enumeratorId);
    if (resetProblem) problems.push(resetProblem);
    const skipped = await this.driver.call('enumItems/skip', { enumeratorId: this.enumeratorId, celt: 1 });
    if (hrOf(skipped) !== HResult.S_OK) problems.push(`Skip(1) of ${this.items.length}: ${describeOutcome('enumItems/skip', skipped)}; expected S_OK`);
    const next = await this.expectNext(this.enumeratorId, 1, 1);
    if (next) problems.push(`after Skip(1): ${next}`);
    const past = await this.driver.call('enumItems/skip', { enumeratorId: this.enumeratorId, celt: this.items.length });
    if (hrOf(past) !== HResult.S_FALSE) problems.push(`Skip past the end: ${describeOutcome('enumItems/skip', past)}; expected S_FALSE`);
    checks.verdict('enumerator.skip', problems, 'Skip(1) then Next(1) gave the second item; Skip past the end answered S_FALSE');
  }

  async clone(checks: CheckRecorder): Promise<void> {
    if (this.items.length < 2) {
      checks.skip('enumerator.clone', `the handler lists ${this.items.length} items: a clone's position needs two to be seen`);
      return;
    }
    const problems: string[] = [];
    await this.resetTo(this.enumeratorId);
    await this.driver.next(this.enumeratorId, 1);
    const cloned = await this.driver.call('enumItems/clone', { enumeratorId: this.enumeratorId });
    const cloneId = resultOf(cloned)?.['enumeratorId'];
    if (hrOf(cloned) !== HResult.S_OK || typeof cloneId !== 'string' || cloneId === this.enumeratorId) {
      checks.fail('enumerator.clone', `${describeOutcome('enumItems/clone', cloned)}; expected S_OK and a new enumeratorId`);
      return;
    }
    const onClone = await this.expectNext(cloneId, 1, 1);
    if (onClone) problems.push(`the clone, made after one item: ${onClone}`);
    const onOriginal = await this.expectNext(this.enumeratorId, 1, 1);
    if (onOriginal) problems.push(`the original, after the clone was read: ${onOriginal}`);
    await this.driver.call('enumItems/release', { enumeratorId: cloneId });
    checks.verdict('enumerator.clone', problems, 'the clone started where the original was, and reading one did not move the other');
  }

  private async resetTo(enumeratorId: string): Promise<string | undefined> {
    const reset = await this.driver.call('enumItems/reset', { enumeratorId });
    return hrOf(reset) === HResult.S_OK ? undefined : `${describeOutcome('enumItems/reset', reset)}; expected S_OK`;
  }

  // Next(count) must give the listing's items from `from` on.
  private async expectNext(enumeratorId: string, from: number, count: number): Promise<string | undefined> {
    const page = await this.driver.next(enumeratorId, Math.min(MAX_CELT, count));
    if (page.problem) return page.problem;
    const expected = this.items.slice(from, from + Math.min(MAX_CELT, count)).map((item) => item.itemId);
    const got = page.items.map((item) => item.itemId);
    const same = got.length === expected.length && got.every((id, i) => id === expected[i]);
    return same ? undefined : `Next(${count}) gave ${got.slice(0, 3).join(', ') || 'nothing'}…; expected ${expected.slice(0, 3).join(', ')}…`;
  }
}

async function release(driver: SessionDriver, enumeratorId: string, checks: CheckRecorder): Promise<void> {
  const released = await driver.call('enumItems/release', { enumeratorId });
  const after = await driver.call('enumItems/next', { enumeratorId, celt: 1 });
  const problems: string[] = [];
  if (hrOf(released) === undefined) problems.push(`${describeOutcome('enumItems/release', released)}; expected an hr`);
  if (!('error' in after) || after.error.code !== SyncMgrErrorCodes.UnknownEnumerator) {
    problems.push(`Next on the released enumerator: ${describeOutcome('enumItems/next', after)}; expected error -32052 (UnknownEnumerator)`);
  }
  checks.verdict('enumerator.release', problems, 'Release answered; Next on it was then refused with -32052');
}

async function stableIds(context: ScenarioContext, items: readonly SyncMgrItem[]): Promise<void> {
  const second = context.start();
  const opened = await second.open(SETTINGS);
  const listing = opened.hr === HResult.S_OK ? await second.list() : undefined;
  if (!listing || listing.problems.length > 0) {
    context.checks.fail(
      'enumerator.stable-ids',
      `the second run did not list its items: ${opened.problem ?? listing?.problems.join('; ') ?? hresultName(opened.hr ?? 0)}`,
    );
    return;
  }
  const before = new Map(items.map((item) => [item.itemName, item.itemId]));
  const changed = listing.items.filter((item) => before.has(item.itemName) && before.get(item.itemName) !== item.itemId);
  const firstIds = new Set(items.map((item) => item.itemId));
  const lost = listing.items.filter((item) => !firstIds.has(item.itemId)).length;
  const problems = changed.map((item) => `item ${JSON.stringify(item.itemName)}: ${before.get(item.itemName)} in the first run, ${item.itemId} in the second`);
  if (problems.length === 0 && lost > 0) problems.push(`${lost} of ${listing.items.length} item IDs of the second run were not in the first`);
  context.checks.verdict('enumerator.stable-ids', problems, `the same ${items.length} item IDs in two runs`);
}
