import { Command, InvalidArgumentError } from 'commander';
import { isSyncEvent, parseClsid, SYNC_EVENTS, type HostError, type Session, type SyncEvent, type SyncManager } from '../../index.js';
import { attachPlainView } from '../render/plain-view.js';
import { runInteractiveSync, type SyncOutcome } from '../terminal/interactive-sync.js';
import { sessionExitCode } from './session-exit-code.js';
import { SessionStopper } from '../terminal/session-stopper.js';
import { TerminalPrompt } from '../terminal/terminal-prompt.js';
import { formatSummary, printable } from '../render/format.js';
import { collectNotAskedHints } from '../render/not-asked-hint.js';
import { collect, parseSeconds } from '../options.js';
import { ExitCode } from '../exit-code.js';
import { stderr, stdout } from '../output.js';
import { daemonPaths } from '../../daemon/daemon-paths.js';
import { DaemonClient } from '../../daemon-client/daemon-client.js';
import { syncThroughDaemon, type DaemonSyncRequest } from './sync-through-daemon.js';

interface SyncOptions {
  prompt: boolean;
  handler: string[];
  item: string[];
  event: SyncEvent;
  cookie?: string;
  startTimeout?: number;
  hangTimeout?: number;
  json?: boolean;
  local?: boolean;
}

/** Parses --event: one of the SYNCMGRFLAG events by name. */
export function parseEvent(text: string): SyncEvent {
  if (!isSyncEvent(text)) throw new InvalidArgumentError(`--event "${text}" is not one of ${Object.keys(SYNC_EVENTS).join(', ')}.`);
  return text;
}

function parseCookie(text: string): string {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text) || text.length % 4 !== 0) throw new InvalidArgumentError(`--cookie must be base64, got "${text}".`);
  return text;
}

/** syncmgr sync [--handler CLSID]… [--item ITEMID]… [--event EVENT] … [--json] */
export function syncCommand(manager: () => SyncManager): Command {
  return new Command('sync')
    .description('run a sync session over the registered handlers')
    .option('--handler <clsid>', 'only this handler; repeatable', collect, [])
    .option('--item <itemId>', 'only this item (overrides the stored choices); repeatable', collect, [])
    .option('--event <event>', `what started the session (${Object.keys(SYNC_EVENTS).join('|')})`, parseEvent, 'manual')
    .option('--cookie <base64>', 'with --event invoke: bytes passed verbatim to Initialize', parseCookie)
    .option('--start-timeout <seconds>', "override every handler's start timeout", parseSeconds)
    .option('--hang-timeout <seconds>', "override every handler's hang timeout", parseSeconds)
    .option('--no-prompt', 'never ask the user: handlers get S_FALSE from EnableModeless')
    .option('--json', 'print one JSON report at the end instead of progress')
    .option('--local', 'run the session in this process even when a daemon runs for the home')
    .action(async (options: SyncOptions) => {
      const interactive = !options.json && Boolean(process.stdout.isTTY && process.stdin.isTTY);
      const prompt = interactive && options.prompt ? new TerminalPrompt(process.stdin, process.stdout) : undefined;
      const daemon = options.local ? undefined : await DaemonClient.connect(daemonPaths(manager().home));
      if (daemon) {
        process.exitCode = await syncThroughDaemon(daemon, daemonRequest(options, prompt, interactive)).finally(() => daemon.close());
        return;
      }
      const session = await manager().createSession({
        handlers: options.handler.map(parseClsid),
        ...(options.item.length > 0 ? { items: options.item.map(parseClsid) } : {}),
        event: options.event,
        ...(options.cookie !== undefined ? { cookie: options.cookie } : {}),
        ...(options.startTimeout !== undefined ? { startTimeoutSeconds: options.startTimeout } : {}),
        ...(options.hangTimeout !== undefined ? { hangTimeoutSeconds: options.hangTimeout } : {}),
        ...(prompt ? { userInterface: prompt } : {}),
        holdForErrors: interactive,
      });
      const notSaved = watchSaving(manager(), session.id);
      const hints = collectNotAskedHints(session, { event: options.event, json: options.json === true, noPrompt: !options.prompt });
      const outcome = interactive ? await runInteractiveSync(session, prompt) : await runPlainSync(session, options.json === true);
      for (const hint of hints()) stderr.line(`syncmgr: ${hint}`);
      process.exitCode = exitCodeOf(outcome, notSaved());
    });
}

function daemonRequest(options: SyncOptions, user: TerminalPrompt | undefined, interactive: boolean): DaemonSyncRequest {
  return {
    interactive,
    handlers: options.handler.map(parseClsid),
    ...(options.cookie !== undefined ? { cookie: options.cookie } : {}),
    items: options.item,
    event: options.event,
    timeouts: options.startTimeout !== undefined || options.hangTimeout !== undefined,
    json: options.json === true,
    ...(user ? { user } : {}),
  };
}

// The last failure to save this session's report, if its last save failed (a later save may succeed).
function watchSaving(manager: SyncManager, sessionId: string): () => HostError | undefined {
  let failure: HostError | undefined;
  manager.on('resultsNotSaved', (id, error) => void (id === sessionId && (failure = error)));
  return () => failure;
}

// An unsaved report outranks failed items: the results a script would read next are not there.
function exitCodeOf({ report, stoppedBy }: SyncOutcome, notSaved: HostError | undefined): number {
  if (notSaved) {
    stderr.line(`syncmgr: session ${report.sessionId} ran, but its report was not saved: ${notSaved.message}`);
    return ExitCode.ResultsNotSaved;
  }
  return sessionExitCode(report, stoppedBy);
}

// Piped or --json: plain lines (or nothing) while it runs, then the summary or the JSON report.
async function runPlainSync(session: Session, json: boolean): Promise<SyncOutcome> {
  if (!json) attachPlainView(session, (line) => stdout.line(line));
  session.on('warning', (text) => stderr.line(`syncmgr: ${printable(text)}`));
  const stopper = new SessionStopper(session, (text) => stderr.line(text));
  const stopSignals = stopper.onSignals();
  const report = await session.run().finally(stopSignals);
  if (json) stdout.json(report);
  else stdout.line(`\n${formatSummary(report)}`);
  return stopper.stoppedBy ? { report, stoppedBy: stopper.stoppedBy } : { report };
}
