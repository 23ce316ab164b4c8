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
  RunHandlerOptions,
  SessionInfo,
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
} from '@syncmgr/protocol';
