import { HandlerEnvironment } from '@syncmgr/protocol';
import type { RunHandlerOptions, SyncHandler, SyncItem } from './handler.js';
import { parsePid, watchParent } from './parent-watchdog.js';
import { ProcessExit } from './process-exit.js';
import { serveHandler } from './serve-handler.js';
import { takeOverStdout } from './stdout-guard.js';
import { routeUncaughtErrors } from './uncaught-errors.js';

// A process the host started (it sets SYNCMGR_HOST_PID) owes stdout to the protocol from the
// first instant: guarding it here, when the SDK is imported, also covers the handler module's
// own top-level code, which runs before it calls runHandler.
if (process.env[HandlerEnvironment.HOST_PID]) takeOverStdout();

/**
 * Runs this process as a SyncMgr handler: speaks the protocol on stdin/stdout, keeps stdout
 * for the protocol alone, and exits when stdin closes or the host process disappears.
 */
export function runHandler<Item extends SyncItem>(handler: SyncHandler<Item>, options: RunHandlerOptions = {}): void {
  const exit = new ProcessExit();
  const watchedPids = new Set<number>();
  const watchHost = (pid: number | undefined): void => {
    if (pid === undefined || watchedPids.has(pid)) return;
    watchedPids.add(pid);
    watchParent(pid, () => exit.hostGone(`the host process ${pid} is gone`));
  };
  const output = takeOverStdout();
  output.on('error', () => exit.hostGone('stdout is closed'));
  routeUncaughtErrors((error) => exit.fatal(error));
  watchHost(parsePid(process.env[HandlerEnvironment.HOST_PID]));
  process.stdin.on('end', () => exit.inputClosed());
  process.stdin.on('close', () => exit.inputClosed());
  serveHandler(handler, {
    ...options,
    input: process.stdin,
    output,
    onHandshake: ({ hostPid }) => watchHost(parsePid(String(hostPid))),
    onShutdown: () => exit.shutdownRequested(),
  });
}
