import { Command } from 'commander';
import type { SyncManager } from '../../index.js';
import { sessionExitCode } from './session-exit-code.js';
import { formatSummary } from '../render/format.js';
import { stdout } from '../output.js';

/** syncmgr results [SESSION] [--json] */
export function resultsCommand(manager: () => SyncManager): Command {
  return new Command('results')
    .description("show a session's results (items and log), the newest by default")
    .argument('[session]', 'a session ID, or the start of one')
    .option('--json', 'print the report as JSON, as `sync --json` did')
    .action(async (sessionId: string | undefined, options: { json?: boolean }) => {
      const report = await manager().results.load(sessionId);
      if (options.json) stdout.json(report);
      else stdout.line(`${formatSummary(report)}\nfinished ${report.finishedAt}`);
      process.exitCode = sessionExitCode(report);
    });
}
