import { daemonPaths } from '../../daemon/daemon-paths.js';
import { DaemonClient } from '../../daemon-client/daemon-client.js';
import { HostError } from '../../errors.js';
import type { SyncManager } from '../../index.js';
import { ExitCode } from '../exit-code.js';

/** Help text shared by the daemon's client commands. */
export const NO_DAEMON_HELP = `\nExit codes: 0 done, ${ExitCode.NoDaemon} no daemon runs for the home (start one with \`syncmgr daemon\`).`;

/** The home's daemon; HostError NO_DAEMON (the CLI's exit code 4) when none runs. */
export async function connectDaemon(manager: SyncManager): Promise<DaemonClient> {
  const client = await DaemonClient.connect(daemonPaths(manager.home));
  if (!client) throw new HostError('NO_DAEMON', `no daemon runs for ${manager.home.root}: start one with \`syncmgr daemon\` (or its systemd user unit)`);
  return client;
}
