import { SyncMgrErrorCodes } from '@syncmgr/protocol';
import { ResponseError } from 'vscode-jsonrpc/node';
import type { ItemsSource, SyncItem } from './handler.js';
import { isReplayable, openCursor, type ItemCursor } from './item-cursor.js';

// Skip and Clone read past items in pages of this many, so that a skip of millions holds one page.
const SKIP_PAGE = 512;

/** Asks the handler for its items again (enumItems), for Reset and Clone. */
export type ItemsReopener = () => Promise<ItemsSource<SyncItem>>;

/** ISyncMgrEnumItems: a position in a lazily read sequence of the handler's items. */
export class ItemEnumerator {
  #cursor: ItemCursor | undefined;
  #position = 0;
  #tail: Promise<unknown> = Promise.resolve();
  readonly #reopen: ItemsReopener;

  constructor(initial: ItemsSource<SyncItem>, reinvoke: ItemsReopener) {
    this.#cursor = openCursor(initial);
    this.#reopen = isReplayable(initial) ? () => Promise.resolve(initial) : reinvoke;
  }

  /** Up to celt items from the current position. */
  next(celt: number): Promise<SyncItem[]> {
    return this.#exclusive(async () => {
      const items = await (await this.#open()).take(celt);
      this.#position += items.length;
      return items;
    });
  }

  /** Moves past up to celt items, a page at a time; resolves to how many there were. */
  skip(celt: number): Promise<number> {
    return this.#exclusive(async () => {
      let skipped = 0;
      while (skipped < celt) {
        const wanted = Math.min(SKIP_PAGE, celt - skipped);
        const passed = (await (await this.#open()).take(wanted)).length;
        skipped += passed;
        if (passed < wanted) break;
      }
      this.#position += skipped;
      return skipped;
    });
  }

  /** Back to the start; the handler's enumItems runs again unless it returned an array. */
  reset(): Promise<void> {
    return this.#exclusive(async () => {
      await this.#cursor?.close();
      this.#cursor = undefined;
      this.#position = 0;
    });
  }

  /** A new enumerator at the same position. */
  clone(): Promise<ItemEnumerator> {
    return this.#exclusive(async () => {
      const copy = new ItemEnumerator(await this.#reopen(), this.#reopen);
      await copy.skip(this.#position);
      return copy;
    });
  }

  /** Frees the underlying iterator. */
  release(): Promise<void> {
    return this.#exclusive(async () => {
      await this.#cursor?.close();
      this.#cursor = undefined;
    });
  }

  async #open(): Promise<ItemCursor> {
    this.#cursor ??= openCursor(await this.#reopen());
    return this.#cursor;
  }

  // The host may send the next call before the previous one is answered; a cursor reads in order.
  #exclusive<T>(operation: () => Promise<T>): Promise<T> {
    const result = this.#tail.then(operation);
    this.#tail = result.catch(() => undefined);
    return result;
  }
}

/** The enumerators handed to the host, by the id it addresses them with. */
export class EnumeratorRegistry {
  readonly #byId = new Map<string, ItemEnumerator>();
  #lastId = 0;

  /** Registers an enumerator and returns its new id. */
  add(enumerator: ItemEnumerator): string {
    const enumeratorId = `enum-${++this.#lastId}`;
    this.#byId.set(enumeratorId, enumerator);
    return enumeratorId;
  }

  /** The enumerator of an id; a JSON-RPC UnknownEnumerator error when there is none. */
  get(enumeratorId: string): ItemEnumerator {
    const enumerator = this.#byId.get(enumeratorId);
    if (!enumerator) {
      throw new ResponseError(SyncMgrErrorCodes.UnknownEnumerator, `unknown enumerator id "${String(enumeratorId)}"`);
    }
    return enumerator;
  }

  /** Forgets an enumerator and frees its iterator. */
  async release(enumeratorId: string): Promise<void> {
    const enumerator = this.get(enumeratorId);
    this.#byId.delete(enumeratorId);
    await enumerator.release();
  }

  /** Frees every enumerator, at shutdown. */
  async releaseAll(): Promise<void> {
    const enumerators = [...this.#byId.values()];
    this.#byId.clear();
    await Promise.all(enumerators.map((enumerator) => enumerator.release()));
  }
}
