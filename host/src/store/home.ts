import { access, constants, mkdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { refuseUnsafe, unwritable } from './state-file.js';

/** Where the host keeps its state: the registry, results and handler logs. */
export interface HomePaths {
  /** The home folder itself (absolute). */
  readonly root: string;
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

/** --home, else $SYNCMGR_HOME, else $XDG_CONFIG_HOME/syncmgr, else ~/.config/syncmgr. */
export function resolveHome(explicit?: string, env: NodeJS.ProcessEnv = process.env): HomePaths {
  const configRoot = env['XDG_CONFIG_HOME'] || path.join(os.homedir(), '.config');
  const root = path.resolve(explicit || env['SYNCMGR_HOME'] || path.join(configRoot, 'syncmgr'));
  return {
    root,
    registry: path.join(root, 'registry.json'),
    logs: path.join(root, 'logs'),
    results: path.join(root, 'results'),
    choices: path.join(root, 'choices.json'),
    config: path.join(root, 'config.json'),
  };
}

/**
 * Creates the home (owner-only) if it does not exist yet; refuses one others can write (STATE_CORRUPT)
 * and one this user cannot write or create (HOME_UNWRITABLE).
 */
export async function ensureHome(home: HomePaths): Promise<void> {
  await ensureStateFolder(home.root);
  // An existing read-only home would otherwise fail later, at the first write, in mid-session.
  await access(home.root, constants.W_OK).catch((error: unknown) => {
    throw unwritable(home.root, 'write', error) ?? error;
  });
}

/** Creates a state folder (the home, logs/, results/) owner-only if missing; refuses one that is unsafe or cannot be made. */
export async function ensureStateFolder(folder: string): Promise<void> {
  await mkdir(folder, { recursive: true, mode: 0o700 }).catch((error: unknown) => {
    // Something else in the way (EEXIST) is named by refuseUnsafe, as not a folder.
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw unwritable(folder, 'create', error) ?? error;
  });
  await refuseUnsafe(folder, 'folder');
}
