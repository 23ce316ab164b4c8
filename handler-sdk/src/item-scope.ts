import { AsyncLocalStorage } from 'node:async_hooks';
import type { ItemControl } from './sync-run.js';

// Async context follows timers and promises started by an item's code, so an exception that
// escapes them can still be pinned on the item instead of taking the whole handler down.
const itemScope = new AsyncLocalStorage<ItemControl>();

/** Runs an item's code so that uncaught exceptions it causes are attributed to the item. */
export function runInItemScope<T>(control: ItemControl, run: () => T): T {
  return itemScope.run(control, run);
}

/** The item whose code is running now, if any. */
export function currentItem(): ItemControl | undefined {
  return itemScope.getStore();
}
