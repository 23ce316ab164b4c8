import { Command } from 'commander';
import type { SyncManager } from '../../index.js';
import { ExitCode } from '../exit-code.js';
import { formatSummary, printable } from '../render/format.js';
import { handlerLabels } from '../render/handler-label.js';
import { stderr, stdout } from '../output.js';
import { sessionExitCode } from './session-exit-code.js';
import { savedSessionIds, sessionsMatching, summarize, type SessionSummary } from './saved-sessions.js';

interface ResultsOptions {
  json?: boolean;
  list?: boolean;
}

/** syncmgr results [SESSION] [--list] [--json] */
export function resultsCommand(manager: () => SyncManager): Command {
  return new Command('results')
    .description("show a session's results (items and log), the newest by default")
    .argument('[session]', 'a session ID, or the start of one (default: the newest session)')
    .option('--list', 'list the saved sessions instead, newest first: ID, event, start and each handler’s result')
    .option('--json', 'print the report (or with --list, the sessions) as JSON, as `sync --json` did')
    .addHelpText('after', '\nExit codes: 0 the session succeeded (skipped items included), 1 an item or handler failed, 2 no such session or an ambiguous ID.')
    .action(async (sessionId: string | undefined, options: ResultsOptions) => {
      if (options.list) return listSessions(manager(), options.json === true);
      if (sessionId !== undefined && !(await isUnambiguous(manager(), sessionId))) return;
      const report = await manager().results.load(sessionId);
      if (options.json) stdout.json(report);
      else stdout.line(`${formatSummary(report)}\nfinished ${report.finishedAt}`);
      process.exitCode = sessionExitCode(report);
    });
}

async function listSessions(manager: SyncManager, json: boolean): Promise<void> {
  const summaries: SessionSummary[] = [];
  for (const id of await savedSessionIds(manager)) summaries.push(summarize(await manager.results.load(id)));
  if (json) return stdout.json(summaries);
  if (summaries.length === 0) stdout.line(`no session results in ${manager.home.results} yet: run \`syncmgr sync\` first`);
  for (const s of summaries) {
    const labelOf = handlerLabels(s.handlers);
    const handlers = s.handlers.map((h) => `${printable(labelOf(h))}: ${h.result}`).join(', ') || 'no handlers';
    stdout.line(`${s.sessionId}  ${s.event}  ${s.startedAt}  ${handlers}`);
  }
}

// An ambiguous prefix names the sessions it matches, so the user can pick one.
async function isUnambiguous(manager: SyncManager, prefix: string): Promise<boolean> {
  const matching = await sessionsMatching(manager, prefix);
  if (matching.length <= 1) return true;
  stderr.line(`syncmgr: ${matching.length} sessions match "${prefix}": give more of the session ID, one of:`);
  for (const id of matching) stderr.line(`  ${id}`);
  process.exitCode = ExitCode.Usage;
  return false;
}
