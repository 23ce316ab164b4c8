import type { SyncManager } from '../../index.js';
import { daemonPaths } from '../../daemon/daemon-paths.js';
import { DaemonClient } from '../../daemon-client/daemon-client.js';
import { ExitCode } from '../exit-code.js';
import { stderr } from '../output.js';

/** Help text shared by the daemon's client commands. */
export const NO_DAEMON_HELP = `\nExit codes: 0 done, ${ExitCode.NoDaemon} no daemon runs for the home (start one with \`syncmgr daemon\`).`;

/** The home's daemon, or undefined after saying there is none (exit code NoDaemon). */
export async function connectOrSay(manager: () => SyncManager): Promise<DaemonClient | undefined> {
  const client = await DaemonClient.connect(daemonPaths(manager().home));
  if (client) return client;
  stderr.line(`syncmgr: no daemon runs for ${manager().home.root}: start one with \`syncmgr daemon\``);
  process.exitCode = ExitCode.NoDaemon;
  return undefined;
}
