import { normalizeGuid, type Guid } from '@syncmgr/protocol';
import type { SyncItem } from './handler.js';

/** The items the host has seen through enumeration, so PrepareForSync's IDs map back to them. */
export class ItemCatalog {
  readonly #byId = new Map<Guid, SyncItem>();

  /** Records an item the host received, under its canonical ID. */
  remember(itemId: Guid, item: SyncItem): void {
    this.#byId.set(itemId, item);
  }

  /** The items of these IDs, in order; undefined when any of them was never enumerated. */
  lookup(itemIds: readonly Guid[]): Map<Guid, SyncItem> | undefined {
    const items = new Map<Guid, SyncItem>();
    for (const rawId of itemIds) {
      const itemId = typeof rawId === 'string' ? normalizeGuid(rawId) : undefined;
      const item = itemId === undefined ? undefined : this.#byId.get(itemId);
      if (itemId === undefined || item === undefined) return undefined;
      items.set(itemId, item);
    }
    return items;
  }
}
