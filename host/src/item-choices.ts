import type { ChoicesResult } from '@syncmgr/protocol';
import type { SyncEvent } from './sync-event.js';
import type { ItemChoicesResult } from './sync-manager.js';

/** chooseItems' answer as the protocol's ChoicesResult: what the daemon answers and `syncmgr choose --json` prints. */
export function choicesResultOf(event: SyncEvent, { entry, report, items }: ItemChoicesResult): ChoicesResult {
  return {
    clsid: entry.clsid,
    name: report.name,
    event,
    result: report.result,
    ...(report.reason ? { reason: report.reason } : {}),
    items: items.map(({ itemId, itemName, checked }) => ({ itemId, itemName, checked })),
  };
}
