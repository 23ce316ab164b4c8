import type { Guid } from './guid.js';
import type { Int32, UInt32 } from './wire-types.js';

/**
 * SYNCMGRHANDLERINFO, the answer of GetHandlerInfo. cbSize is dropped (JSON carries its own length).
 */
export interface SyncMgrHandlerInfo {
  /**
   * wszHandlerName: the display name.
   * @minLength 1
   * @maxLength 32
   */
  handlerName: string;
  /** SyncMgrHandlerFlags: SYNCMGRHANDLER_* bits. */
  handlerFlags: UInt32;
  /** hIcon: a file path, a file: URI or a data: URI of an image; optional. */
  icon?: string;
}

/**
 * SYNCMGRITEM, produced by the enumerator's Next. cbSize is dropped.
 */
export interface SyncMgrItem {
  /** ItemID: stable across sessions, since the host keys the user's choices on it. */
  itemId: Guid;
  /** dwFlags: SYNCMGRITEM_* bits. */
  flags: UInt32;
  /** dwItemState: SYNCMGRITEMSTATE_CHECKED or _UNCHECKED, the default for an item never seen. */
  itemState: UInt32;
  /**
   * wszItemName: the display name.
   * @minLength 1
   * @maxLength 128
   */
  itemName: string;
  /** hIcon: a file path, a file: URI or a data: URI of an image; optional. */
  icon?: string;
  /**
   * ftLastUpdate as ISO 8601; meaningful only with SYNCMGRITEM_LASTUPDATETIME.
   * @format date-time
   */
  lastUpdate?: string;
}

/**
 * SYNCMGRPROGRESSITEM, the argument of Progress; mask says which of the other fields are set.
 */
export interface SyncMgrProgressItem {
  /** SYNCMGRPROGRESSITEM_* bits. */
  mask: UInt32;
  /** lpcStatusText: a free-form status line. */
  statusText?: string;
  /** dwStatusType: a SYNCMGRSTATUS value. */
  statusType?: UInt32;
  /** iProgValue: current progress. */
  progValue?: Int32;
  /** iMaxValue: progress maximum. */
  maxValue?: Int32;
}

/**
 * SYNCMGRLOGERRORINFO, the optional argument of LogError; mask says which fields are set.
 */
export interface SyncMgrLogErrorInfo {
  /** SYNCMGRLOGERROR_* bits. */
  mask: UInt32;
  /** dwSyncMgrErrorFlags: SYNCMGRERRORFLAG_ENABLEJUMPTEXT makes the entry actionable. */
  syncMgrErrorFlags?: UInt32;
  /** ErrorID: chosen by the handler; passed back in ShowError and used by DeleteLogError. */
  errorId?: Guid;
  /** ItemID: the item the entry belongs to. */
  itemId?: Guid;
}
