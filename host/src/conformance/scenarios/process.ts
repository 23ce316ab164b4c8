import type { RunRecord, ScenarioContext } from '../scenario-context.js';

/** After every other scenario: what the handler's processes left running, found by their marker. */
export function leftovers(record: RunRecord): (context: ScenarioContext) => Promise<void> {
  return ({ checks }) => {
    if (process.platform !== 'linux') {
      checks.skip('process.no-leftovers', 'processes are found by their SYNCMGR_INSTANCE_ID in /proc, which only Linux has');
      return Promise.resolve();
    }
    checks.verdict(
      'process.no-leftovers',
      record.leftBehind.flatMap(({ scenario, processes }) =>
        processes.map(({ pid, command }) => `after the ${scenario} scenario, pid ${pid} still ran: ${command}`),
      ),
      `none of the ${record.processesStarted} handler processes started left anything running`,
    );
    return Promise.resolve();
  };
}
