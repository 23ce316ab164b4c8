import { SyncMgrFlag } from '@syncmgr/protocol';
import { describeOutcome, resultOf } from '../probe-peer.js';
import type { CheckId } from '../check-catalogue.js';
import type { ScenarioContext } from '../scenario-context.js';
import type { SessionDriver } from '../session-driver.js';

const MANUAL = SyncMgrFlag.SYNCMGRFLAG_MANUAL;

/** The three ways a handler's life ends: shutdown, stdin closed, its host gone. */
export async function lifecycle(context: ScenarioContext): Promise<void> {
  await Promise.all([shutdownThenExit(context), exitOnStdinClose(context), exitOnParentDeath(context)]);
}

async function shutdownThenExit(context: ScenarioContext): Promise<void> {
  const { checks } = context;
  const driver = context.start();
  const handshake = await driver.handshake();
  if (!driver.handshakeResult) {
    checks.skipRest(['lifecycle.shutdown', 'lifecycle.exit-after-shutdown'], `the handshake failed: ${describeOutcome('syncmgr/handshake', handshake)}`);
    return;
  }
  const { answer, exited } = await driver.shutdown();
  if (resultOf(answer)) checks.pass('lifecycle.shutdown', describeOutcome('syncmgr/shutdown', answer));
  else checks.fail('lifecycle.shutdown', describeOutcome('syncmgr/shutdown', answer));
  if (exited) checks.pass('lifecycle.exit-after-shutdown', 'exited once its stdin closed');
  else
    checks.fail('lifecycle.exit-after-shutdown', `still running ${seconds(context.timeouts.deadlineMs)} after the shutdown was answered and its stdin closed`);
}

function exitOnStdinClose(context: ScenarioContext): Promise<void> {
  return exitAfter(context, 'lifecycle.exit-on-stdin-close', false, (driver) => {
    driver.probe.closeStdin();
    return 'after Initialize, its stdin was closed with no shutdown';
  });
}

function exitOnParentDeath(context: ScenarioContext): Promise<void> {
  return exitAfter(context, 'lifecycle.exit-on-parent-death', true, (driver) => {
    driver.probe.killHost();
    return `its host (pid ${driver.probe.hostPid}, hostPid and SYNCMGR_HOST_PID, its parent) was killed with SIGKILL; stdin stayed open`;
  });
}

/** Opens a session, does what should end the handler, and checks it exits within the deadline. */
async function exitAfter(context: ScenarioContext, id: CheckId, viaStandIn: boolean, end: (driver: SessionDriver) => string): Promise<void> {
  const driver = context.start(viaStandIn);
  const opened = await driver.open(MANUAL);
  if (opened.problem) return context.checks.skip(id, `the session did not open: ${opened.problem}`);
  const endedAt = Date.now();
  const what = end(driver);
  if (await driver.probe.exitsWithin(context.timeouts.deadlineMs)) context.checks.pass(id, `${what}: it exited ${Date.now() - endedAt} ms later`);
  else context.checks.fail(id, `${what}: still running ${seconds(context.timeouts.deadlineMs)} later`);
}

function seconds(ms: number): string {
  return `${ms / 1000} s`;
}
