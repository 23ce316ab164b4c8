import { randomUUID } from 'node:crypto';
import type { SyncManager } from '@syncmgr/host';
import { fixture } from './paths.js';

/** Registers the scripted fixture handler with the given environment (FAULT, ITEMS, NAME, ...). */
export async function registerScripted(manager: SyncManager, name: string, env: Record<string, string> = {}, timeouts = { hangTimeoutSeconds: 1, startTimeoutSeconds: 5 }): Promise<string> {
  const clsid = randomUUID();
  await manager.registry.register({
    clsid,
    name,
    command: [process.execPath, fixture('scripted-handler.js')],
    env: { NAME: name, ...env },
    events: [],
    ...timeouts,
  });
  return clsid;
}
