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
  connection.onRequest(GetItemObject.type, () => ({ hr: session.lifeCycle.allows(GetItemObject) ? HResult.E_NOTIMPL : HResult.E_UNEXPECTED }));
  connection.onRequest(Shutdown.type, () => shutdown(session));
}

function handshake(session: HandlerSession, params: HandshakeParams): HandshakeResult | ResponseError {
  if (session.handshaken || !session.lifeCycle.receive(Handshake)) {
    return new ResponseError(SyncMgrErrorCodes.OutOfPhase, 'the handshake has already taken place');
  }
  session.handshaken = true;
  session.clsid = params.clsid;
  session.options.onHandshake?.(params);
  const maxProgressBatch = params.capabilities?.maxProgressBatch;
  if (typeof maxProgressBatch === 'number' && Number.isSafeInteger(maxProgressBatch) && maxProgressBatch > 0)
    session.host.acceptsProgressBatches(maxProgressBatch);
  const result: HandshakeResult = { protocolVersion: PROTOCOL_VERSION, capabilities: { enumeratorNavigation: true } };
  if (session.options.name !== undefined) result.handlerName = session.options.name;
  if (session.options.version !== undefined) result.handlerVersion = session.options.version;
  return result;
}

async function initialize(session: HandlerSession, params: InitializeParams): Promise<HResultResult> {
  // Initialize is answered once; a declined or failed one has already begun teardown.
  if (session.initialized || !session.lifeCycle.receive(Initialize)) return { hr: HResult.E_UNEXPECTED };
  const info = sessionInfoFrom(params, session.clsid);
  try {
    const accepted = (await session.handler.initialize?.(info)) !== false;
    if (accepted) session.begin(info);
    else session.lifeCycle.declined();
    return { hr: accepted ? HResult.S_OK : HResult.S_FALSE };
  } catch (error) {
    session.lifeCycle.declined();
    logToStderr(`initialize failed: ${describeError(error)}`);
    return { hr: HResult.E_FAIL };
  }
}

async function getHandlerInfo(session: HandlerSession): Promise<GetHandlerInfoResult> {
  if (!session.initialized || !session.lifeCycle.receive(GetHandlerInfo)) return { hr: HResult.E_UNEXPECTED };
  try {
    const { handlerInfo } = session.handler;
    const info = typeof handlerInfo === 'function' ? await handlerInfo(session.info) : handlerInfo;
    return { hr: HResult.S_OK, handlerInfo: toWireHandlerInfo(info) };
  } catch (error) {
    logToStderr(`getHandlerInfo failed: ${describeError(error)}`);
    return { hr: HResult.E_FAIL };
  }
}

/** true hands over the callback (it opens 'ready'); false takes it back as teardown begins. */
function setProgressCallback(session: HandlerSession, enabled: boolean): HResultResult {
  const opens = enabled === true ? 'ready' : 'shutdown';
  return { hr: session.lifeCycle.receive(SetProgressCallback, opens) ? HResult.S_OK : HResult.E_UNEXPECTED };
}

function shutdown(session: HandlerSession): Record<string, never> {
  session.lifeCycle.shutDown();
  session.run?.stopAll('stopped');
  // Not awaited: an iterator stuck in the handler's code must not hold up the answer.
  session.enumerators.releaseAll().catch((error: unknown) => logToStderr(`releasing enumerators failed: ${describeError(error)}`));
  session.options.onShutdown?.();
  return {};
}
