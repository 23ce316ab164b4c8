import type { EnumItemsResult, ItemsSource, SyncItem } from './handler.js';

/** A pull-based reader over an items source, one item at a time. */
export interface ItemCursor {
  /** The next item, or done at the end. */
  pull(): Promise<IteratorResult<SyncItem, unknown>>;
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

/** Opens a cursor; an async iterable is read lazily, page by page. */
export function openCursor(source: ItemsSource<SyncItem>): ItemCursor {
  const iterator = isAsyncIterable(source) ? source[Symbol.asyncIterator]() : source[Symbol.iterator]();
  let ended = false;
  return {
    async pull() {
      if (ended) return { done: true, value: undefined };
      const result = await iterator.next();
      if (result.done) ended = true;
      return result;
    },
    async close() {
      if (ended) return;
      ended = true;
      await iterator.return?.();
    },
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
