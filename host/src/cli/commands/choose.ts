import { Command } from 'commander';
import { parseClsid, SYNC_EVENTS, type SyncEvent, type SyncManager } from '../../index.js';
import { choicesResultOf } from '../../item-choices.js';
import { collect } from '../options.js';
import { parseEvent } from './sync.js';
import { stdout } from '../output.js';
import { printable } from '../render/format.js';
import { handlerLabel } from '../render/handler-label.js';

interface ChooseOptions {
  event: SyncEvent;
  check: string[];
  uncheck: string[];
  json?: boolean;
}

/** syncmgr choose --event EVENT [--check ITEMID]… [--uncheck ITEMID]… [CLSID] */
export function chooseCommand(manager: () => SyncManager): Command {
  return new Command('choose')
    .description('choose which items an event synchronizes (what the SyncMgr Choice dialog remembered), and show the choices')
    .argument('[clsid]', 'only this handler (default: every registered handler)')
    .requiredOption('--event <event>', `the event the choice is for (${Object.keys(SYNC_EVENTS).join('|')})`, parseEvent)
    .option('--check <itemId>', 'synchronize this item on that event; repeatable', collect, [])
    .option('--uncheck <itemId>', 'do not synchronize it; repeatable', collect, [])
    .option('--json', 'print the choices as JSON: [{clsid, name, ownName?, event, result, reason?, items: [{itemId, itemName, checked}]}]')
    .action(async (clsid: string | undefined, options: ChooseOptions) => {
      const changes = Object.fromEntries([
        ...options.check.map((id) => [parseClsid(id), true] as const),
        ...options.uncheck.map((id) => [parseClsid(id), false] as const),
      ]);
      const clsids = clsid ? [clsid] : (await manager().registry.list()).map((entry) => entry.clsid);
      const all = [];
      for (const id of clsids) {
        const mine = clsid ? changes : await changesForHandler(manager(), id, changes);
        const chosen = await manager().chooseItems(options.event, id, mine);
        all.push(choicesJson(options.event, chosen));
        if (options.json) continue;
        stdout.line(`{${chosen.entry.clsid}} ${printable(handlerLabel(chosen.report))} — items for ${options.event}:`);
        if (chosen.report.result === 'failed') stdout.line(`  could not list its items: ${printable(chosen.report.reason ?? 'failed')}`);
        for (const item of chosen.items) stdout.line(`  [${item.checked ? 'x' : ' '}] {${item.itemId}}  ${printable(item.itemName)}`);
      }
      if (options.json) stdout.json(all);
    });
}

// The protocol's ChoicesResult, with the handler's own name beside the registered one.
function choicesJson(event: SyncEvent, chosen: Awaited<ReturnType<SyncManager['chooseItems']>>) {
  const { clsid, name, ...rest } = choicesResultOf(event, chosen);
  const { ownName } = chosen.report;
  return { clsid, name, ...(ownName !== undefined ? { ownName } : {}), ...rest };
}

// Without a class ID, each change goes to the handler that lists the item.
async function changesForHandler(manager: SyncManager, clsid: string, changes: Record<string, boolean>) {
  if (Object.keys(changes).length === 0) return {};
  const { enumeration } = await manager.inspect(clsid);
  const listed = new Set(enumeration?.items.map((i) => i.itemId));
  return Object.fromEntries(Object.entries(changes).filter(([id]) => listed.has(id)));
}
