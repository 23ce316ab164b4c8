import { HResult, SyncMgrProgressItemMask, SyncMgrStatus, type SyncMgrProgressItem } from '@syncmgr/protocol';
import type { ItemStatus, ProgressUpdate, ProgressVerdict } from './handler.js';

const STATUS_VALUES: Record<ItemStatus, number> = {
  stopped: SyncMgrStatus.SYNCMGRSTATUS_STOPPED,
  skipped: SyncMgrStatus.SYNCMGRSTATUS_SKIPPED,
  pending: SyncMgrStatus.SYNCMGRSTATUS_PENDING,
  updating: SyncMgrStatus.SYNCMGRSTATUS_UPDATING,
  succeeded: SyncMgrStatus.SYNCMGRSTATUS_SUCCEEDED,
  failed: SyncMgrStatus.SYNCMGRSTATUS_FAILED,
  paused: SyncMgrStatus.SYNCMGRSTATUS_PAUSED,
  resuming: SyncMgrStatus.SYNCMGRSTATUS_RESUMING,
  indeterminate: SyncMgrStatus.SYNCMGRSTATUS_UPDATING_INDETERMINATE,
};

const INT32_MIN = -0x80000000;
const INT32_MAX = 0x7fffffff;

/** The SyncMgrProgressItem of an update: one mask bit per field given. */
export function toProgressItem(update: ProgressUpdate): SyncMgrProgressItem {
  const item: SyncMgrProgressItem = { mask: 0 };
  if (update.text !== undefined) {
    item.statusText = update.text;
    item.mask |= SyncMgrProgressItemMask.SYNCMGRPROGRESSITEM_STATUSTEXT;
  }
  if (update.status !== undefined) {
    item.statusType = STATUS_VALUES[update.status];
    item.mask |= SyncMgrProgressItemMask.SYNCMGRPROGRESSITEM_STATUSTYPE;
  }
  const value = toInt32(update.value);
  if (value !== undefined) {
    item.progValue = value;
    item.mask |= SyncMgrProgressItemMask.SYNCMGRPROGRESSITEM_PROGVALUE;
  }
  const max = toInt32(update.max);
  if (max !== undefined) {
    item.maxValue = max;
    item.mask |= SyncMgrProgressItemMask.SYNCMGRPROGRESSITEM_MAXVALUE;
  }
  return item;
}

/** A number as an int32 (truncated, clamped); undefined for undefined or NaN. */
export function toInt32(value: number | undefined): number | undefined {
  if (value === undefined || Number.isNaN(value)) return undefined;
  return Math.min(INT32_MAX, Math.max(INT32_MIN, Math.trunc(value)));
}

/** The verdict in a Progress answer. S_SYNCMGR_* are success codes, so compare exactly. */
export function verdictOf(hr: number): ProgressVerdict {
  switch (hr >>> 0) {
    case HResult.S_SYNCMGR_CANCELITEM:
      return 'cancelItem';
    case HResult.S_SYNCMGR_CANCELALL:
      return 'cancelAll';
    default:
      return 'continue';
  }
}
