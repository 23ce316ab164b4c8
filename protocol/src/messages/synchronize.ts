import type { Guid } from '../guid.js';
import { INITIALIZED_PHASES } from '../life-cycle.js';
import { defineRequest } from '../method-descriptor.js';
import type { SyncMgrHandlerInfo } from '../structs.js';
import type { HResultResult, HResultValue, UInt32 } from '../wire-types.js';
import { PrepareForSyncCompleted, ShowErrorCompleted, ShowPropertiesCompleted, SynchronizeCompleted } from './callback.js';

// ISyncMgrSynchronize, implemented by the handler and called by the host.

export interface InitializeParams {
  /** dwSyncMgrFlags: a SYNCMGRFLAG event in the low byte, modifiers above it. */
  syncMgrFlags: UInt32;
  /** lpCookie: the invoker's opaque bytes, base64; only with SYNCMGRFLAG_INVOKE. */
  cookie?: string;
}

/** Initialize: S_OK takes part in the session; S_FALSE declines it. */
export const Initialize = defineRequest<InitializeParams, HResultResult>({
  method: 'synchronize/initialize',
  direction: 'hostToHandler',
  mirrors: 'ISyncMgrSynchronize::Initialize',
  title: 'Initialize',
  paramsSchema: 'InitializeParams',
  resultSchema: 'HResultResult',
  phases: ['initialize'],
});

export type GetHandlerInfoParams = Record<string, unknown>;
export interface GetHandlerInfoResult {
  hr: HResultValue;
  /** Present when hr is S_OK. */
  handlerInfo?: SyncMgrHandlerInfo;
}

export const GetHandlerInfo = defineRequest<GetHandlerInfoParams, GetHandlerInfoResult>({
  method: 'synchronize/getHandlerInfo',
  direction: 'hostToHandler',
  mirrors: 'ISyncMgrSynchronize::GetHandlerInfo',
  title: 'GetHandlerInfo',
  paramsSchema: 'GetHandlerInfoParams',
  resultSchema: 'GetHandlerInfoResult',
  phases: ['handlerInfo'],
});

export type EnumSyncMgrItemsParams = Record<string, unknown>;
export interface EnumSyncMgrItemsResult {
  /** S_OK, or S_SYNCMGR_MISSINGITEMS when the list is knowingly incomplete. */
  hr: HResultValue;
  /** The new enumerator (ISyncMgrEnumItems), addressed by this id. Present when hr succeeded. */
  enumeratorId?: string;
}

export const EnumSyncMgrItems = defineRequest<EnumSyncMgrItemsParams, EnumSyncMgrItemsResult>({
  method: 'synchronize/enumSyncMgrItems',
  direction: 'hostToHandler',
  mirrors: 'ISyncMgrSynchronize::EnumSyncMgrItems',
  title: 'EnumSyncMgrItems',
  paramsSchema: 'EnumSyncMgrItemsParams',
  resultSchema: 'EnumSyncMgrItemsResult',
  phases: ['enumeration'],
});

export interface GetItemObjectParams {
  itemId: Guid;
  /** riid: the interface asked for. */
  riid: Guid;
}

/** Reserved in SyncMgr: handlers answer E_NOTIMPL. */
export const GetItemObject = defineRequest<GetItemObjectParams, HResultResult>({
  method: 'synchronize/getItemObject',
  direction: 'hostToHandler',
  mirrors: 'ISyncMgrSynchronize::GetItemObject',
  title: 'GetItemObject',
  paramsSchema: 'GetItemObjectParams',
  resultSchema: 'HResultResult',
  phases: INITIALIZED_PHASES,
});

export interface ShowPropertiesParams {
  /** The item, or GUID_NULL for the handler's own properties. */
  itemId: Guid;
}

/** Asynchronous: answers at once, completes with ShowPropertiesCompleted. */
export const ShowProperties = defineRequest<ShowPropertiesParams, HResultResult>({
  method: 'synchronize/showProperties',
  direction: 'hostToHandler',
  mirrors: 'ISyncMgrSynchronize::ShowProperties',
  title: 'ShowProperties',
  paramsSchema: 'ShowPropertiesParams',
  resultSchema: 'HResultResult',
  phases: ['properties'],
  completion: ShowPropertiesCompleted,
});

export interface SetProgressCallbackParams {
  /** true hands over the host's callback; false is SetProgressCallback(NULL), sent before shutdown. */
  enabled: boolean;
}

export const SetProgressCallback = defineRequest<SetProgressCallbackParams, HResultResult>({
  method: 'synchronize/setProgressCallback',
  direction: 'hostToHandler',
  mirrors: 'ISyncMgrSynchronize::SetProgressCallback',
  title: 'SetProgressCallback',
  paramsSchema: 'SetProgressCallbackParams',
  resultSchema: 'HResultResult',
  phases: ['ready', 'shutdown'],
});

export interface PrepareForSyncParams {
  /** pItemIDs: the chosen items; Synchronize processes exactly these. */
  itemIds: Guid[];
}

/** Asynchronous: S_OK now, PrepareForSyncCompleted later; S_FALSE when it needs UI it may not show. */
export const PrepareForSync = defineRequest<PrepareForSyncParams, HResultResult>({
  method: 'synchronize/prepareForSync',
  direction: 'hostToHandler',
  mirrors: 'ISyncMgrSynchronize::PrepareForSync',
  title: 'PrepareForSync',
  paramsSchema: 'PrepareForSyncParams',
  resultSchema: 'HResultResult',
  phases: ['prepare'],
  completion: PrepareForSyncCompleted,
});

export type SynchronizeParams = Record<string, unknown>;

/** Asynchronous: S_OK now, SynchronizeCompleted when every item is done. */
export const Synchronize = defineRequest<SynchronizeParams, HResultResult>({
  method: 'synchronize/synchronize',
  direction: 'hostToHandler',
  mirrors: 'ISyncMgrSynchronize::Synchronize',
  title: 'Synchronize',
  paramsSchema: 'SynchronizeParams',
  resultSchema: 'HResultResult',
  phases: ['synchronize'],
  completion: SynchronizeCompleted,
});

export interface SetItemStatusParams {
  itemId: Guid;
  /** dwSyncMgrStatus: a SYNCMGRSTATUS value; the host sends SYNCMGRSTATUS_SKIPPED. */
  syncMgrStatus: UInt32;
}

/** Only between PrepareForSync and its completion, or between Synchronize and its completion. */
export const SetItemStatus = defineRequest<SetItemStatusParams, HResultResult>({
  method: 'synchronize/setItemStatus',
  direction: 'hostToHandler',
  mirrors: 'ISyncMgrSynchronize::SetItemStatus',
  title: 'SetItemStatus',
  paramsSchema: 'SetItemStatusParams',
  resultSchema: 'HResultResult',
  phases: ['prepare', 'synchronize'],
});

export interface ShowErrorParams {
  /** The ErrorID of an actionable LogError entry of this handler instance. */
  errorId: Guid;
}

/** Asynchronous: answers at once, completes with ShowErrorCompleted. */
export const ShowError = defineRequest<ShowErrorParams, HResultResult>({
  method: 'synchronize/showError',
  direction: 'hostToHandler',
  mirrors: 'ISyncMgrSynchronize::ShowError',
  title: 'ShowError',
  paramsSchema: 'ShowErrorParams',
  resultSchema: 'HResultResult',
  phases: ['showError'],
  completion: ShowErrorCompleted,
});
