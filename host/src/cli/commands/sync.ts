import { Command, InvalidArgumentError } from 'commander';
import { isSyncEvent, parseClsid, sessionSucceeded, SYNC_EVENTS, type SyncEvent, type SyncManager } from '../../index.js';
import { attachLiveView } from '../render/live-view.js';
import { attachPlainView } from '../render/plain-view.js';
import { formatSummary } from '../render/format.js';
import { collect, parseSeconds } from '../options.js';
import { ExitCode } from '../exit-code.js';

interface SyncOptions {
  handler: string[];
  item: string[];
  event: SyncEvent;
  cookie?: string;
  startTimeout?: number;
  hangTimeout?: number;
  json?: boolean;
}

function parseEvent(text: string): SyncEvent {
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
    .option('--item <itemId>', 'only this item; repeatable', collect, [])
    .option('--event <event>', `what started the session (${Object.keys(SYNC_EVENTS).join('|')})`, parseEvent, 'manual')
    .option('--cookie <base64>', 'with --event invoke: bytes passed verbatim to Initialize', parseCookie)
    .option('--start-timeout <seconds>', 'override every handler\'s start timeout', parseSeconds)
    .option('--hang-timeout <seconds>', 'override every handler\'s hang timeout', parseSeconds)
    .option('--json', 'print one JSON report at the end instead of progress')
    .action(async (options: SyncOptions) => {
      const session = await manager().createSession({
        handlers: options.handler.map(parseClsid),
        ...(options.item.length > 0 ? { items: options.item.map(parseClsid) } : {}),
        event: options.event,
        ...(options.cookie !== undefined ? { cookie: options.cookie } : {}),
        ...(options.startTimeout !== undefined ? { startTimeoutSeconds: options.startTimeout } : {}),
        ...(options.hangTimeout !== undefined ? { hangTimeoutSeconds: options.hangTimeout } : {}),
      });
      const live = !options.json && process.stdout.isTTY ? await attachLiveView(session) : undefined;
      if (!options.json && !live) attachPlainView(session, (line) => console.log(line));
      const stopOnSignals = cancelOnSignals(session, (line) => console.error(line));
      const report = await session.run().finally(() => {
        live?.stop();
        stopOnSignals();
      });
      console.log(options.json ? JSON.stringify(report, null, 2) : `\n${formatSummary(report)}`);
      process.exitCode = sessionSucceeded(report) ? ExitCode.Success : ExitCode.Failure;
    });
}

// First Ctrl-C: cancel every item gracefully (CANCELALL). Second: end the handlers now.
function cancelOnSignals(session: { cancel(): void; abort(): void }, say: (text: string) => void): () => void {
  let signals = 0;
  const onSignal = () => {
    signals += 1;
    if (signals === 1) {
      say('\ncancelling: every handler is asked to stop (press Ctrl-C again to end them now)');
      session.cancel();
    } else {
      say('\nending every handler now');
      session.abort();
    }
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return () => {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  };
}
