/**
 * Write a SyncMgr handler in TypeScript: `runHandler(handler)` with a `SyncHandler`.
 *
 * @packageDocumentation
 * @module @syncmgr/handler-sdk
 */
export { runHandler } from './run-handler.js';
export { serveHandler, type HandlerConnection, type ServeHandlerOptions } from './serve-handler.js';
export { stableItemId } from './stable-id.js';
export { HandlerSdkError, ItemStoppedError, type HandlerSdkErrorCode } from './errors.js';
export type {
  Awaitable,
  EnumItemsResult,
  FinalItemStatus,
  HandlerInfo,
  HostContext,
  ItemContext,
  ItemResult,
  ItemsSource,
  ItemStatus,
  ItemStopReason,
  LogErrorOptions,
  LogLevel,
  PhaseContext,
  ProgressUpdate,
  ProgressVerdict,
  PromptAnswers,
  RunHandlerOptions,
  SessionInfo,
  ShowErrorResult,
  SyncEvent,
  SyncHandler,
  SyncItem,
} from './handler.js';
export {
  GUID_NULL,
  HResult,
  SyncMgrFlag,
  SyncMgrHandlerFlags,
  SyncMgrItemFlags,
  SyncMgrItemState,
  SyncMgrLimits,
  SyncMgrStatus,
  type Guid,
  type PromptConfirmField,
  type PromptField,
  type PromptParams,
  type PromptSecretField,
  type PromptTextField,
} from '@syncmgr/protocol';
