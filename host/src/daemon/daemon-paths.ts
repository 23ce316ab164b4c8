import { createHash } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import type { HomePaths } from '../store/home.js';

/** Where one home's daemon keeps what it needs while it runs, and what it leaves for the next one. */
export interface DaemonPaths {
  /** The owner-only folder of the socket and the WebSocket token (mode 0700). */
  readonly runtime: string;
  /** The Unix socket clients connect to (mode 0600). */
  readonly socket: string;
  /** The WebSocket listener's token, with --listen (mode 0600). */
  readonly token: string;
  /** The lock that makes one daemon per home: holds the pid and start time of the daemon that has it. */
  readonly lock: string;
  /** The sessions running now, so that the next daemon can record them as interrupted. */
  readonly journal: string;
  /** The schedules (schedule add/list/remove) and their last runs. */
  readonly schedules: string;
  /** Quarantined handlers and their recent trigger failures. */
  readonly quarantine: string;
}

// sun_path holds 108 bytes on Linux (104 on macOS): a longer socket path cannot be bound.
const MAX_SOCKET_PATH = 100;

/**
 * The daemon's paths for a home. The runtime folder is $XDG_RUNTIME_DIR/syncmgr/<home hash> (a
 * per-user tmpfs the session manager makes owner-only); without it, <state>/run, or, when that path
 * is too long for a socket, <tmpdir>/syncmgr-<uid>/<home hash>. What outlives the daemon is in the
 * home: the schedules with the configuration, the lock, journal and quarantine with the state.
 */
export function daemonPaths(home: HomePaths, env: NodeJS.ProcessEnv = process.env): DaemonPaths {
  const runtime = runtimeFolder(home, env);
  return {
    runtime,
    socket: path.join(runtime, 'daemon.sock'),
    token: path.join(runtime, 'token'),
    lock: path.join(home.state, 'daemon.lock'),
    journal: path.join(home.state, 'daemon-sessions.json'),
    schedules: path.join(home.root, 'schedules.json'),
    quarantine: path.join(home.state, 'quarantine.json'),
  };
}

function runtimeFolder(home: HomePaths, env: NodeJS.ProcessEnv): string {
  const hash = createHash('sha256').update(home.root).digest('hex').slice(0, 16);
  const xdg = env['XDG_RUNTIME_DIR'];
  if (xdg && path.isAbsolute(xdg)) return path.join(xdg, 'syncmgr', hash);
  const inState = path.join(home.state, 'run');
  if (path.join(inState, 'daemon.sock').length <= MAX_SOCKET_PATH) return inState;
  return path.join(os.tmpdir(), `syncmgr-${os.userInfo().uid}`, hash);
}
