import { Command } from 'commander';
import { SyncMgrItemState } from '@syncmgr/protocol';
import type { SyncManager } from '../../index.js';
import { parseSeconds } from '../options.js';
import { handlerFlagNames, itemFlagNames, printable } from '../render/format.js';
import { handlerLabel } from '../render/handler-label.js';
import { stdout } from '../output.js';
import { ExitCode } from '../exit-code.js';

/** syncmgr items <clsid> [--json] */
export function itemsCommand(manager: () => SyncManager): Command {
  return new Command('items')
    .description('start a handler as a settings instance and print its handler info and items (nothing is synchronized)')
    .argument('<clsid>', 'the class ID')
    .option(
      '--start-timeout <seconds>',
      "how long it may take to answer the handshake (default: the entry's start timeout, else 30; 0 means none)",
      parseSeconds,
    )
    .option('--json', 'print JSON')
    .action(async (clsid: string, options: { json?: boolean; startTimeout?: number }) => {
      const inspection = await manager().inspect(clsid, options.startTimeout !== undefined ? { startTimeoutSeconds: options.startTimeout } : {});
      const { entry, report, handlerInfo, enumeration } = inspection;
      process.exitCode = report.result === 'failed' ? ExitCode.Failure : ExitCode.Success;
      if (options.json) {
        const items = enumeration?.items ?? [];
        stdout.json({
          clsid: entry.clsid,
          name: report.name,
          ...(report.ownName !== undefined ? { ownName: report.ownName } : {}),
          result: report.result,
          ...(report.reason ? { reason: report.reason } : {}),
          handlerInfo,
          missingItems: enumeration?.missingItems ?? false,
          items,
          log: report.log,
        });
        return;
      }
      if (report.result !== 'succeeded') {
        stdout.line(`{${entry.clsid}} ${printable(handlerLabel(report))}: ${report.result} — ${printable(report.reason ?? '')}`);
        return;
      }
      stdout.line(`{${entry.clsid}} ${printable(handlerLabel(report))}`);
      stdout.line(`  handler flags: ${handlerFlagNames(handlerInfo?.handlerFlags ?? 0)}`);
      const items = enumeration?.items ?? [];
      stdout.line(
        `  ${items.length} item${items.length === 1 ? '' : 's'}${enumeration?.missingItems ? ' (S_SYNCMGR_MISSINGITEMS: the list is incomplete)' : ''}`,
      );
      for (const item of items) {
        const checked = item.itemState === SyncMgrItemState.SYNCMGRITEMSTATE_CHECKED ? 'checked  ' : 'unchecked';
        const updated = item.lastUpdate ? `  last update ${item.lastUpdate}` : '';
        stdout.line(`  {${item.itemId}}  ${checked}  ${printable(item.itemName)}  [${itemFlagNames(item.flags)}]${updated}`);
      }
    });
}
