/**
 * The SyncMgr JSON-RPC protocol: method descriptors, structs, flags and status codes with the values of mobsync.h (see PROTOCOL.md).
 *
 * @packageDocumentation
 * @module @syncmgr/protocol
 */
export {
  ConstantTables,
  HResult,
  SyncMgrErrorFlags,
  SyncMgrFlag,
  SyncMgrHandlerFlags,
  SyncMgrInvokeFlags,
  SyncMgrItemFlags,
  SyncMgrItemState,
  SyncMgrLimits,
  SyncMgrLogErrorMask,
  SyncMgrLogLevel,
  SyncMgrProgressItemMask,
  SyncMgrRegisterFlags,
  SyncMgrStatus,
  type HResultName,
} from './constants.js';
export { SyncMgrErrorCodes, type SyncMgrErrorCode } from './error-codes.js';
export { GUID_NULL, isCanonicalGuid, normalizeGuid, type Guid } from './guid.js';
export { hresultName, succeeded } from './hresult.js';
export { defineRequest, isLegalIn, type Direction, type MethodDescriptor, type MethodSpec } from './method-descriptor.js';
export {
  CALLBACK_PHASES,
  canMove,
  HANDLER_PHASES,
  HandlerPhases,
  INITIALIZED_PHASES,
  PHASE_TRANSITIONS,
  UI_PHASES,
  type HandlerPhase,
  type PhaseSpec,
  type PhaseTransition,
  type PhaseUserInterface,
} from './life-cycle.js';
export { allMethods, asynchronousCallOf, methodByName } from './methods.js';
export type { SyncMgrHandlerInfo, SyncMgrItem, SyncMgrLogErrorInfo, SyncMgrProgressItem } from './structs.js';
export type { HResultResult, HResultValue, Int32, UInt32 } from './wire-types.js';
export {
  Handshake,
  PROTOCOL_VERSION,
  Shutdown,
  type HandlerCapabilities,
  type HandshakeParams,
  type HandshakeResult,
  type HostCapabilities,
  type ShutdownParams,
  type ShutdownResult,
} from './messages/lifecycle.js';
export {
  EnumSyncMgrItems,
  GetHandlerInfo,
  GetItemObject,
  Initialize,
  PrepareForSync,
  SetItemStatus,
  SetProgressCallback,
  ShowError,
  ShowProperties,
  Synchronize,
  type EnumSyncMgrItemsParams,
  type EnumSyncMgrItemsResult,
  type GetHandlerInfoParams,
  type GetHandlerInfoResult,
  type GetItemObjectParams,
  type InitializeParams,
  type PrepareForSyncParams,
  type SetItemStatusParams,
  type SetProgressCallbackParams,
  type ShowErrorParams,
  type ShowPropertiesParams,
  type SynchronizeParams,
} from './messages/synchronize.js';
export {
  EnumClone,
  EnumNext,
  EnumRelease,
  EnumReset,
  EnumSkip,
  type EnumCloneResult,
  type EnumeratorRef,
  type EnumNextParams,
  type EnumNextResult,
  type EnumSkipParams,
} from './messages/enum-items.js';
export {
  DeleteLogError,
  EnableModeless,
  EstablishConnection,
  LogError,
  MAX_PROGRESS_BATCH,
  PrepareForSyncCompleted,
  Progress,
  ProgressBatch,
  ShowErrorCompleted,
  ShowPropertiesCompleted,
  SynchronizeCompleted,
  type CompletedParams,
  type DeleteLogErrorParams,
  type EnableModelessParams,
  type EstablishConnectionParams,
  type LogErrorParams,
  type ProgressBatchParams,
  type ProgressBatchResult,
  type ProgressParams,
  type ShowErrorCompletedParams,
} from './messages/callback.js';
export {
  GetHandlerRegistrationInfo,
  RegisterSyncMgrHandler,
  UnregisterSyncMgrHandler,
  UpdateAll,
  UpdateItems,
  type ClsidHandlerParams,
  type GetHandlerRegistrationInfoResult,
  type RegisterSyncMgrHandlerParams,
  type UpdateAllParams,
  type UpdateItemsParams,
} from './messages/application.js';
export { DEFAULT_MAX_MESSAGE_BYTES, HandlerEnvironment } from './environment.js';
export {
  Prompt,
  type PromptConfirmField,
  type PromptField,
  type PromptParams,
  type PromptResult,
  type PromptSecretField,
  type PromptTextField,
} from './messages/prompt.js';
export { answersLeaveAtOnce, BatchedMessageWriter, requestsLeaveAtOnce, utf8Length, type LeavesAtOnce, type WritableLike } from './batched-writer.js';
