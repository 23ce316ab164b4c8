import { Command } from 'commander';
import type { SyncManager } from '../../index.js';

/** syncmgr unregister <clsid> */
export function unregisterCommand(manager: () => SyncManager): Command {
  return new Command('unregister')
    .description('remove a handler from the registry')
    .argument('<clsid>', 'the class ID')
    .action(async (clsid: string) => {
      const registry = manager().registry;
      const entry = await registry.get(clsid);
      await registry.unregister(entry.clsid);
      console.log(`unregistered {${entry.clsid}} "${entry.name}"`);
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
        console.log(JSON.stringify(entries, null, 2));
        return;
      }
      if (entries.length === 0) {
        console.log(`no handlers registered in ${manager().registry.path}`);
        return;
      }
      for (const entry of entries) {
        const events = entry.events.length > 0 ? `  [${entry.events.join(', ')}]` : '';
        console.log(`{${entry.clsid}}  ${entry.name}${events}\n    ${entry.command.join(' ')}`);
      }
    });
}
