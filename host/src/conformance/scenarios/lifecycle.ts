import { SyncMgrFlag } from '@syncmgr/protocol';
import { describeOutcome, resultOf } from '../probe-peer.js';
import type { ScenarioContext } from '../scenario-context.js';

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

async function exitOnStdinClose(context: ScenarioContext): Promise<void> {
  const { checks } = context;
  const driver = context.start();
  const opened = await driver.open(MANUAL);
  if (opened.problem) {
    checks.skip('lifecycle.exit-on-stdin-close', `the session did not open: ${opened.problem}`);
    return;
  }
  const closedAt = Date.now();
  driver.probe.closeStdin();
  if (await driver.probe.exitsWithin(context.timeouts.deadlineMs))
    checks.pass('lifecycle.exit-on-stdin-close', `exited ${Date.now() - closedAt} ms after its stdin closed, with no shutdown`);
  else
    checks.fail(
      'lifecycle.exit-on-stdin-close',
      `after Initialize, stdin closed with no shutdown: still running ${seconds(context.timeouts.deadlineMs)} later`,
    );
}

async function exitOnParentDeath(context: ScenarioContext): Promise<void> {
  const { checks } = context;
  const driver = context.start(true);
  const opened = await driver.open(MANUAL);
  if (opened.problem) {
    checks.skip('lifecycle.exit-on-parent-death', `the session did not open: ${opened.problem}`);
    return;
  }
  const killedAt = Date.now();
  driver.probe.killHost();
  const took = `its host (pid ${driver.probe.hostPid}, hostPid and SYNCMGR_HOST_PID, its parent) was killed with SIGKILL; stdin stayed open`;
  if (await driver.probe.exitsWithin(context.timeouts.deadlineMs))
    checks.pass('lifecycle.exit-on-parent-death', `${took}: it exited ${Date.now() - killedAt} ms later`);
  else checks.fail('lifecycle.exit-on-parent-death', `${took}: still running ${seconds(context.timeouts.deadlineMs)} later`);
}

function seconds(ms: number): string {
  return `${ms / 1000} s`;
}
