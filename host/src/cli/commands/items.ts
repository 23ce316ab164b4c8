import { Command } from 'commander';
import { SyncMgrItemState } from '@syncmgr/protocol';
import type { SyncManager } from '../../index.js';
import { parseSeconds } from '../options.js';
import { handlerFlagNames, itemFlagNames } from '../render/format.js';
import { ExitCode } from '../exit-code.js';

/** syncmgr items <clsid> [--json] */
export function itemsCommand(manager: () => SyncManager): Command {
  return new Command('items')
    .description('start a handler as a settings instance and print its handler info and items (nothing is synchronized)')
    .argument('<clsid>', 'the class ID')
    .option('--start-timeout <seconds>', 'how long it may take to answer the handshake', parseSeconds)
    .option('--json', 'print JSON')
    .action(async (clsid: string, options: { json?: boolean; startTimeout?: number }) => {
      const inspection = await manager().inspect(clsid, options.startTimeout ? { startTimeoutSeconds: options.startTimeout } : {});
      const { entry, report, handlerInfo, enumeration } = inspection;
      process.exitCode = report.result === 'failed' ? ExitCode.Failure : ExitCode.Success;
      if (options.json) {
        const items = enumeration?.items ?? [];
        console.log(
          JSON.stringify(
            {
              clsid: entry.clsid,
              name: report.name,
              result: report.result,
              ...(report.reason ? { reason: report.reason } : {}),
              handlerInfo,
              missingItems: enumeration?.missingItems ?? false,
              items,
              log: report.log,
            },
            null,
            2,
          ),
        );
        return;
      }
      if (report.result !== 'succeeded') {
        console.log(`{${entry.clsid}} ${entry.name}: ${report.result} — ${report.reason}`);
        return;
      }
      console.log(`{${entry.clsid}} ${handlerInfo?.handlerName} (registered as "${entry.name}")`);
      console.log(`  handler flags: ${handlerFlagNames(handlerInfo?.handlerFlags ?? 0)}`);
      const items = enumeration?.items ?? [];
      console.log(
        `  ${items.length} item${items.length === 1 ? '' : 's'}${enumeration?.missingItems ? ' (S_SYNCMGR_MISSINGITEMS: the list is incomplete)' : ''}`,
      );
      for (const item of items) {
        const checked = item.itemState === SyncMgrItemState.SYNCMGRITEMSTATE_CHECKED ? 'checked  ' : 'unchecked';
        const updated = item.lastUpdate ? `  last update ${item.lastUpdate}` : '';
        console.log(`  {${item.itemId}}  ${checked}  ${item.itemName}  [${itemFlagNames(item.flags)}]${updated}`);
      }
    });
}
