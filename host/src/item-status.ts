import { SyncMgrStatus } from '@syncmgr/protocol';

export type { ItemOutcome, ItemStatus } from '@syncmgr/protocol';
import type { ItemOutcome, ItemStatus } from '@syncmgr/protocol';

const BY_VALUE = new Map<number, ItemStatus>([
  [SyncMgrStatus.SYNCMGRSTATUS_STOPPED, 'stopped'],
  [SyncMgrStatus.SYNCMGRSTATUS_SKIPPED, 'skipped'],
  [SyncMgrStatus.SYNCMGRSTATUS_PENDING, 'pending'],
  [SyncMgrStatus.SYNCMGRSTATUS_UPDATING, 'updating'],
  [SyncMgrStatus.SYNCMGRSTATUS_SUCCEEDED, 'succeeded'],
  [SyncMgrStatus.SYNCMGRSTATUS_FAILED, 'failed'],
  [SyncMgrStatus.SYNCMGRSTATUS_PAUSED, 'paused'],
  [SyncMgrStatus.SYNCMGRSTATUS_RESUMING, 'resuming'],
  [SyncMgrStatus.SYNCMGRSTATUS_UPDATING_INDETERMINATE, 'updatingIndeterminate'],
  [SyncMgrStatus.SYNCMGRSTATUS_DELETED, 'deleted'],
]);

const FINAL: ReadonlySet<ItemStatus> = new Set<ItemOutcome>(['succeeded', 'failed', 'skipped', 'stopped']);

/** The name of a SYNCMGRSTATUS value; undefined for a value mobsync.h does not define. */
export function itemStatusOf(value: number): ItemStatus | undefined {
  return BY_VALUE.get(value);
}

/** True for succeeded, failed, skipped and stopped: an item's result. */
export function isFinal(status: ItemStatus): status is ItemOutcome {
  return FINAL.has(status);
}
