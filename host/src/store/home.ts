import { access, constants, mkdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { refuseUnsafe, unwritable } from './state-file.js';

/** Where the host keeps its state: the registry, results and handler logs. */
export interface HomePaths {
  /** The home folder itself (absolute): the registry, choices and configuration. */
  readonly root: string;
  /** The folder of what sessions leave (logs/, results/): the home, or $XDG_STATE_HOME/syncmgr when the home is the default. */
  readonly state: string;
  /** The class-ID registry, registry.json. */
  readonly registry: string;
  /** The folder of the handlers' stderr logs. */
  readonly logs: string;
  /** The folder of the session reports, one JSON file each. */
  readonly results: string;
  /** Stored item choices per event. */
  readonly choices: string;
  /** The user's configuration (connection profiles). */
  readonly config: string;
}

/**
 * --home, else $SYNCMGR_HOME: everything in that one folder. Else the XDG base directories: the
 * registry, choices and configuration in $XDG_CONFIG_HOME/syncmgr (~/.config/syncmgr), and logs and
 * results, which are state, not configuration, in $XDG_STATE_HOME/syncmgr (~/.local/state/syncmgr).
 */
export function resolveHome(explicit?: string, env: NodeJS.ProcessEnv = process.env): HomePaths {
  const chosen = explicit || env['SYNCMGR_HOME'];
  const root = path.resolve(chosen || path.join(xdgFolder(env, 'XDG_CONFIG_HOME', '.config'), 'syncmgr'));
  const state = chosen ? root : path.resolve(xdgFolder(env, 'XDG_STATE_HOME', path.join('.local', 'state')), 'syncmgr');
  return {
    root,
    state,
    registry: path.join(root, 'registry.json'),
    logs: path.join(state, 'logs'),
    results: path.join(state, 'results'),
    choices: path.join(root, 'choices.json'),
    config: path.join(root, 'config.json'),
  };
}

// The XDG specification says a relative path in these variables is invalid and is to be ignored.
function xdgFolder(env: NodeJS.ProcessEnv, variable: string, fallback: string): string {
  const value = env[variable];
  return value && path.isAbsolute(value) ? value : path.join(os.homedir(), fallback);
}

/**
 * Creates the home (owner-only) if it does not exist yet; refuses one others can write (STATE_CORRUPT)
 * and one this user cannot write or create (HOME_UNWRITABLE).
 */
export async function ensureHome(home: HomePaths): Promise<void> {
  for (const folder of new Set([home.root, home.state])) {
    await ensureStateFolder(folder);
    // An existing read-only home would otherwise fail later, at the first write, in mid-session.
    await access(folder, constants.W_OK).catch((error: unknown) => {
      throw unwritable(folder, 'write', error) ?? error;
    });
  }
}

/** Creates a state folder (the home, the state folder, logs/, results/) owner-only if missing; refuses one that is unsafe or cannot be made. */
export async function ensureStateFolder(folder: string): Promise<void> {
  await mkdir(folder, { recursive: true, mode: 0o700 }).catch((error: unknown) => {
    // Something else in the way (EEXIST) is named by refuseUnsafe, as not a folder.
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw unwritable(folder, 'create', error) ?? error;
  });
  await refuseUnsafe(folder, 'folder');
}
