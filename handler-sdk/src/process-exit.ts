import { describeError, logToStderr } from './diagnostics.js';
import { endOwnProcesses } from './own-processes.js';

// The host closes stdin right after shutdown is answered; this only covers a host that does not.
const SHUTDOWN_GRACE_MS = 2000;

/** When the handler process exits, and with which code: 0 after syncmgr/shutdown, 1 otherwise. */
export class ProcessExit {
  #shutdownRequested = false;

  /** syncmgr/shutdown was answered: exit when stdin closes, or after a short grace. */
  shutdownRequested(): void {
    this.#shutdownRequested = true;
    setTimeout(() => this.#exit(), SHUTDOWN_GRACE_MS).unref();
  }

  /** stdin ended: the host has nothing more to say. */
  inputClosed(): void {
    this.#exit();
  }

  /** The host process is gone (or stdout broke): nobody is listening. */
  hostGone(why: string): void {
    logToStderr(`${why}; exiting`);
    this.#exit();
  }

  /** An error outside any item that nothing caught. */
  fatal(error: unknown): void {
    logToStderr(`fatal: ${error instanceof Error && error.stack ? error.stack : describeError(error)}`);
    process.exit(1);
  }

  // Without an orderly shutdown the host is gone or ending this handler: its children go with it.
  #exit(): never {
    if (!this.#shutdownRequested) endOwnProcesses();
    process.exit(this.#shutdownRequested ? 0 : 1);
  }
}
