import { HResult, SyncMgrHandlerFlags, type Guid, type HostContext, type ItemContext, type ItemResult, type SyncHandler } from '@syncmgr/handler-sdk';
import type { ConfigDocument, FolderPair } from './config.js';
import { toItem, type FolderItem } from './folder-items.js';
import { mirrorFolder, type MirrorProgress, type MirrorSummary } from './mirror.js';
import { addPairProperties, editPairProperties, InvalidAnswerError, type PropertiesOutcome } from './pair-properties.js';

export { FOLDER_SYNC_NAMESPACE, type FolderItem } from './folder-items.js';

// Progress values are int32; beyond 2 GiB the bytes are reported in larger units.
const INT32_MAX = 0x7fffffff;

/**
 * The folder-sync handler: one item per folder pair, each mirrored source → target. Its
 * properties edit a pair's folders or add a pair, rewriting the config file.
 */
export function createFolderSyncHandler(initial: ConfigDocument): SyncHandler<FolderItem> {
  let config = initial;
  return {
    handlerInfo: { handlerName: 'Folder sync', handlerFlags: SyncMgrHandlerFlags.SYNCMGRHANDLER_HASPROPERTIES },
    // The current pairs, so the enumeration after a properties change lists the new items.
    enumItems: () => Promise.all(config.pairs.map(toItem)),
    synchronizeItem: (item, ctx) => mirrorPair(item.pair, ctx),
    showProperties: async (itemId, ctx) => {
      const outcome = await showProperties(config.file, itemId, ctx);
      if (outcome.config) config = outcome.config;
      return outcome.hr;
    },
  };
}

async function showProperties(configFile: string, itemId: Guid | undefined, ctx: HostContext): Promise<PropertiesOutcome> {
  try {
    return itemId === undefined ? await addPairProperties(configFile, ctx) : await editPairProperties(configFile, itemId, ctx);
  } catch (error) {
    if (!(error instanceof InvalidAnswerError)) throw error;
    // The host may not have set the progress callback for a properties instance, so LogError
    // may have nobody to go to: stderr (the host's log) and the completion carry the problem.
    process.stderr.write(`folder-sync: ${error.message}\n`);
    return { hr: HResult.E_INVALIDARG };
  }
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
