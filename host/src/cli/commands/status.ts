import { Command } from 'commander';
import { DaemonStatus } from '@syncmgr/protocol';
import type { SyncManager } from '../../index.js';
import { formatSession } from '../render/daemon-event.js';
import { printable } from '../render/format.js';
import { stdout } from '../output.js';
import { connectDaemon, NO_DAEMON_HELP } from './daemon-connection.js';

/** syncmgr status [--json]: the daemon, what it runs and queues, and its quarantined handlers. */
export function statusCommand(manager: () => SyncManager): Command {
  return new Command('status')
    .description("the home's daemon: its process, where it listens, running and queued sessions, quarantined handlers")
    .option('--json', 'print the daemon/status answer as JSON')
    .addHelpText('after', NO_DAEMON_HELP)
    .action(async (options: { json?: boolean }) => {
      const client = await connectDaemon(manager());
      try {
        const status = await client.request(DaemonStatus, {});
        if (options.json) return stdout.json(status);
        stdout.line(`daemon ${status.pid} (${status.version}) since ${status.startedAt}, home ${printable(status.home)}`);
        stdout.line(`socket ${printable(status.socket)}${status.webSocket ? `, WebSocket ${printable(status.webSocket)}` : ''}`);
        stdout.line(`running: ${status.running.length === 0 ? 'none' : ''}`);
        for (const s of status.running) stdout.line(`  ${formatSession(s)}`);
        stdout.line(`queued: ${status.queued.length === 0 ? 'none' : ''}`);
        for (const s of status.queued) stdout.line(`  ${formatSession(s)}`);
        stdout.line(`quarantined: ${status.quarantined.length === 0 ? 'none' : ''}`);
        for (const q of status.quarantined) stdout.line(`  ${q.clsid} ${printable(q.name)} since ${q.since}: ${printable(q.reasons.join('; '))}`);
      } finally {
        client.close();
      }
    });
}
