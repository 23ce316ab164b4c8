import type { Triggers } from './triggers.js';

/**
 * What the daemon does on SIGTERM (logoff): runs the pendingDisconnect session and waits for it, at
 * most `timeoutMs`, then resolves so the daemon can exit. Never rejects: a failure to start the
 * session must not keep the daemon from stopping.
 */
export async function runPendingDisconnect(triggers: Triggers, timeoutMs: number, log: (line: string) => void = () => {}): Promise<void> {
  try {
    const { result, ended } = await triggers.pendingDisconnect(timeoutMs);
    if (!ended) log(`the pendingDisconnect session ${result.sessionId ?? ''} did not end within ${timeoutMs} ms: stopping anyway`);
  } catch (error) {
    log(`the pendingDisconnect session could not run: ${(error as Error).message}`);
  }
}
