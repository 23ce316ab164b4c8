import { CancelSession, GetSessionReport, HResult, SyncMgrInvokeFlags, UpdateAll, UpdateItems, type DaemonEvent, type SessionReport } from '@syncmgr/protocol';
import { HostError } from '../../errors.js';
import type { DaemonClient } from '../../daemon-client/daemon-client.js';
import { formatDaemonEvent } from '../render/daemon-event.js';
import { formatSummary } from '../render/format.js';
import { stderr, stdout } from '../output.js';
import { DaemonLiveSync } from '../terminal/daemon-live-sync.js';
import type { StopCause } from '../terminal/session-stopper.js';
import type { TerminalPrompt } from '../terminal/terminal-prompt.js';
import { PromptsFromDaemon } from './prompts-from-daemon.js';
import { sessionExitCode } from './session-exit-code.js';

/** What `sync` asks of the daemon: what UpdateAll and UpdateItems can say. */
export interface DaemonSyncRequest {
  /** None: UpdateAll; one: UpdateItems of that handler. */
  handlers: string[];
  cookie?: string;
  /** --item: UpdateItems carries them for one handler; otherwise refused (USAGE) with a pointer to --local. */
  items: string[];
  event: string;
  timeouts: boolean;
  json: boolean;
  /** Who answers the session's prompts; absent: they are refused. */
  user?: TerminalPrompt;
  /** On a terminal: the live view, skip by number and c to cancel, as the in-process sync. */
  interactive: boolean;
}

const STOP_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/**
 * Runs `sync` through the home's daemon: asks for the session, prints its events as plain lines,
 * answers its prompts, sends sessions/cancel on Ctrl-C, and at its end prints the summary (or the
 * JSON report) as the in-process sync does. Answers the exit code the in-process sync would.
 */
export async function syncThroughDaemon(client: DaemonClient, request: DaemonSyncRequest): Promise<number> {
  refuseWhatTheDaemonCannotCarry(request);
  // Subscribed before asking, so that the session's first events are not missed.
  const early: DaemonEvent[] = [];
  let onEvent: (event: DaemonEvent) => void = (event) => void early.push(event);
  let checkEnded = () => {};
  await client.subscribe(undefined, (event) => onEvent(event), {
    onChange: (change) => {
      if (change !== 'resumed') stderr.line(`syncmgr: the daemon's event stream: ${change}`);
      // A new daemon run may not speak of the old run's session: ask how it ended.
      if (change === 'restarted' || change === 'gap') checkEnded();
    },
  });
  const { hr, sessionId } = await invoke(client, request);
  if (hr !== HResult.S_OK || sessionId === undefined)
    throw new HostError('SESSION_FAILED', `the daemon did not start the session (hr 0x${(hr >>> 0).toString(16)})`);

  const prompts = new PromptsFromDaemon(client, sessionId, request.user);
  const live = request.interactive ? await DaemonLiveSync.start(client, sessionId, request.user) : undefined;
  let stoppedBy: StopCause | undefined;
  const onSignal = (signal: (typeof STOP_SIGNALS)[number]) => {
    stoppedBy ??= signal;
    if (live) return live.cancel();
    stderr.line('cancelling: the daemon asks every handler to stop');
    void client.request(CancelSession, { sessionId }).catch(() => undefined);
  };
  for (const signal of STOP_SIGNALS) process.on(signal, onSignal);

  try {
    await new Promise<void>((resolve) => {
      checkEnded = () =>
        void client.request(GetSessionReport, { sessionId }).then(
          ({ session }) => session.state !== 'queued' && session.state !== 'running' && resolve(),
          () => undefined,
        );
      const lastStatus = new Map<string, string>();
      onEvent = (event) => {
        if (event.sessionId !== sessionId) return;
        prompts.handle(event);
        const body = event.body;
        if (body.kind === 'sessionFinished' || body.kind === 'sessionInterrupted') return resolve();
        if (live) return live.feed(event);
        if (request.json) return;
        if (body.kind === 'itemProgress') {
          // Status changes only, as the plain view prints them: never a progress flood.
          const key = `${body.handler.clsid}/${body.item.itemId}`;
          if (lastStatus.get(key) === body.item.status && body.item.status !== 'failed') return;
          lastStatus.set(key, body.item.status);
        }
        stdout.line(formatDaemonEvent(event));
      };
      for (const event of early.splice(0)) onEvent(event);
    });
  } finally {
    for (const signal of STOP_SIGNALS) process.off(signal, onSignal);
    prompts.closeAll();
  }
  let report: SessionReport | undefined;
  try {
    report = await finalReport(client, sessionId);
  } finally {
    live?.finish(report);
  }
  if (request.json) stdout.json(report);
  else stdout.line(`\n${formatSummary(report)}`);
  return sessionExitCode(report, stoppedBy);
}

function refuseWhatTheDaemonCannotCarry(request: DaemonSyncRequest): void {
  const given = [
    request.handlers.length > 1 && 'more than one --handler',
    request.items.length > 0 && request.handlers.length !== 1 && '--item without exactly one --handler',
    request.event !== 'manual' && request.event !== 'invoke' && '--event',
    request.timeouts && '--start-timeout/--hang-timeout',
  ].filter((g): g is string => typeof g === 'string');
  if (given.length > 0) {
    throw new HostError('USAGE', `the daemon's UpdateAll and UpdateItems cannot carry ${given.join(', ')}: add --local to run the session in this process`);
  }
}

function invoke(client: DaemonClient, request: DaemonSyncRequest) {
  const clsid = request.handlers[0];
  if (clsid === undefined) return client.request(UpdateAll, {});
  return client.request(UpdateItems, {
    clsid,
    invokeFlags: SyncMgrInvokeFlags.SYNCMGRINVOKE_STARTSYNC,
    ...(request.cookie !== undefined ? { cookie: request.cookie } : {}),
    ...(request.items.length > 0 ? { itemIds: request.items } : {}),
  });
}

async function finalReport(client: DaemonClient, sessionId: string): Promise<SessionReport> {
  const { session, report } = await client.request(GetSessionReport, { sessionId });
  if (!report) throw new HostError('SESSION_FAILED', `session ${sessionId} ${session.state} without a report${session.reason ? `: ${session.reason}` : ''}`);
  return report;
}
