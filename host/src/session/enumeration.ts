import { EnumNext, EnumRelease, EnumSyncMgrItems, HResult, succeeded, type SyncMgrItem } from '@syncmgr/protocol';
import type { HandlerConnection } from '../transport/handler-connection.js';

/** Items per enumItems/next: large enough to be cheap, small enough to keep messages small. */
export const ENUM_PAGE_SIZE = 512;

export interface Enumeration {
  items: SyncMgrItem[];
  /** S_SYNCMGR_MISSINGITEMS: the handler knows the list is incomplete. */
  missingItems: boolean;
  /** Duplicate item IDs the handler listed (dropped, and reported as a violation). */
  duplicates: string[];
}

/** EnumSyncMgrItems, then ISyncMgrEnumItems::Next page by page until S_FALSE, then Release. */
export async function enumerateItems(connection: HandlerConnection): Promise<Enumeration | { failedHr: number }> {
  const opened = await connection.request(EnumSyncMgrItems, {});
  if (!succeeded(opened.hr) || opened.enumeratorId === undefined) return { failedHr: opened.hr };
  const items: SyncMgrItem[] = [];
  const seen = new Set<string>();
  const duplicates: string[] = [];
  const enumeratorId = opened.enumeratorId;
  for (;;) {
    const page = await connection.request(EnumNext, { enumeratorId, celt: ENUM_PAGE_SIZE });
    if (!succeeded(page.hr)) return { failedHr: page.hr };
    for (const item of page.items) {
      if (seen.has(item.itemId)) {
        duplicates.push(item.itemId);
      } else {
        seen.add(item.itemId);
        items.push(item);
      }
    }
    if (page.hr === HResult.S_FALSE || page.items.length < ENUM_PAGE_SIZE) break;
  }
  await connection.request(EnumRelease, { enumeratorId });
  return { items, missingItems: opened.hr === HResult.S_SYNCMGR_MISSINGITEMS, duplicates };
}

