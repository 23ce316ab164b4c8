import type { Guid, HandlerRef, ItemState } from '@syncmgr/protocol';

/** Items a running session's live report keeps per handler: a handler listing millions is shown in part. */
const MAX_ITEMS_PER_HANDLER = 10_000;

/** The current state of each item of a running session, from its itemProgress events, for sessions/report. */
export class LiveItems {
  private readonly handlers = new Map<Guid, { handler: HandlerRef; items: Map<Guid, ItemState> }>();

  update(handler: HandlerRef, item: ItemState): void {
    let entry = this.handlers.get(handler.clsid);
    if (!entry) this.handlers.set(handler.clsid, (entry = { handler, items: new Map() }));
    entry.handler = handler;
    if (entry.items.has(item.itemId) || entry.items.size < MAX_ITEMS_PER_HANDLER) entry.items.set(item.itemId, item);
  }

  byHandler(): { handler: HandlerRef; items: ItemState[] }[] {
    return [...this.handlers.values()].map(({ handler, items }) => ({ handler, items: [...items.values()] }));
  }
}
