import { SyncMgrErrorCodes, SyncMgrFlag } from '@syncmgr/protocol';
import { describeOutcome, type Outcome } from '../probe-peer.js';
import type { ScenarioContext } from '../scenario-context.js';
import { problemOfResult } from '../session-driver.js';

const UNKNOWN_METHOD = 'conformance/noSuchMethod';

/** Before the handshake, the handshake itself, and a method nobody defined. */
export async function handshake(context: ScenarioContext): Promise<void> {
  const { checks } = context;
  const driver = context.start();
  const early = await driver.call('synchronize/initialize', { syncMgrFlags: SyncMgrFlag.SYNCMGRFLAG_MANUAL }, 'start');
  if (refusedWith(early, SyncMgrErrorCodes.NotHandshaken))
    checks.pass('handshake.required', 'synchronize/initialize before the handshake: refused with -32053');
  else
    checks.fail(
      'handshake.required',
      `sent synchronize/initialize before the handshake; ${describeOutcome('synchronize/initialize', early)}; expected error -32053`,
    );

  const answer = await driver.handshake();
  const problem = problemOfResult('syncmgr/handshake', answer);
  if (problem) {
    checks.fail('handshake.answer', problem);
    checks.skipRest(['handshake.version', 'jsonrpc.method-not-found'], 'the handshake was not answered');
    return;
  }
  checks.pass('handshake.answer', describeOutcome('syncmgr/handshake', answer));
  const version = String(driver.handshakeResult?.['protocolVersion']);
  if (/^1(\.\d+)*$/.test(version)) checks.pass('handshake.version', `protocolVersion "${version}"`);
  else checks.fail('handshake.version', `protocolVersion "${version}": the host speaks 1.x`);

  const unknown = await driver.call(UNKNOWN_METHOD, {});
  if (refusedWith(unknown, SyncMgrErrorCodes.MethodNotFound)) checks.pass('jsonrpc.method-not-found', `${UNKNOWN_METHOD}: refused with -32601`);
  else checks.fail('jsonrpc.method-not-found', `sent ${UNKNOWN_METHOD}; ${describeOutcome(UNKNOWN_METHOD, unknown)}; expected error -32601`);
}

function refusedWith(outcome: Outcome, code: number): boolean {
  return 'error' in outcome && outcome.error.code === code;
}
