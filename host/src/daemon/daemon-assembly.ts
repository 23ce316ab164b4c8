import { Daemon } from './daemon.js';
import { startDaemonTriggers, type DaemonTriggers } from './triggers/daemon-triggers.js';
import { runPendingDisconnect } from './triggers/pending-disconnect.js';
import { startWebSocketEndpoint } from './websocket-endpoint.js';

/** The daemon `syncmgr daemon` runs, and the two ways it ends. */
export interface AssembledDaemon {
  daemon: Daemon;
  /** Logoff (SIGTERM): runs the pendingDisconnect session, bounded by `timeoutMs`, then stops. */
  logoff(timeoutMs: number): Promise<void>;
  /** Stops at once (SIGINT): running sessions are cancelled. */
  stop(): Promise<void>;
}

/**
 * The core with its triggers (schedules, connect, idle, logoff) and, with `listen`, the WebSocket
 * endpoint: the parts built apart, put together in one place.
 */
export function assembleDaemon(options: { home?: string; listen?: { host: string; port: number } }, log: (line: string) => void): AssembledDaemon {
  let triggers: DaemonTriggers | undefined;
  const daemon = new Daemon({
    ...options,
    createTriggers: async (core) => {
      triggers = await startDaemonTriggers({
        jobs: core.jobs,
        paths: core.paths,
        handlers: () => core.manager.registry.list(),
        log,
        isQuarantined: (clsid) => core.quarantine.isQuarantined(clsid),
      });
      return triggers.triggers;
    },
    startWebSocket: (attach, listen, core) => startWebSocketEndpoint({ host: listen.host, port: listen.port, paths: core.paths, attach }),
  });
  const stop = async () => {
    await triggers?.stop();
    await daemon.stop();
  };
  const logoff = async (timeoutMs: number) => {
    if (triggers) await runPendingDisconnect(triggers.triggers, timeoutMs, log);
    await stop();
  };
  return { daemon, logoff, stop };
}
