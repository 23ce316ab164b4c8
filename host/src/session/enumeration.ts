import { EnumNext, EnumRelease, EnumSyncMgrItems, HResult, hresultName, succeeded, type MethodDescriptor, type SyncMgrItem } from '@syncmgr/protocol';
import { ItemIdSet } from './item-id-set.js';

/** Who sends the enumeration's requests (the handler's life cycle, which checks their phase). */
export interface RequestSender {
  request<P, R>(descriptor: MethodDescriptor<P, R>, params: P): Promise<R>;
}

/** Items per enumItems/next: large enough to be cheap, small enough to keep messages small. */
export const ENUM_PAGE_SIZE = 512;

/** How an enumeration went; the items themselves went to the page callback as they came. */
export interface EnumerationSummary {
  /** Distinct items listed. */
  listed: number;
  /** S_SYNCMGR_MISSINGITEMS: the handler knows the list is incomplete. */
  missingItems: boolean;
  /** Duplicate item IDs the handler listed (dropped, and reported as a violation). */
  duplicates: string[];
}

/** Why an enumeration failed: the call, and what it answered. */
export interface EnumerationFailure {
  call: string;
  answered: string;
}

/** Every item of an enumeration, for those who need the whole list at once (settings, `syncmgr items`). */
export interface Enumeration {
  /** Every item listed, each once. */
  items: SyncMgrItem[];
  /** S_SYNCMGR_MISSINGITEMS: the handler knows the list is incomplete. */
  missingItems: boolean;
}

/**
 * EnumSyncMgrItems, then ISyncMgrEnumItems::Next page by page until S_FALSE, then Release. Each page
 * goes to `onPage` (first listings only) and is not kept here: a million items need not be held at once.
 */
export async function enumerateItems(
  connection: RequestSender,
  onPage: (items: readonly SyncMgrItem[]) => void,
): Promise<EnumerationSummary | EnumerationFailure> {
  const opened = await connection.request(EnumSyncMgrItems, {});
  if (!succeeded(opened.hr)) return { call: EnumSyncMgrItems.title, answered: hresultName(opened.hr) };
  if (opened.enumeratorId === undefined) return { call: EnumSyncMgrItems.title, answered: `${hresultName(opened.hr)} without an enumeratorId` };
  const seen = new ItemIdSet();
  const duplicates: string[] = [];
  const enumeratorId = opened.enumeratorId;
  const requestPage = () => {
    const request = connection.request(EnumNext, { enumeratorId, celt: ENUM_PAGE_SIZE });
    request.catch(() => undefined); // awaited below; this only spares an early exit an unhandled rejection
    return request;
  };
  let nextPage = requestPage();
  for (;;) {
    const page = await nextPage;
    if (!succeeded(page.hr)) return { call: `ISyncMgrEnumItems::${EnumNext.title}`, answered: hresultName(page.hr) };
    const more = page.hr !== HResult.S_FALSE && page.items.length >= ENUM_PAGE_SIZE;
    // The next page is asked for before this one is handled, so the handler lists while the host picks.
    if (more) nextPage = requestPage();
    const firsts = page.items.filter((item) => seen.add(item.itemId) || (duplicates.push(item.itemId), false));
    onPage(firsts);
    if (!more) break;
  }
  await connection.request(EnumRelease, { enumeratorId });
  return { listed: seen.size, missingItems: opened.hr === HResult.S_SYNCMGR_MISSINGITEMS, duplicates };
}
