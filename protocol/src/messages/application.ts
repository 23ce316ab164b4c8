import { defineRequest } from '../method-descriptor.js';
import type { Guid } from '../guid.js';
import type { HResultResult, HResultValue, UInt32 } from '../wire-types.js';

// ISyncMgrSynchronizeInvoke and ISyncMgrRegister: what an application asks of the host.
// The host library exposes them as methods; the daemon serves them on its socket (§5.5).

export interface UpdateItemsParams {
  /** dwInvokeFlags: SYNCMGRINVOKE_* bits. */
  invokeFlags: UInt32;
  /** The handler to run. */
  clsid: Guid;
  /** pCookie, base64: passed verbatim to the handler's Initialize with SYNCMGRFLAG_INVOKE. */
  cookie?: string;
  /** Extension: only these items (the CLI's `sync --item`); otherwise the items chosen for the invoke event. */
  itemIds?: Guid[];
}

export interface InvokeResult {
  /** S_OK: the session was started or queued (UpdateItems answers at once, as in SyncMgr). */
  hr: HResultValue;
  /** Extension: the daemon's session for it, to follow with sessions/report and events/subscribe. */
  sessionId?: string;
}

export const UpdateItems = defineRequest<UpdateItemsParams, InvokeResult>({
  method: 'invoke/updateItems',
  direction: 'applicationToHost',
  mirrors: 'ISyncMgrSynchronizeInvoke::UpdateItems',
  title: 'UpdateItems',
  paramsSchema: 'UpdateItemsParams',
  resultSchema: 'InvokeResult',
  phases: [],
});

export type UpdateAllParams = Record<string, unknown>;

export const UpdateAll = defineRequest<UpdateAllParams, InvokeResult>({
  method: 'invoke/updateAll',
  direction: 'applicationToHost',
  mirrors: 'ISyncMgrSynchronizeInvoke::UpdateAll',
  title: 'UpdateAll',
  paramsSchema: 'UpdateAllParams',
  resultSchema: 'InvokeResult',
  phases: [],
});

export interface RegisterSyncMgrHandlerParams {
  clsidHandler: Guid;
  /** pwszDescription: the name shown for the handler. */
  description?: string;
  /** dwSyncMgrRegisterFlags: SYNCMGRREGISTERFLAG_* events it wants to run on. */
  syncMgrRegisterFlags: UInt32;
  /** Extension (COM's LocalServer32): the command that starts the handler, as an argv array. */
  command: string[];
  /** Extension: the working directory to start it in. */
  cwd?: string;
  /** Extension: variables added to its environment. */
  env?: Record<string, string>;
}

export const RegisterSyncMgrHandler = defineRequest<RegisterSyncMgrHandlerParams, HResultResult>({
  method: 'register/registerSyncMgrHandler',
  direction: 'applicationToHost',
  mirrors: 'ISyncMgrRegister::RegisterSyncMgrHandler',
  title: 'RegisterSyncMgrHandler',
  paramsSchema: 'RegisterSyncMgrHandlerParams',
  resultSchema: 'HResultResult',
  phases: [],
});

export interface ClsidHandlerParams {
  clsidHandler: Guid;
}

export const UnregisterSyncMgrHandler = defineRequest<ClsidHandlerParams, HResultResult>({
  method: 'register/unregisterSyncMgrHandler',
  direction: 'applicationToHost',
  mirrors: 'ISyncMgrRegister::UnregisterSyncMgrHandler',
  title: 'UnregisterSyncMgrHandler',
  paramsSchema: 'ClsidHandlerParams',
  resultSchema: 'HResultResult',
  phases: [],
});

export interface GetHandlerRegistrationInfoResult {
  /** S_OK when registered, S_FALSE when not. */
  hr: HResultValue;
  syncMgrRegisterFlags?: UInt32;
}

export const GetHandlerRegistrationInfo = defineRequest<ClsidHandlerParams, GetHandlerRegistrationInfoResult>({
  method: 'register/getHandlerRegistrationInfo',
  readsOnly: true,
  direction: 'applicationToHost',
  mirrors: 'ISyncMgrRegister::GetHandlerRegistrationInfo',
  title: 'GetHandlerRegistrationInfo',
  paramsSchema: 'ClsidHandlerParams',
  resultSchema: 'GetHandlerRegistrationInfoResult',
  phases: [],
});
