import { describeError, logToStderr } from './diagnostics.js';

/**
 * Runs work after the current request's answer is on its way: mobsync's asynchronous calls
 * answer at once and report their outcome later through a completion callback.
 */
export function afterAnswer(work: () => Promise<void>): void {
  setImmediate(() => {
    work().catch((error: unknown) => logToStderr(`internal error after an answer: ${describeError(error)}`));
  });
}
