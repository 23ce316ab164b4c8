import {
  GUID_NULL,
  HResult,
  normalizeGuid,
  ShowError,
  ShowProperties,
  ShowPropertiesCompleted,
  type Guid,
  type HResultValue,
} from '@syncmgr/protocol';
import type { MessageConnection } from 'vscode-jsonrpc/node';
import { afterAnswer } from './after-answer.js';
import { describeError, logToStderr } from './diagnostics.js';
import type { HandlerSession } from './session.js';

/** Answers ShowProperties and ShowError: E_NOTIMPL (and no completion) unless the handler implements them. */
export function registerUiRequests(connection: MessageConnection, session: HandlerSession): void {
  connection.onRequest(ShowProperties.type, ({ itemId }) => ({ hr: startShowProperties(session, itemId) }));
  connection.onRequest(ShowError.type, ({ errorId }) => ({ hr: startShowError(session, errorId) }));
}

function startShowProperties(session: HandlerSession, itemId: Guid): HResultValue {
  const { handler } = session;
  if (!handler.showProperties) return HResult.E_NOTIMPL;
  if (!session.initialized) return HResult.E_UNEXPECTED;
  const target = normalizeGuid(String(itemId));
  if (target === undefined) return HResult.E_INVALIDARG;
  afterAnswer(async () => {
    let hr: HResultValue = HResult.S_OK;
    try {
      hr = (await handler.showProperties?.(target === GUID_NULL ? undefined : target, session.context)) ?? HResult.S_OK;
    } catch (error) {
      logToStderr(`showProperties failed: ${describeError(error)}`);
      hr = HResult.E_FAIL;
    }
    await session.host.complete(ShowPropertiesCompleted, hr);
  });
  return HResult.S_OK;
}

function startShowError(session: HandlerSession, errorId: Guid): HResultValue {
  const { handler } = session;
  if (!handler.showError) return HResult.E_NOTIMPL;
  if (!session.initialized) return HResult.E_UNEXPECTED;
  const target = normalizeGuid(String(errorId));
  if (target === undefined) return HResult.E_INVALIDARG;
  afterAnswer(async () => {
    try {
      const retryItemIds = [...((await handler.showError?.(target, session.context))?.retryItemIds ?? [])];
      const hr = retryItemIds.length > 0 ? HResult.S_SYNCMGR_RETRYSYNC : HResult.S_OK;
      await session.host.showErrorCompleted(hr, retryItemIds);
    } catch (error) {
      logToStderr(`showError failed: ${describeError(error)}`);
      await session.host.showErrorCompleted(HResult.E_FAIL, []);
    }
  });
  return HResult.S_OK;
}
