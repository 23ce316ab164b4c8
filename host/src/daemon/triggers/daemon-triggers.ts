import type { DaemonPaths } from '../daemon-paths.js';
import type { RegistryEntry } from '../../registry/registry-entry.js';
import type { JobSubmitter } from './job-submitter.js';
import { watchLogindIdle, type IdleWatch } from './logind-idle.js';
import { watchNetworkUp } from './network-up.js';
import { ScheduleStore } from './schedule-store.js';
import type { ConnectBus } from './system-bus.js';
import { Triggers } from './triggers.js';
import { realTimers, type Timers } from './timers.js';

export interface DaemonTriggersOptions {
  jobs: JobSubmitter;
  paths: DaemonPaths;
  /** The registered handlers, read at each trigger (Registry.list). */
  handlers: () => Promise<RegistryEntry[]>;
  log: (line: string) => void;
  /** The daemon's quarantine (restart intensity): triggers leave these handlers out. */
  isQuarantined: (clsid: string) => boolean;
  pendingDisconnectTimeoutMs?: number;
  timers?: Timers;
  /** The system bus for logind and NetworkManager; default dbus-next's. Tests pass one that rejects. */
  connectBus?: ConnectBus;
}

/** What the daemon core holds: the Triggers for its API, and stop. */
export interface DaemonTriggers {
  triggers: Triggers;
  /** Clears the timers and lets go of the bus; awaits the schedule runs already started. */
  stop(): Promise<void>;
}

/**
 * Everything that starts sessions by itself, wired for one daemon: the connect trigger of daemon
 * start and the missed schedules run, and the D-Bus watches (idle from logind, connect when the
 * network comes up) where there is a system bus.
 */
export async function startDaemonTriggers(options: DaemonTriggersOptions): Promise<DaemonTriggers> {
  const timers = options.timers ?? realTimers;
  const triggers = new Triggers({
    jobs: options.jobs,
    store: new ScheduleStore(options.paths.schedules, () => timers.now()),
    handlers: options.handlers,
    isQuarantined: options.isQuarantined,
    timers,
    log: options.log,
    ...(options.pendingDisconnectTimeoutMs !== undefined ? { pendingDisconnectTimeoutMs: options.pendingDisconnectTimeoutMs } : {}),
  });
  await triggers.start();
  const report = (what: string) => (error: unknown) => options.log(`${what} trigger failed: ${(error as Error).message}`);
  const bus = options.connectBus ? { connect: options.connectBus } : {};
  const watches = (
    await Promise.all([
      watchLogindIdle({ ...bus, log: options.log, onIdle: (idle) => void triggers.trigger('idle', { idle }).catch(report('idle')) }),
      watchNetworkUp({ ...bus, log: options.log, onUp: () => void triggers.trigger('connect').catch(report('connect')) }),
    ])
  ).filter((w): w is IdleWatch => w !== undefined);
  return {
    triggers,
    stop: async () => {
      triggers.stop();
      for (const watch of watches) watch.stop();
      await triggers.settled();
    },
  };
}
