import { realpath } from 'node:fs/promises';
import {
  SyncMgrItemState,
  stableItemId,
  type Guid,
  type ItemContext,
  type ItemResult,
  type SyncHandler,
  type SyncItem,
} from '@syncmgr/handler-sdk';
import type { FolderPair } from './config.js';
import { mirrorFolder, type MirrorProgress, type MirrorSummary } from './mirror.js';

/** The namespace of folder-sync's item IDs: an item's ID is derived from its two folders. */
export const FOLDER_SYNC_NAMESPACE: Guid = '95ff4af7-0173-481d-9f58-9bdcee09300f';

/** An item of folder-sync: one folder pair. */
export interface FolderItem extends SyncItem {
  pair: FolderPair;
}

// Progress values are int32; beyond 2 GiB the bytes are reported in larger units.
const INT32_MAX = 0x7fffffff;

/** The folder-sync handler: one item per folder pair, each mirrored source → target. */
export function createFolderSyncHandler(pairs: readonly FolderPair[]): SyncHandler<FolderItem> {
  return {
    handlerInfo: { handlerName: 'Folder sync', handlerFlags: 0 },
    enumItems: () => Promise.all(pairs.map(toItem)),
    synchronizeItem: (item, ctx) => mirrorPair(item.pair, ctx),
  };
}

async function toItem(pair: FolderPair): Promise<FolderItem> {
  const [source, target] = await Promise.all([canonicalPath(pair.source), canonicalPath(pair.target)]);
  return {
    itemId: stableItemId(FOLDER_SYNC_NAMESPACE, `${source}→${target}`),
    itemName: pair.name,
    itemState: SyncMgrItemState.SYNCMGRITEMSTATE_CHECKED,
    flags: 0,
    pair,
  };
}

async function mirrorPair(pair: FolderPair, ctx: ItemContext): Promise<ItemResult> {
  const summary = await mirrorFolder(pair.source, pair.target, {
    signal: ctx.signal,
    onProgress: (progress) => ctx.progress(toProgressUpdate(progress)),
    onUnreadable: ({ path, cause }) => ctx.logError('warning', `could not read "${path}": ${cause}`),
  });
  return { text: describeSummary(summary) };
}

function toProgressUpdate({ path, bytesDone, totalBytes }: MirrorProgress): { text: string; value: number; max: number } {
  const unit = Math.max(1, Math.ceil(totalBytes / INT32_MAX));
  return {
    text: path ?? 'finishing',
    value: Math.floor(bytesDone / unit),
    max: Math.floor(totalBytes / unit),
  };
}

/** "copied 3 files, removed 1 (1 unreadable)". */
export function describeSummary(summary: MirrorSummary): string {
  const parts = [`copied ${count(summary.copied, 'file')}`];
  if (summary.removed > 0) parts.push(`removed ${summary.removed}`);
  const unreadable = summary.unreadable > 0 ? ` (${summary.unreadable} unreadable)` : '';
  return parts.join(', ') + unreadable;
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

// The ID should survive a symlinked path being spelled differently; a folder that does not
// exist yet keeps its configured (absolute) spelling.
async function canonicalPath(folder: string): Promise<string> {
  return realpath(folder).catch(() => folder);
}
