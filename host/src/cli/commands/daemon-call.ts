import type { MethodDescriptor } from '@syncmgr/protocol';
import { ResponseError } from 'vscode-jsonrpc/node';
import { HostError } from '../../errors.js';
import type { SyncManager } from '../../sync-manager.js';
import { connectDaemon } from './daemon-connection.js';

/** JSON-RPC's InvalidParams: the daemon refused what the user typed (a cron that does not parse). */
const INVALID_PARAMS = -32602;

/**
 * Sends one request to the daemon of the manager's home and resolves to its result, for the
 * commands that make one call (schedule, trigger, reset). HostError NO_DAEMON (exit 4) when none
 * runs, USAGE (exit 2) when it refuses the params, SESSION_FAILED otherwise.
 */
export async function callDaemon<P, R>(manager: SyncManager, descriptor: MethodDescriptor<P, R>, params: P): Promise<R> {
  const client = await connectDaemon(manager);
  try {
    return await client.request(descriptor, params);
  } catch (error) {
    if (error instanceof ResponseError) {
      const code = error.code === INVALID_PARAMS ? 'USAGE' : 'SESSION_FAILED';
      throw new HostError(code, `the daemon refused ${descriptor.method}: ${error.message}`, { cause: error });
    }
    throw new HostError('SESSION_FAILED', `the daemon did not answer ${descriptor.method}: ${(error as Error).message}`, { cause: error });
  } finally {
    client.close();
  }
}
