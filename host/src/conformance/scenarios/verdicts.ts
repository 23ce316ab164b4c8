import { HResult, hresultName, SyncMgrStatus, type SyncMgrItem } from '@syncmgr/protocol';
import type { CheckId } from '../check-catalogue.js';
import type { SeenReport } from '../kit-answers.js';
import { describeOutcome, type Outcome } from '../probe-peer.js';
import type { ScenarioContext } from '../scenario-context.js';
import { hrOf, MANUAL_WITH_USER, type SessionDriver } from '../session-driver.js';

const STOPPED_OR_SKIPPED: ReadonlySet<number> = new Set([SyncMgrStatus.SYNCMGRSTATUS_STOPPED, SyncMgrStatus.SYNCMGRSTATUS_SKIPPED]);
const STATUS_NAMES = new Map<number, string>(Object.entries(SyncMgrStatus).map(([name, value]) => [value, name.replace('SYNCMGRSTATUS_', '').toLowerCase()]));

/** The first report of Synchronize, which the kit answers with its verdict, and when it did. */
interface Verdict {
  readonly target: string;
  readonly at: number;
}

/**
 * CANCELITEM, CANCELALL and SetItemStatus(SKIPPED), each on a session of its own, given at the
 * first report of Synchronize. An item may have finished before it read the verdict (a fast item,
 * a pipelined handler): ending succeeded then is a warning, not a failure; ending late, or not at
 * all, fails.
 */
export async function verdicts(context: ScenarioContext): Promise<void> {
  await cancelItem(context);
  await cancelAll(context);
  await skipItem(context);
}

async function cancelItem(context: ScenarioContext): Promise<void> {
  const id: CheckId = 'verdicts.cancel-item';
  await underVerdict(
    context,
    id,
    (verdict) => (report) => (report.itemId === verdict()?.target ? HResult.S_SYNCMGR_CANCELITEM : HResult.S_OK),
    (driver, verdict) => {
      const { checks } = context;
      const ended = endedWithin(context, driver, verdict, verdict.target);
      if (ended.problem) return checks.fail(id, ended.problem);
      const others = [...driver.answers.finalStatus].filter(([item, final]) => item !== verdict.target && final.status === SyncMgrStatus.SYNCMGRSTATUS_STOPPED);
      if (others.length > 0) return checks.fail(id, `CANCELITEM for ${verdict.target} also stopped ${others.map(([item]) => item).join(', ')}`);
      if (STOPPED_OR_SKIPPED.has(ended.status))
        return checks.pass(id, `answered CANCELITEM to ${verdict.target}'s first report: it ended ${statusName(ended.status)} ${ended.ms} ms later`);
      return checks.warn(
        id,
        `answered CANCELITEM to ${verdict.target}'s first report: it still ended ${statusName(ended.status)} (${ended.ms} ms later), perhaps done before it read the verdict`,
      );
    },
  );
}

async function cancelAll(context: ScenarioContext): Promise<void> {
  const id: CheckId = 'verdicts.cancel-all';
  await underVerdict(
    context,
    id,
    (verdict) => () => (verdict() ? HResult.S_SYNCMGR_CANCELALL : HResult.S_OK),
    (driver, verdict, completedAt) => {
      const { checks } = context;
      const ms = completedAt - verdict.at;
      if (ms > context.timeouts.deadlineMs)
        return checks.fail(id, `SynchronizeCompleted came ${ms} ms after CANCELALL, past the deadline of ${context.timeouts.deadlineMs} ms`);
      const stopped = [...driver.answers.finalStatus.values()].filter((final) => STOPPED_OR_SKIPPED.has(final.status)).length;
      const summary = `answered CANCELALL from the first report of Synchronize on: SynchronizeCompleted ${ms} ms later, ${stopped} of ${driver.answers.items.size} items stopped or skipped`;
      if (stopped > 0) return checks.pass(id, summary);
      return checks.warn(id, `${summary}: every item still ended as if not cancelled, perhaps done before the verdict was read`);
    },
  );
}

