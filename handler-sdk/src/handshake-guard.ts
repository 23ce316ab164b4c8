import { Handshake, SyncMgrErrorCodes } from '@syncmgr/protocol';
import { ResponseError, type MessageConnection, type RequestHandler, type RequestType } from 'vscode-jsonrpc/node';
import type { HandlerSession } from './session.js';

/**
 * The connection the request modules register on: until the handshake was answered, every other
 * request is refused with NotHandshaken (PROTOCOL.md §5.1), before any module sees it.
 */
export function requiringHandshake(connection: MessageConnection, session: HandlerSession): MessageConnection {
  const onRequest = <P, R, E>(type: RequestType<P, R, E>, handler: RequestHandler<P, R, E>) =>
    connection.onRequest(type, (params, token) =>
      session.handshaken || type.method === Handshake.method
        ? handler(params, token)
        : new ResponseError(SyncMgrErrorCodes.NotHandshaken, `${type.method} before syncmgr/handshake`),
    );
  return { ...connection, onRequest } as MessageConnection;
}
