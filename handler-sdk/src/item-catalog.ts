import { normalizeGuid, type Guid } from '@syncmgr/protocol';
import type { SyncItem } from './handler.js';

/**
 * The items the host has seen through enumeration, so PrepareForSync's IDs map back to them.
 * Kept as a list, not a map: a handler may list a million items of which the host selects a few,
 * and hashing every ID as it was listed cost more than the rest of the listing (B5); a lookup
 * reads the list once instead, and only for the IDs asked for.
 */
export class ItemCatalog {
  readonly #ids: Guid[] = [];
  readonly #items: SyncItem[] = [];

  /** Records an item the host received, under its canonical ID. */
  remember(itemId: Guid, item: SyncItem): void {
    this.#ids.push(itemId);
    this.#items.push(item);
  }

  /**
   * The items of these IDs, in order; undefined when any of them was never enumerated or is not a
   * GUID. Where an ID was listed again (a later enumeration), the latest listing's item is the one.
   */
  lookup(itemIds: readonly unknown[]): Map<Guid, SyncItem> | undefined {
    const wanted = new Set<Guid>();
    for (const rawId of itemIds) {
      const itemId = typeof rawId === 'string' ? normalizeGuid(rawId) : undefined;
      if (itemId === undefined) return undefined;
      wanted.add(itemId);
    }
    const found = new Map<Guid, SyncItem>();
    for (let i = this.#ids.length - 1; i >= 0 && found.size < wanted.size; i--) {
      const itemId = this.#ids[i];
      const item = this.#items[i];
      if (itemId !== undefined && item !== undefined && wanted.has(itemId) && !found.has(itemId)) found.set(itemId, item);
    }
    const inOrder = new Map<Guid, SyncItem>();
    for (const itemId of wanted) {
      const item = found.get(itemId);
      if (item === undefined) return undefined;
      inOrder.set(itemId, item);
    }
    return inOrder;
  }
}
