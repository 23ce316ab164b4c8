import { Command } from 'commander';
import type { SyncManager } from '../../index.js';
import { stdout } from '../output.js';
import { formatCommand, printable } from '../render/format.js';

/** syncmgr unregister <clsid> */
export function unregisterCommand(manager: () => SyncManager): Command {
  return new Command('unregister')
    .description('remove a handler from the registry')
    .argument('<clsid>', 'the class ID')
    .action(async (clsid: string) => {
      const registry = manager().registry;
      const entry = await registry.get(clsid);
      await registry.unregister(entry.clsid);
      stdout.line(`unregistered {${entry.clsid}} "${printable(entry.name)}"`);
    });
}

/** syncmgr list [--json] */
export function listCommand(manager: () => SyncManager): Command {
  return new Command('list')
    .description('list the registered handlers')
    .option('--json', 'print the entries as JSON')
    .action(async (options: { json?: boolean }) => {
      const entries = await manager().registry.list();
      if (options.json) {
        stdout.json(entries);
        return;
      }
      if (entries.length === 0) {
        stdout.line(`no handlers registered in ${manager().registry.path}`);
        return;
      }
      for (const entry of entries) {
        const events = entry.events.length > 0 ? `  [${entry.events.join(', ')}]` : '';
        stdout.line(`{${entry.clsid}}  ${printable(entry.name)}${events}\n    ${printable(formatCommand(entry.command))}`);
      }
    });
}