async function skipItem(context: ScenarioContext): Promise<void> {
  const id: CheckId = 'verdicts.skip';
  let answer: Promise<Outcome> | undefined;
  await underVerdict(
    context,
    id,
    (verdict, driver) => (report) => {
      if (!answer && verdict()?.target === report.itemId) {
        const params = { itemId: report.itemId, syncMgrStatus: SyncMgrStatus.SYNCMGRSTATUS_SKIPPED };
        answer = Promise.resolve().then(() => driver.call('synchronize/setItemStatus', params));
      }
      return HResult.S_OK;
    },
    async (driver, verdict) => {
      const { checks } = context;
      const skipAnswer = answer ? await answer : undefined;
      if (skipAnswer && hrOf(skipAnswer) === undefined) return checks.fail(id, describeOutcome('synchronize/setItemStatus', skipAnswer));
      const ended = endedWithin(context, driver, verdict, verdict.target);
      if (ended.problem) return checks.fail(id, ended.problem);
      if (ended.status === SyncMgrStatus.SYNCMGRSTATUS_SKIPPED)
        return checks.pass(id, `SetItemStatus(${verdict.target}, SKIPPED) at its first report: it ended skipped ${ended.ms} ms later`);
      return checks.warn(
        id,
        `SetItemStatus(${verdict.target}, SKIPPED) at its first report: it ended ${statusName(ended.status)} (${ended.ms} ms later), perhaps done before it read the skip`,
      );
    },
  );
}

type PolicyMaker = (verdict: () => Verdict | undefined, driver: SessionDriver) => (report: SeenReport) => number;
type Judge = (driver: SessionDriver, verdict: Verdict, completedAt: number) => void | Promise<void>;

/** A session whose Synchronize is answered by the policy from its first report on; the judge rules. */
async function underVerdict(context: ScenarioContext, id: CheckId, policy: PolicyMaker, judge: Judge): Promise<void> {
  const driver = context.start();
  const items = await preparedItems(driver);
  if (typeof items === 'string') return context.checks.skip(id, items);
  let verdict: Verdict | undefined;
  const answerWith = policy(() => verdict, driver);
  driver.answers.verdict = (report) => {
    if (!verdict && driver.peer.phase === 'synchronize') verdict = { target: report.itemId, at: Date.now() };
    return answerWith(report);
  };
  const synchronized = await driver.synchronize();
  if (synchronized.problem || !synchronized.completion) return context.checks.fail(id, synchronized.problem ?? 'Synchronize did not complete');
  if (!verdict) return context.checks.skip(id, 'the handler reported no progress during Synchronize, so no verdict could be given');
  await judge(driver, verdict, synchronized.completion.at);
}

/** Items listed and prepared, ready for Synchronize; or why not (the check is then skipped). */
async function preparedItems(driver: SessionDriver): Promise<SyncMgrItem[] | string> {
  driver.answers.grantToken = true;
  const opened = await driver.open(MANUAL_WITH_USER);
  if (opened.problem || opened.hr !== HResult.S_OK) return `the session did not open: ${opened.problem ?? hresultName(opened.hr ?? 0)}`;
  const listing = await driver.list();
  if (listing.enumeratorId) await driver.call('enumItems/release', { enumeratorId: listing.enumeratorId });
  if (listing.items.length === 0) return 'the handler lists no items';
  const prepared = await driver.prepare(listing.items.map((item) => item.itemId));
  if (prepared.hr !== HResult.S_OK) return `PrepareForSync did not complete S_OK: ${prepared.problem ?? hresultName(prepared.hr ?? 0)}`;
  return listing.items;
}

function endedWithin(context: ScenarioContext, driver: SessionDriver, verdict: Verdict, item: string): { status: number; ms: number; problem?: string } {
  const final = driver.answers.finalStatus.get(item);
  if (!final) return { status: -1, ms: 0, problem: `${item} got no final status after the verdict` };
  const ms = Math.max(0, final.at - verdict.at);
  const late =
    ms > context.timeouts.deadlineMs ? `${item} ended ${ms} ms after the verdict, past the deadline of ${context.timeouts.deadlineMs} ms` : undefined;
  return late ? { status: final.status, ms, problem: late } : { status: final.status, ms };
}

function statusName(status: number): string {
  return STATUS_NAMES.get(status) ?? String(status);
}
