import { HResult } from '@syncmgr/protocol';
import type { SessionDriver, Listing } from '../session-driver.js';

/** How far a whole session got, and why it stopped where it did. */
export interface SessionRun {
  readonly initializeHr?: number;
  readonly listing?: Listing;
  readonly prepareHr?: number;
  readonly synchronizeHr?: number;
  /** Why the session stopped before its end; undefined when it ran through Synchronize. */
  readonly stoppedBecause?: string;
}

/**
 * One session as `syncmgr sync` runs it: open, list every item, prepare and synchronize them all.
 * The driver is left in the results phase (or wherever the session stopped), not shut down.
 */
export async function runSession(driver: SessionDriver, flags: number): Promise<SessionRun> {
  const opened = await driver.open(flags);
  if (opened.problem) return { stoppedBecause: opened.problem };
  if (opened.hr !== HResult.S_OK) return { initializeHr: opened.hr, stoppedBecause: 'the handler declined the session (S_FALSE)' };
  const listing = await driver.list();
  if (listing.problems.length > 0) return { initializeHr: opened.hr, listing, stoppedBecause: listing.problems.join('; ') };
  if (listing.enumeratorId) await driver.call('enumItems/release', { enumeratorId: listing.enumeratorId });
  if (listing.items.length === 0) return { initializeHr: opened.hr, listing, stoppedBecause: 'the handler lists no items' };
  const prepared = await driver.prepare(listing.items.map((item) => item.itemId));
  if (prepared.hr !== HResult.S_OK) {
    return { initializeHr: opened.hr, listing, prepareHr: prepared.hr, stoppedBecause: prepared.problem ?? `PrepareForSync completed ${prepared.hr}` };
  }
  const synchronized = await driver.synchronize();
  const base = { initializeHr: opened.hr, listing, prepareHr: prepared.hr, synchronizeHr: synchronized.hr };
  return synchronized.problem ? { ...base, stoppedBecause: synchronized.problem } : base;
}
