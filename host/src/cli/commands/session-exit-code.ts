import type { SessionReport } from '../../index.js';
import { ExitCode } from '../exit-code.js';
import type { StopCause } from '../terminal/session-stopper.js';

const STOP_EXIT_CODES: Record<StopCause, number> = {
  key: ExitCode.Interrupted,
  SIGINT: ExitCode.Interrupted,
  SIGTERM: ExitCode.Terminated,
  SIGHUP: ExitCode.HungUp,
};

/**
 * 0 when every item succeeded or was skipped (a skip is the user's choice, not a failure); 1 when
 * an item failed or was stopped, a handler failed or completed with errors, or an item asked for
 * was not found. A stop by the user outranks both, so a script can tell "I stopped it" apart.
 */
export function sessionExitCode(report: SessionReport, stoppedBy?: StopCause): number {
  if (stoppedBy) return STOP_EXIT_CODES[stoppedBy];
  return sessionFailed(report) ? ExitCode.Failure : ExitCode.Success;
}

function sessionFailed(report: SessionReport): boolean {
  if ((report.itemsNotFound ?? []).length > 0) return true;
  return report.handlers.some(
    (h) => h.result === 'failed' || h.result === 'completedWithErrors' || h.items.some((item) => item.status === 'failed' || item.status === 'stopped'),
  );
}
