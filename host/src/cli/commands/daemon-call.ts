import net from 'node:net';
import type { MethodDescriptor } from '@syncmgr/protocol';
import { createMessageConnection, ResponseError, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';
import { HostError } from '../../errors.js';
import type { SyncManager } from '../../sync-manager.js';
import { daemonPaths } from '../../daemon/daemon-paths.js';

// A minimal client of the daemon for the schedule, trigger and reset commands: one request per
// connection, Content-Length framing (PROTOCOL.md §2). To merge with host/src/daemon-client/.

/** JSON-RPC's InvalidParams: the daemon refused what the user typed (a cron that does not parse). */
const INVALID_PARAMS = -32602;

/**
 * Sends one request to the daemon of the manager's home and resolves to its result. HostError
 * USAGE (exit 2) when no daemon listens, or when it refuses the params; SESSION_FAILED otherwise.
 */
export async function callDaemon<P, R>(manager: SyncManager, descriptor: MethodDescriptor<P, R>, params: P): Promise<R> {
  const socket = await connect(daemonPaths(manager.home).socket);
  const connection = createMessageConnection(new StreamMessageReader(socket), new StreamMessageWriter(socket));
  connection.listen();
  try {
    return await connection.sendRequest(descriptor.type, params as never);
  } catch (error) {
    if (error instanceof ResponseError) {
      throw new HostError(error.code === INVALID_PARAMS ? 'USAGE' : 'SESSION_FAILED', `the daemon refused ${descriptor.method}: ${error.message}`, {
        cause: error,
      });
    }
    throw new HostError('SESSION_FAILED', `the daemon did not answer ${descriptor.method}: ${(error as Error).message}`, { cause: error });
  } finally {
    connection.dispose();
    socket.destroy();
  }
}

function connect(socketPath: string): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(socketPath);
    socket.once('connect', () => {
      socket.removeAllListeners('error');
      resolve(socket);
    });
    socket.once('error', (error: NodeJS.ErrnoException) => {
      const why =
        error.code === 'ENOENT' || error.code === 'ECONNREFUSED'
          ? 'no daemon is running for this home'
          : `cannot reach the daemon (${error.code ?? error.message})`;
      reject(new HostError('USAGE', `${why} at ${socketPath}: start it with \`syncmgr daemon\` (or its systemd user unit)`, { cause: error }));
    });
  });
}
