// Waits for a condition outside the page (a fixture's records, a report on disk) without sleeping
// against a clock: it asks again every few milliseconds until it holds or the time allowed is over.
import { setTimeout as sleep } from 'node:timers/promises';

/** Resolves with the first value that passes; throws naming `what` and the last value seen. */
export async function pollUntil<T>(what: string, read: () => Promise<T>, passes: (value: T) => boolean, timeout: number): Promise<T> {
  const end = Date.now() + timeout;
  for (;;) {
    const value = await read();
    if (passes(value)) return value;
    if (Date.now() > end) throw new Error(`${what} within ${timeout} ms; last seen: ${JSON.stringify(value)}`);
    await sleep(50);
  }
}
