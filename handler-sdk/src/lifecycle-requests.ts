import {
  GetHandlerInfo,
  GetItemObject,
  Handshake,
  HResult,
  Initialize,
  PROTOCOL_VERSION,
  SetProgressCallback,
  Shutdown,
  SyncMgrErrorCodes,
  type GetHandlerInfoResult,
  type HandshakeParams,
  type HandshakeResult,
  type HResultResult,
  type InitializeParams,
} from '@syncmgr/protocol';
import { ResponseError, type MessageConnection } from 'vscode-jsonrpc/node';
import { describeError, logToStderr } from './diagnostics.js';
import type { HandlerSession } from './session.js';
import { sessionInfoFrom } from './session-info.js';
import { toWireHandlerInfo } from './wire-items.js';

/** Answers the handshake, Initialize, GetHandlerInfo, SetProgressCallback, GetItemObject and shutdown. */
export function registerLifecycleRequests(connection: MessageConnection, session: HandlerSession): void {
  connection.onRequest(Handshake.type, (params) => handshake(session, params));
  connection.onRequest(Initialize.type, (params) => initialize(session, params));
  connection.onRequest(GetHandlerInfo.type, () => getHandlerInfo(session));
  connection.onRequest(SetProgressCallback.type, ({ enabled }) => setProgressCallback(session, enabled));
  connection.onRequest(GetItemObject.type, () => ({ hr: HResult.E_NOTIMPL }));
  connection.onRequest(Shutdown.type, () => shutdown(session));
}

function handshake(session: HandlerSession, params: HandshakeParams): HandshakeResult | ResponseError {
  if (!session.is('awaitingHandshake')) {
    return new ResponseError(SyncMgrErrorCodes.OutOfPhase, 'the handshake has already taken place');
  }
  session.phase = 'awaitingInitialize';
  session.clsid = params.clsid;
  session.options.onHandshake?.(params);
  const result: HandshakeResult = { protocolVersion: PROTOCOL_VERSION, capabilities: { enumeratorNavigation: true } };
  if (session.options.name !== undefined) result.handlerName = session.options.name;
  if (session.options.version !== undefined) result.handlerVersion = session.options.version;
  return result;
}

async function initialize(session: HandlerSession, params: InitializeParams): Promise<HResultResult> {
  if (!session.is('awaitingInitialize')) return { hr: HResult.E_UNEXPECTED };
  const info = sessionInfoFrom(params, session.clsid);
  try {
    const accepted = (await session.handler.initialize?.(info)) !== false;
    session.phase = accepted ? 'ready' : 'declined';
    if (accepted) session.begin(info);
    return { hr: accepted ? HResult.S_OK : HResult.S_FALSE };
  } catch (error) {
    session.phase = 'declined';
    logToStderr(`initialize failed: ${describeError(error)}`);
    return { hr: HResult.E_FAIL };
  }
}

async function getHandlerInfo(session: HandlerSession): Promise<GetHandlerInfoResult> {
  if (!session.initialized) return { hr: HResult.E_UNEXPECTED };
  try {
    const { handlerInfo } = session.handler;
    const info = typeof handlerInfo === 'function' ? await handlerInfo(session.info) : handlerInfo;
    return { hr: HResult.S_OK, handlerInfo: toWireHandlerInfo(info) };
  } catch (error) {
    logToStderr(`getHandlerInfo failed: ${describeError(error)}`);
    return { hr: HResult.E_FAIL };
  }
}

function setProgressCallback(session: HandlerSession, enabled: boolean): HResultResult {
  if (!session.initialized) return { hr: HResult.E_UNEXPECTED };
  session.progressCallbackEnabled = enabled === true;
  return { hr: HResult.S_OK };
}

function shutdown(session: HandlerSession): Record<string, never> {
  session.phase = 'shutDown';
  session.run?.stopAll('stopped');
  // Not awaited: an iterator stuck in the handler's code must not hold up the answer.
  session.enumerators.releaseAll().catch((error: unknown) => logToStderr(`releasing enumerators failed: ${describeError(error)}`));
  session.options.onShutdown?.();
  return {};
}
