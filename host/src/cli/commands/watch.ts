import { Command } from 'commander';
import type { SyncManager } from '../../index.js';
import type { StreamChange } from '../../daemon-client/daemon-client.js';
import { formatDaemonEvent } from '../render/daemon-event.js';
import { stderr, stdout } from '../output.js';
import { connectDaemon, NO_DAEMON_HELP } from './daemon-connection.js';

const CHANGE_NOTES: Record<StreamChange, string> = {
  disconnected: 'the daemon went away; waiting for it to come back',
  resumed: 'the daemon is back; no event was missed',
  restarted: 'a new daemon runs; its events are numbered from 1',
  gap: 'some events were no longer kept by the daemon and are missing',
};

/**
 * syncmgr watch [--json]: the daemon's events as they happen, until Ctrl-C (which ends it normally,
 * exit 0). Across a daemon restart it waits and goes on with the new daemon's events.
 */
export function watchCommand(manager: () => SyncManager): Command {
  return new Command('watch')
    .description("follow the daemon's events (sessions, handlers, items, log, prompts) until Ctrl-C")
    .option('--json', 'one JSON object per line (a DaemonEvent), for another program to read')
    .addHelpText('after', NO_DAEMON_HELP)
    .action(async (options: { json?: boolean }) => {
      const client = await connectDaemon(manager());
      const stopped = new Promise<void>((resolve) => {
        for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.once(signal, () => resolve());
      });
      await client.subscribe(undefined, (event) => (options.json ? stdout.jsonLine(event) : stdout.line(formatDaemonEvent(event))), {
        onChange: (change) => stderr.line(`syncmgr: ${CHANGE_NOTES[change]}`),
      });
      await stopped;
      client.close();
    });
}
