import type { Guid } from '../guid.js';
import { CALLBACK_PHASES } from '../life-cycle.js';
import { defineRequest } from '../method-descriptor.js';
import type { SyncMgrLogErrorInfo, SyncMgrProgressItem } from '../structs.js';
import type { HResultResult, HResultValue, UInt32 } from '../wire-types.js';

// ISyncMgrSynchronizeCallback, implemented by the host and called by the handler.
// Every callback is a request answered with an HRESULT; the host rejects a callback
// that arrives out of phase with a JSON-RPC error (SyncMgrErrorCodes.OutOfPhase).

export interface CompletedParams {
  /** The outcome of the asynchronous call this completes. */
  hr: HResultValue;
}

export const ShowPropertiesCompleted = defineRequest<CompletedParams, HResultResult>({
  method: 'callback/showPropertiesCompleted',
  direction: 'handlerToHost',
  mirrors: 'ISyncMgrSynchronizeCallback::ShowPropertiesCompleted',
  title: 'ShowPropertiesCompleted',
  paramsSchema: 'CompletedParams',
  resultSchema: 'HResultResult',
  phases: ['properties'],
});

/** S_OK lets the host call Synchronize; anything else releases the handler. */
export const PrepareForSyncCompleted = defineRequest<CompletedParams, HResultResult>({
  method: 'callback/prepareForSyncCompleted',
  direction: 'handlerToHost',
  mirrors: 'ISyncMgrSynchronizeCallback::PrepareForSyncCompleted',
  title: 'PrepareForSyncCompleted',
  paramsSchema: 'CompletedParams',
  resultSchema: 'HResultResult',
  phases: ['prepare'],
});

export const SynchronizeCompleted = defineRequest<CompletedParams, HResultResult>({
  method: 'callback/synchronizeCompleted',
  direction: 'handlerToHost',
  mirrors: 'ISyncMgrSynchronizeCallback::SynchronizeCompleted',
  title: 'SynchronizeCompleted',
  paramsSchema: 'CompletedParams',
  resultSchema: 'HResultResult',
  phases: ['synchronize'],
});

export interface ShowErrorCompletedParams {
  /** S_SYNCMGR_RETRYSYNC asks the host to prepare and synchronize itemIds again. */
  hr: HResultValue;
  /** pItemIDs; read only when hr is S_SYNCMGR_RETRYSYNC. */
  itemIds: Guid[];
}

export const ShowErrorCompleted = defineRequest<ShowErrorCompletedParams, HResultResult>({
  method: 'callback/showErrorCompleted',
  direction: 'handlerToHost',
  mirrors: 'ISyncMgrSynchronizeCallback::ShowErrorCompleted',
  title: 'ShowErrorCompleted',
  paramsSchema: 'ShowErrorCompletedParams',
  resultSchema: 'HResultResult',
  phases: ['showError'],
});

export interface EnableModelessParams {
  /** fEnable: true asks "may I show UI now?"; false gives the token back. */
  enable: boolean;
}

/** Answers S_OK (the token is yours) or S_FALSE (show no UI). */
export const EnableModeless = defineRequest<EnableModelessParams, HResultResult>({
  method: 'callback/enableModeless',
  direction: 'handlerToHost',
  mirrors: 'ISyncMgrSynchronizeCallback::EnableModeless',
  title: 'EnableModeless',
  paramsSchema: 'EnableModelessParams',
  resultSchema: 'HResultResult',
  phases: [...CALLBACK_PHASES, 'properties'],
});

export interface ProgressParams {
  itemId: Guid;
  progressItem: SyncMgrProgressItem;
}

/** Answers the cancel verdict: S_OK, S_SYNCMGR_CANCELITEM or S_SYNCMGR_CANCELALL. */
export const Progress = defineRequest<ProgressParams, HResultResult>({
  method: 'callback/progress',
  direction: 'handlerToHost',
  mirrors: 'ISyncMgrSynchronizeCallback::Progress',
  title: 'Progress',
  paramsSchema: 'ProgressParams',
  resultSchema: 'HResultResult',
  phases: CALLBACK_PHASES,
});

/** The most reports one callback/progressBatch carries; the host offers it as capabilities.maxProgressBatch. */
export const MAX_PROGRESS_BATCH = 1024;

export interface ProgressBatchParams {
  /**
   * Progress reports, applied in order as if each were a callback/progress.
   * @minItems 1
   * @maxItems 1024
   */
  reports: ProgressParams[];
}

export interface ProgressBatchResult {
  /** One verdict per report, in order: what callback/progress would have answered (S_OK, S_SYNCMGR_CANCELITEM or S_SYNCMGR_CANCELALL). */
  hrs: HResultValue[];
}

/**
 * Extension. Many Progress calls in one message, for a host that offers capabilities.maxProgressBatch:
 * progress is state, so a handler that reports faster than one round trip per report sends what
 * accumulated in one message. All or nothing: a report naming an item outside the session refuses
 * the whole batch (UnknownItem), and none of it is applied.
 */
export const ProgressBatch = defineRequest<ProgressBatchParams, ProgressBatchResult>({
  method: 'callback/progressBatch',
  direction: 'handlerToHost',
  mirrors: 'extension (ISyncMgrSynchronizeCallback::Progress, once per report)',
  title: 'ProgressBatch',
  paramsSchema: 'ProgressBatchParams',
  resultSchema: 'ProgressBatchResult',
  phases: CALLBACK_PHASES,
});

export interface LogErrorParams {
  /** dwErrorLevel: a SYNCMGRLOGLEVEL value. */
  errorLevel: UInt32;
  /** pszErrorText. */
  errorText: string;
  /** pSyncLogError; may be omitted (NULL). */
  logErrorInfo?: SyncMgrLogErrorInfo;
}

export const LogError = defineRequest<LogErrorParams, HResultResult>({
  method: 'callback/logError',
  direction: 'handlerToHost',
  mirrors: 'ISyncMgrSynchronizeCallback::LogError',
  title: 'LogError',
  paramsSchema: 'LogErrorParams',
  resultSchema: 'HResultResult',
  phases: CALLBACK_PHASES,
});

export interface DeleteLogErrorParams {
  /** ErrorID of an entry, or GUID_NULL for every entry this handler instance logged. */
  errorId: Guid;
}

export const DeleteLogError = defineRequest<DeleteLogErrorParams, HResultResult>({
  method: 'callback/deleteLogError',
  direction: 'handlerToHost',
  mirrors: 'ISyncMgrSynchronizeCallback::DeleteLogError',
  title: 'DeleteLogError',
  paramsSchema: 'DeleteLogErrorParams',
  resultSchema: 'HResultResult',
  phases: CALLBACK_PHASES,
});

export interface EstablishConnectionParams {
  /** pwszConnection: a connection profile name, or null for the default one. */
  connection: string | null;
}

/** Answers S_OK once the connection is up. */
export const EstablishConnection = defineRequest<EstablishConnectionParams, HResultResult>({
  method: 'callback/establishConnection',
  direction: 'handlerToHost',
  mirrors: 'ISyncMgrSynchronizeCallback::EstablishConnection',
  title: 'EstablishConnection',
  paramsSchema: 'EstablishConnectionParams',
  resultSchema: 'HResultResult',
  phases: CALLBACK_PHASES,
});
