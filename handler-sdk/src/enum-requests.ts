import {
  EnumClone,
  EnumNext,
  EnumRelease,
  EnumReset,
  EnumSkip,
  EnumSyncMgrItems,
  HResult,
  type EnumCloneResult,
  type EnumNextResult,
  type EnumSyncMgrItemsResult,
  type HResultResult,
  type SyncMgrItem,
} from '@syncmgr/protocol';
import type { MessageConnection } from 'vscode-jsonrpc/node';
import { describeError, logToStderr } from './diagnostics.js';
import { ItemEnumerator } from './enumerators.js';
import type { ItemsSource, SyncItem } from './handler.js';
import { toEnumeration } from './item-cursor.js';
import type { HandlerSession } from './session.js';
import { toWireItem } from './wire-items.js';

/** Answers EnumSyncMgrItems and the ISyncMgrEnumItems methods: Next, Skip, Reset, Clone, Release. */
export function registerEnumRequests(connection: MessageConnection, session: HandlerSession): void {
  const { enumerators, lifeCycle } = session;
  connection.onRequest(EnumSyncMgrItems.type, () => enumSyncMgrItems(session));
  connection.onRequest(EnumNext.type, ({ enumeratorId, celt }) => {
    if (!lifeCycle.allows(EnumNext)) return { hr: HResult.E_UNEXPECTED, items: [] };
    return next(session, enumeratorId, celt);
  });
  connection.onRequest(EnumSkip.type, ({ enumeratorId, celt }) => {
    if (!lifeCycle.allows(EnumSkip)) return OUT_OF_PHASE;
    const enumerator = enumerators.get(enumeratorId);
    const wanted = toCount(celt);
    return orFailure('enumItems/skip', async () => ({
      hr: (await enumerator.skip(wanted)) === wanted ? HResult.S_OK : HResult.S_FALSE,
    }));
  });
  connection.onRequest(EnumReset.type, ({ enumeratorId }) => {
    if (!lifeCycle.allows(EnumReset)) return OUT_OF_PHASE;
    const enumerator = enumerators.get(enumeratorId);
    return orFailure('enumItems/reset', async () => {
      await enumerator.reset();
      return { hr: HResult.S_OK };
    });
  });
  connection.onRequest(EnumClone.type, ({ enumeratorId }) => {
    if (!lifeCycle.allows(EnumClone)) return OUT_OF_PHASE;
    const enumerator = enumerators.get(enumeratorId);
    return orFailure('enumItems/clone', async (): Promise<EnumCloneResult> => {
      const copy = await enumerator.clone();
      return { hr: HResult.S_OK, enumeratorId: enumerators.add(copy) };
    });
  });
  connection.onRequest(EnumRelease.type, async ({ enumeratorId }): Promise<HResultResult> => {
    if (!lifeCycle.allows(EnumRelease)) return OUT_OF_PHASE;
    await enumerators.release(enumeratorId);
    return { hr: HResult.S_OK };
  });
}

const OUT_OF_PHASE: HResultResult = { hr: HResult.E_UNEXPECTED };

// The handler's iterator may throw; that is a failed call (E_FAIL), not a refused message.
async function orFailure<R extends { hr: number }>(what: string, work: () => Promise<R>): Promise<R | HResultResult> {
  try {
    return await work();
  } catch (error) {
    logToStderr(`${what} failed: ${describeError(error)}`);
    return { hr: HResult.E_FAIL };
  }
}

async function enumSyncMgrItems(session: HandlerSession): Promise<EnumSyncMgrItemsResult> {
  if (!session.initialized || !session.lifeCycle.receive(EnumSyncMgrItems)) return { hr: HResult.E_UNEXPECTED };
  try {
    const { items, missingItems } = toEnumeration(await session.handler.enumItems(session.info));
    const enumerator = new ItemEnumerator(items, () => reinvokeEnumItems(session));
    const enumeratorId = session.enumerators.add(enumerator);
    return { hr: missingItems ? HResult.S_SYNCMGR_MISSINGITEMS : HResult.S_OK, enumeratorId };
  } catch (error) {
    logToStderr(`enumItems failed: ${describeError(error)}`);
    return { hr: HResult.E_FAIL };
  }
}

async function reinvokeEnumItems(session: HandlerSession): Promise<ItemsSource<SyncItem>> {
  return toEnumeration(await session.handler.enumItems(session.info)).items;
}

async function next(session: HandlerSession, enumeratorId: string, celt: number): Promise<EnumNextResult> {
  const enumerator = session.enumerators.get(enumeratorId);
  const wanted = toCount(celt);
  try {
    const items = (await enumerator.next(wanted)).map((item) => rememberWireItem(session, item));
    return { hr: items.length === wanted ? HResult.S_OK : HResult.S_FALSE, items };
  } catch (error) {
    // ISyncMgrEnumItems::Next: on failure no returned entry is valid.
    logToStderr(`enumerating items failed: ${describeError(error)}`);
    return { hr: HResult.E_FAIL, items: [] };
  }
}

function rememberWireItem(session: HandlerSession, item: SyncItem): SyncMgrItem {
  const wire = toWireItem(item);
  session.catalog.remember(wire.itemId, item);
  return wire;
}

function toCount(celt: number): number {
  return Number.isFinite(celt) ? Math.max(0, Math.floor(celt)) : 0;
}
