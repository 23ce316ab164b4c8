import { Command } from 'commander';
import { ListSessions } from '@syncmgr/protocol';
import type { SyncManager } from '../../index.js';
import { formatSession } from '../render/daemon-event.js';
import { stdout } from '../output.js';
import { connectDaemon, NO_DAEMON_HELP } from './daemon-connection.js';

/** syncmgr sessions [--json]: every session the daemon knows of, queued and running first. */
export function sessionsCommand(manager: () => SyncManager): Command {
  return new Command('sessions')
    .description("the daemon's sessions: queued and running, then finished and interrupted ones, newest first")
    .option('--json', 'print the sessions/list answer as JSON')
    .addHelpText('after', NO_DAEMON_HELP)
    .action(async (options: { json?: boolean }) => {
      const client = await connectDaemon(manager());
      try {
        const { sessions } = await client.request(ListSessions, {});
        if (options.json) return stdout.json(sessions);
        if (sessions.length === 0) stdout.line('no sessions yet');
        for (const s of sessions) stdout.line(formatSession(s));
      } finally {
        client.close();
      }
    });
}
