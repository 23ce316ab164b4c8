import type { SessionReport } from '@syncmgr/protocol';

export type { HandlerReport, HandlerResult, ItemReport, LogEntry, LogLevel, LogLimit, LogOverflow, SessionReport } from '@syncmgr/protocol';

/** True when every selected item succeeded and no handler failed: the CLI's exit code 0. */
export function sessionSucceeded(report: SessionReport): boolean {
  return (
    (report.itemsNotFound ?? []).length === 0 &&
    report.handlers.every((h) => h.result !== 'failed' && h.result !== 'completedWithErrors' && h.items.every((item) => item.status === 'succeeded'))
  );
}
