import { GUID_NULL, HResult, normalizeGuid, ShowError, ShowProperties, type Guid, type HResultValue } from '@syncmgr/protocol';
import type { MessageConnection } from 'vscode-jsonrpc/node';
import { afterAnswer } from './after-answer.js';
import { describeError, logToStderr } from './diagnostics.js';
import { HandlerSdkError } from './errors.js';
import type { HandlerSession } from './session.js';

/**
 * Answers ShowProperties and ShowError: E_NOTIMPL (and no completion) unless the handler implements
 * them. ShowProperties comes to a settings instance after enumeration, ShowError in the results
 * phase after Synchronize completed (life-cycle.ts).
 */
export function registerUiRequests(connection: MessageConnection, session: HandlerSession): void {
  connection.onRequest(ShowProperties.type, ({ itemId }) => ({ hr: startShowProperties(session, itemId) }));
  connection.onRequest(ShowError.type, ({ errorId }) => ({ hr: startShowError(session, errorId) }));
}

function startShowProperties(session: HandlerSession, itemId: Guid): HResultValue {
  const { handler } = session;
  if (!handler.showProperties) return HResult.E_NOTIMPL;
  if (!session.initialized || !session.lifeCycle.receive(ShowProperties)) return HResult.E_UNEXPECTED;
  const target = normalizeGuid(String(itemId));
  if (target === undefined) return refuse(session, ShowProperties, HResult.E_INVALIDARG);
  afterAnswer(async () => {
    let hr: HResultValue;
    try {
      hr = propertiesHr(await handler.showProperties?.(target === GUID_NULL ? undefined : target, session.context));
    } catch (error) {
      logToStderr(`showProperties failed: ${describeError(error)}`);
      hr = HResult.E_FAIL;
    }
    await session.host.complete(ShowProperties, hr);
  });
  return HResult.S_OK;
}

/** ShowPropertiesCompleted's HRESULT: nothing means S_OK; negative (signed) failures are accepted. */
function propertiesHr(returned: number | void): HResultValue {
  if (returned === undefined) return HResult.S_OK;
  if (!Number.isInteger(returned) || returned < -0x80000000 || returned > 0xffffffff) {
    throw new HandlerSdkError('INVALID_HRESULT', `showProperties returned ${String(returned)}, which is not an HRESULT`);
  }
  return returned >>> 0;
}

function startShowError(session: HandlerSession, errorId: Guid): HResultValue {
  const { handler } = session;
  if (!handler.showError) return HResult.E_NOTIMPL;
  if (!session.initialized || !session.lifeCycle.receive(ShowError)) return HResult.E_UNEXPECTED;
  const target = normalizeGuid(String(errorId));
  if (target === undefined) return refuse(session, ShowError, HResult.E_INVALIDARG);
  afterAnswer(async () => {
    let retryItemIds: Guid[];
    try {
      retryItemIds = retryIdsOf(session, (await handler.showError?.(target, session.context))?.retryItemIds);
    } catch (error) {
      logToStderr(`showError failed: ${describeError(error)}`);
      await session.host.showErrorCompleted(HResult.E_FAIL, []);
      return;
    }
    // Recorded before the completion goes out: the host answers it with PrepareForSync at once.
    for (const itemId of retryItemIds) session.retryItemIds.add(itemId);
    const hr = retryItemIds.length > 0 ? HResult.S_SYNCMGR_RETRYSYNC : HResult.S_OK;
    await session.host.showErrorCompleted(hr, retryItemIds);
  });
  return HResult.S_OK;
}

/** Answers a call whose phase was entered with a failure: no completion will come. */
function refuse(session: HandlerSession, call: typeof ShowError | typeof ShowProperties, hr: HResultValue): HResultValue {
  session.lifeCycle.ended(call, hr);
  return hr;
}

/** The canonical, distinct IDs to retry; UNKNOWN_ITEM for an ID the host never enumerated. */
function retryIdsOf(session: HandlerSession, requested: readonly Guid[] | undefined): Guid[] {
  const found = session.catalog.lookup(requested ?? []);
  if (found) return [...found.keys()];
  const unknown = (requested ?? []).find((rawId) => !session.catalog.lookup([rawId]));
  throw new HandlerSdkError('UNKNOWN_ITEM', `showError asked to retry ${String(unknown)}, which is not an enumerated item`);
}
