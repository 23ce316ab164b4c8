import { Command } from 'commander';
import { hresultName, succeeded } from '@syncmgr/protocol';
import { parseClsid, type SyncManager, type UserInterface } from '../../index.js';
import { ExitCode } from '../exit-code.js';
import { stderr, stdout } from '../output.js';
import { printable } from '../render/format.js';
import { handlerLabel } from '../render/handler-label.js';

/** syncmgr properties <clsid> [ITEMID] */
export function propertiesCommand(manager: () => SyncManager, userInterface: () => UserInterface | undefined): Command {
  return new Command('properties')
    .description("show an item's properties, or the handler's own (ShowProperties on a settings instance)")
    .argument('<clsid>', 'the class ID')
    .argument('[itemId]', 'the item (default: the handler itself)')
    .action(async (clsid: string, itemId: string | undefined) => {
      const ui = userInterface();
      const outcome = await manager().showProperties(clsid, itemId === undefined ? undefined : parseClsid(itemId), ui ? { userInterface: ui } : {});
      const { report, hr, reenumerated } = outcome;
      if (report.result === 'failed') {
        stderr.line(`syncmgr: ${printable(handlerLabel(report))}: ${printable(report.reason ?? 'failed')}`);
        process.exitCode = ExitCode.Failure;
        return;
      }
      for (const entry of report.log) stdout.line(`[${entry.level}] ${printable(entry.text)}`);
      stdout.line(`${printable(handlerLabel(report))}: ShowPropertiesCompleted ${hr === undefined ? 'never came' : hresultName(hr)}`);
      if (reenumerated) {
        stdout.line(`items now (enumerated again):`);
        for (const item of reenumerated.items) stdout.line(`  {${item.itemId}}  ${printable(item.itemName)}`);
      }
      process.exitCode = hr !== undefined && succeeded(hr) ? ExitCode.Success : ExitCode.Failure;
    });
}
