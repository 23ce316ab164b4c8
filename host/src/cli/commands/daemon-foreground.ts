import { HostError } from '../../errors.js';
import { assembleDaemon } from '../../daemon/daemon-assembly.js';
import type { Daemon, ListenAddress } from '../../daemon/daemon.js';
import { ExitCode } from '../exit-code.js';
import { stderr } from '../output.js';
import { stopOnSignals } from './daemon-signals.js';

/** How `syncmgr daemon` (and `syncmgr dashboard` without a daemon) runs one in this process. */
export interface ForegroundOptions {
  home: string | undefined;
  listen?: ListenAddress;
  /** On SIGTERM, how long the pendingDisconnect session may run before the daemon stops anyway. */
  logoffTimeoutSeconds: number;
}

/**
 * Starts the home's daemon here, calls `ready` once it serves, and resolves once SIGINT (stop at
 * once) or SIGTERM (logoff first) stopped it. Another daemon holding the home: one stderr line, exit 2.
 */
export async function runDaemonInForeground(options: ForegroundOptions, ready: (daemon: Daemon) => Promise<void> | void): Promise<void> {
  const assembled = assembleDaemon({ ...(options.home ? { home: options.home } : {}), ...(options.listen ? { listen: options.listen } : {}) }, (line) =>
    stderr.line(`syncmgr daemon: ${line}`),
  );
  try {
    await assembled.daemon.start();
  } catch (error) {
    if (error instanceof HostError && error.code === 'DAEMON_RUNNING') {
      stderr.line(`syncmgr: ${error.message}`);
      process.exitCode = ExitCode.Usage;
      return;
    }
    throw error;
  }
  const stopped = new Promise<void>((resolve) => {
    const forget = stopOnSignals(async (signal) => {
      await (signal === 'SIGTERM' ? assembled.logoff(options.logoffTimeoutSeconds * 1000) : assembled.stop());
      forget();
      resolve();
    });
  });
  await ready(assembled.daemon);
  await stopped;
}
