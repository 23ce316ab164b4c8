import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { SyncManager } from '@syncmgr/host';
import { decodeRecords, type FixtureRecord } from './fixture-record.js';
import { fixture } from './paths.js';

/** The arguments of a bare fixture (test/fixtures/support/bare-handler.ts). */
export interface FixtureArgs {
  /** The step the fixture misbehaves in, for those that take one. */
  in?: string;
  items?: number;
  /** The handler's name, in the registry and in its handler info; the fixture's name by default. */
  name?: string;
  /** The fixtures that work on items a tick at a time: how many ticks each item takes. */
  ticks?: number;
  /** The fixtures that prompt holding the EnableModeless token: how long they keep it afterwards, in ms. */
  holdMs?: number;
  /** The fixtures that flood the host: how many progress updates they send. */
  updates?: number;
  /** The fixtures that call EstablishConnection: the profile they ask for (none: the default one). */
  connection?: string;
}

export interface Timeouts {
  hangTimeoutSeconds: number;
  startTimeoutSeconds: number;
}

/** The ID of a bare fixture's nth item, counting from 1. */
export const fixtureItemId = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

const SHORT: Timeouts = { hangTimeoutSeconds: 1, startTimeoutSeconds: 5 };

/** The command line that starts test/fixtures/<fixture>.ts with its arguments. */
export function fixtureCommand(fixtureName: string, args: FixtureArgs = {}): string[] {
  const options: [string, string | number | undefined][] = [
    ['--in', args.in],
    ['--items', args.items],
    ['--ticks', args.ticks],
    ['--hold-ms', args.holdMs],
    ['--updates', args.updates],
    ['--connection', args.connection],
    ['--name', args.name ?? fixtureName],
  ];
  const argv = options.flatMap(([option, value]) => (value === undefined ? [] : [option, String(value)]));
  return [process.execPath, fixture(`${fixtureName}.js`), ...argv];
}

/** Registers test/fixtures/<fixture>.ts with its arguments; returns the class ID. */
export async function registerFixture(manager: SyncManager, fixtureName: string, args: FixtureArgs = {}, timeouts: Timeouts = SHORT): Promise<string> {
  const clsid = randomUUID();
  await manager.registry.register({ clsid, name: args.name ?? fixtureName, command: fixtureCommand(fixtureName, args), events: [], ...timeouts });
  return clsid;
}

/** What the fixture registered as clsid recorded on its stderr, read back from its log file. */
export async function fixtureRecords(manager: SyncManager, clsid: string): Promise<FixtureRecord[]> {
  return decodeRecords(await readFile(path.join(manager.home.logs, `${clsid}.log`), 'utf8'));
}
