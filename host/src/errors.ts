/**
 * What went wrong, for code that branches on it; the message says it for people.
 *
 * - `USAGE`: the call does not fit the state (an unknown session handler or item, skip outside
 *   preparing or synchronizing, showError without a held handler, no results yet).
 * - `INVALID_CLSID`: the text is not a GUID. `UNKNOWN_CLSID`: no handler is registered as it.
 * - `INVALID_ENTRY`: a registry entry given or read is malformed (the message names the field).
 * - `STATE_CORRUPT`: a state file under the home is malformed; it is left untouched.
 * - `STATE_IO`: a state file could not be read, written or locked.
 * - `HOME_UNWRITABLE`: the home, or a folder or file in it, cannot be created or written (a
 *   read-only home, a path through a regular file); the message names the path and the fix.
 * - `SPAWN_FAILED`: a handler's command could not be started.
 * - `SESSION_FAILED`: a session could not be carried out as a whole.
 */
export type HostErrorCode =
  | 'USAGE'
  | 'INVALID_CLSID'
  | 'UNKNOWN_CLSID'
  | 'INVALID_ENTRY'
  | 'STATE_CORRUPT'
  | 'STATE_IO'
  | 'HOME_UNWRITABLE'
  | 'SPAWN_FAILED'
  | 'SESSION_FAILED'
  /** The host tried a move its handler life cycle does not allow: a bug of the host. */
  | 'OUT_OF_PHASE'
  /** Another daemon holds this home's lock (the message names its pid). */
  | 'DAEMON_RUNNING'
  /** A client command found no daemon running for the home (the CLI's exit code 4). */
  | 'NO_DAEMON'
  /** The daemon's runtime folder or socket cannot be trusted (another owner, group or other access). */
  | 'UNSAFE_RUNTIME'
  /** A trigger-started session would run only quarantined handlers (restart intensity). */
  | 'QUARANTINED';

/** An error of the host itself (not of a handler): registry, usage, spawning. Never serialised. */
export class HostError extends Error {
  /** Always 'HostError'. */
  override readonly name = 'HostError';

  constructor(
    /** What went wrong; branch on this, not on the message. */
    readonly code: HostErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** Error codes that mean the user's input or configuration is wrong (CLI exit code 2). */
export function isConfigurationError(error: unknown): boolean {
  return (
    error instanceof HostError &&
    ['USAGE', 'INVALID_CLSID', 'UNKNOWN_CLSID', 'INVALID_ENTRY', 'STATE_CORRUPT', 'HOME_UNWRITABLE', 'SPAWN_FAILED'].includes(error.code)
  );
}
