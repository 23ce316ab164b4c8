import type { EnumItemsResult, ItemsSource, SyncItem } from './handler.js';

/** A pull-based reader over an items source. */
export interface ItemCursor {
  /** Up to `count` next items; fewer only at the end. */
  take(count: number): Promise<SyncItem[]>;
  /** Lets the source free what it holds (iterator.return), unless it already ended. */
  close(): Promise<void>;
}

/** What enumItems returned, split into its items and its "knowingly incomplete" flag. */
export interface Enumeration {
  items: ItemsSource<SyncItem>;
  missingItems: boolean;
}

/** Normalizes the forms enumItems may return. */
export function toEnumeration(result: EnumItemsResult<SyncItem>): Enumeration {
  if (isAsyncIterable(result) || isIterable(result)) return { items: result, missingItems: false };
  return { items: result.items, missingItems: result.missingItems === true };
}

/**
 * Opens a cursor; an async iterable is read lazily, page by page. A synchronous source (an array,
 * a generator) is read without awaiting each item: a page of 512 is one step, not 512.
 */
export function openCursor(source: ItemsSource<SyncItem>): ItemCursor {
  let ended = false;
  const close = async (iterator: Iterator<SyncItem> | AsyncIterator<SyncItem>) => {
    if (ended) return;
    ended = true;
    await iterator.return?.();
  };
  if (isAsyncIterable(source)) {
    const iterator = source[Symbol.asyncIterator]();
    return {
      async take(count) {
        const items: SyncItem[] = [];
        while (!ended && items.length < count) {
          const result = await iterator.next();
          if (result.done) ended = true;
          else items.push(result.value);
        }
        return items;
      },
      close: () => close(iterator),
    };
  }
  const iterator = source[Symbol.iterator]();
  return {
    // eslint-disable-next-line @typescript-eslint/require-await -- async so a throw from the handler's iterator rejects, as in the asynchronous source's take
    async take(count) {
      const items: SyncItem[] = [];
      while (!ended && items.length < count) {
        const result = iterator.next();
        if (result.done) ended = true;
        else items.push(result.value);
      }
      return items;
    },
    close: () => close(iterator),
  };
}

/** True for a source that can be iterated again from the start without asking the handler. */
export function isReplayable(source: ItemsSource<SyncItem>): boolean {
  return Array.isArray(source);
}

function isAsyncIterable(value: unknown): value is AsyncIterable<SyncItem> {
  return typeof (value as AsyncIterable<SyncItem> | null)?.[Symbol.asyncIterator] === 'function';
}

function isIterable(value: unknown): value is Iterable<SyncItem> {
  return typeof (value as Iterable<SyncItem> | null)?.[Symbol.iterator] === 'function';
}
