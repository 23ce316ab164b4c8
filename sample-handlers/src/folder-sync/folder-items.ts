import { realpath } from 'node:fs/promises';
import { SyncMgrItemFlags, SyncMgrItemState, stableItemId, type Guid, type SyncItem } from '@syncmgr/handler-sdk';
import type { FolderPair } from './config.js';

/** The namespace of folder-sync's item IDs: an item's ID is derived from its two folders. */
export const FOLDER_SYNC_NAMESPACE: Guid = '95ff4af7-0173-481d-9f58-9bdcee09300f';

/** An item of folder-sync: one folder pair. */
export interface FolderItem extends SyncItem {
  pair: FolderPair;
}

/** The item of a folder pair; every pair has properties (its source and target). */
export async function toItem(pair: FolderPair): Promise<FolderItem> {
  return {
    itemId: await itemIdOf(pair),
    itemName: pair.name,
    itemState: SyncMgrItemState.SYNCMGRITEMSTATE_CHECKED,
    flags: SyncMgrItemFlags.SYNCMGRITEM_HASPROPERTIES,
    pair,
  };
}

/** The index of the pair whose item has this ID, or -1. */
export async function indexOfItem(pairs: readonly FolderPair[], itemId: Guid): Promise<number> {
  const ids = await Promise.all(pairs.map(itemIdOf));
  return ids.indexOf(itemId.toLowerCase());
}

async function itemIdOf(pair: FolderPair): Promise<Guid> {
  const [source, target] = await Promise.all([canonicalPath(pair.source), canonicalPath(pair.target)]);
  return stableItemId(FOLDER_SYNC_NAMESPACE, `${source}→${target}`);
}

// The ID should survive a symlinked path being spelled differently; a folder that does not
// exist yet keeps its configured (absolute) spelling.
async function canonicalPath(folder: string): Promise<string> {
  return realpath(folder).catch(() => folder);
}
