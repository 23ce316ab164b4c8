import { readFile } from 'node:fs/promises';
import { randomUUID } from 'node:crypto';
import type { SyncManager } from '@syncmgr/host';
import { fixture } from './paths.js';

/** One line the contract handler wrote: what it received, or a call it made and the host's answer. */
export interface JournalLine {
  at: number;
  name: string;
  received?: string;
  call?: string;
  params?: Record<string, unknown>;
  result?: { hr: number; answers?: Record<string, unknown> };
  error?: number;
  token?: 'held' | 'released';
}

export async function readJournal(file: string): Promise<JournalLine[]> {
  const text = await readFile(file, 'utf8').catch(() => '');
  return text.split('\n').filter(Boolean).map((line) => JSON.parse(line) as JournalLine);
}

export const itemId = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

/** Registers the contract fixture with its journal and environment; returns the class ID. */
export async function registerContract(manager: SyncManager, name: string, journal: string, env: Record<string, string> = {}): Promise<string> {
  const clsid = randomUUID();
  await manager.registry.register({
    clsid,
    name,
    command: [process.execPath, fixture('contract-handler.js')],
    env: { NAME: name, JOURNAL: journal, ...env },
    events: [],
    hangTimeoutSeconds: 5,
  });
  return clsid;
}
