/** What went wrong, for code that branches on it; the message says it for people. */
export type HostErrorCode =
  | 'USAGE'
  | 'INVALID_CLSID'
  | 'UNKNOWN_CLSID'
  | 'INVALID_ENTRY'
  | 'STATE_CORRUPT'
  | 'STATE_IO'
  | 'SPAWN_FAILED'
  | 'SESSION_FAILED'
  /** The host tried a move its handler life cycle does not allow: a bug of the host. */
  | 'OUT_OF_PHASE';

/** An error of the host itself (not of a handler): registry, usage, spawning. Never serialised. */
export class HostError extends Error {
  override readonly name = 'HostError';

  constructor(
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
    ['USAGE', 'INVALID_CLSID', 'UNKNOWN_CLSID', 'INVALID_ENTRY', 'STATE_CORRUPT', 'SPAWN_FAILED'].includes(error.code)
  );
}
