/** The message of anything thrown, for logs and status texts. */
export function describeError(error: unknown): string {
  if (error instanceof Error) return error.message || error.name;
  return String(error);
}

/** Writes one diagnostic line to stderr, which the host turns into log lines. */
export function logToStderr(message: string): void {
  process.stderr.write(`[syncmgr handler] ${message}\n`);
}
