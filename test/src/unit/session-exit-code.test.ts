// The exit code a session's report gives: skips are the user's choice, failures and stops are not.
import type { HandlerReport, ItemOutcome, SessionReport } from '@syncmgr/host';
import { sessionExitCode } from '@syncmgr/host/internal/cli/commands/session-exit-code.js';

function reportOf(result: HandlerReport['result'], ...statuses: ItemOutcome[]): SessionReport {
  const items = statuses.map((status, i) => ({ itemId: `00000000-0000-4000-8000-00000000000${i}`, name: `item ${i}`, status }));
  return {
    sessionId: 's',
    event: 'manual',
    startedAt: '',
    finishedAt: '',
    handlers: [{ clsid: '00000000-0000-4000-8000-000000000000', name: 'h', result, items, log: [] }],
  };
}

describe('sessionExitCode', () => {
  it.each([
    [['succeeded', 'succeeded'], 0],
    [['succeeded', 'skipped'], 0],
    [['skipped'], 0],
    [['succeeded', 'failed'], 1],
    [['stopped'], 1],
  ] as [ItemOutcome[], number][])('items %j exit %i', (statuses, code) => {
    expect(sessionExitCode(reportOf('succeeded', ...statuses))).toBe(code);
  });

  it.each([
    ['failed', 1],
    ['completedWithErrors', 1],
    ['declined', 0],
  ] as const)('a handler that %s exits %i', (result, code) => {
    expect(sessionExitCode(reportOf(result))).toBe(code);
  });

  it('exits 1 when an item asked for was not found', () => {
    expect(sessionExitCode({ ...reportOf('succeeded', 'succeeded'), itemsNotFound: ['00000000-0000-4000-8000-000000000009'] })).toBe(1);
  });

  it.each([
    ['key', 130],
    ['SIGINT', 130],
    ['SIGTERM', 143],
    ['SIGHUP', 129],
  ] as const)('a stop by %s exits %i, over failed items', (cause, code) => {
    expect(sessionExitCode(reportOf('failed', 'failed'), cause)).toBe(code);
  });
});
