import { normalizeGuid, SyncMgrRegisterFlags, type Guid } from '@syncmgr/protocol';
import { MAX_TIMEOUT_MS } from '../timeouts.js';
import { HostError } from '../errors.js';
import type { SyncEvent } from '../sync-event.js';

/** The automatic events a handler may register for (SYNCMGRREGISTERFLAG_*). */
export const REGISTER_EVENTS = {
  /** At logon (SYNCMGRREGISTERFLAG_CONNECT). */
  connect: SyncMgrRegisterFlags.SYNCMGRREGISTERFLAG_CONNECT,
  /** At logoff (SYNCMGRREGISTERFLAG_PENDINGDISCONNECT). */
  pendingdisconnect: SyncMgrRegisterFlags.SYNCMGRREGISTERFLAG_PENDINGDISCONNECT,
  /** When the machine is idle (SYNCMGRREGISTERFLAG_IDLE). */
  idle: SyncMgrRegisterFlags.SYNCMGRREGISTERFLAG_IDLE,
} as const;
/** An automatic event by name: 'connect' (logon), 'pendingdisconnect' (logoff) or 'idle'. */
export type RegisterEvent = keyof typeof REGISTER_EVENTS;

/** One registered handler: COM's CLSID → LocalServer32, plus what SyncMgr kept about it. */
export interface RegistryEntry {
  /** The class ID, canonical: lowercase, without braces. */
  clsid: Guid;
  /** The name people see (the CLI's lists, reports, prompts). */
  name: string;
  /** The command as an argv array: run directly, never through a shell. */
  command: string[];
  /** The handler's working folder; default: the host's. */
  cwd?: string;
  /** Variables added to the host's environment for the handler. */
  env?: Record<string, string>;
  /** The automatic events it wants to run on. */
  events: RegisterEvent[];
  /** How long the handler may take to answer the handshake, in seconds (default DEFAULT_START_TIMEOUT_SECONDS, 30). */
  startTimeoutSeconds?: number;
  /** How long a call may go unanswered before the handler counts as hung, in seconds (default DEFAULT_HANG_TIMEOUT_SECONDS, 60). */
  hangTimeoutSeconds?: number;
  /** When it was registered (ISO 8601); set by Registry.register. */
  registeredAt: string;
}

/** The canonical class ID, or a HostError naming what is wrong with the text. */
export function parseClsid(text: string): Guid {
  const clsid = normalizeGuid(text);
  if (!clsid) {
    throw new HostError(
      'INVALID_CLSID',
      `"${text}" is not a class ID: expected a GUID such as {6295DF27-35EE-11D1-8707-00C04FD93327} (braces optional, any case)`,
    );
  }
  return clsid;
}

/** The SYNCMGRREGISTERFLAGS bits of a list of events. */
export function registerFlagsOf(events: readonly RegisterEvent[]): number {
  return events.reduce((flags, event) => flags | REGISTER_EVENTS[event], 0);
}

/** Checks an entry read from disk or given by a caller; the message names the field at fault. */
export function validateEntry(value: unknown, where: string): RegistryEntry {
  const fail = (what: string): never => {
    throw new HostError('INVALID_ENTRY', `${where}: ${what}`);
  };
  if (typeof value !== 'object' || value === null) return fail('is not an object');
  const entry = value as Record<string, unknown>;
  if (typeof entry['clsid'] !== 'string' || normalizeGuid(entry['clsid']) !== entry['clsid']) fail('"clsid" is not a canonical GUID');
  if (typeof entry['name'] !== 'string' || entry['name'].trim() === '') fail('"name" must be a non-empty string');
  const command = entry['command'];
  if (!Array.isArray(command) || command.length === 0 || !command.every((a) => typeof a === 'string') || command[0] === '') {
    fail('"command" must be a non-empty array of strings (the program, then its arguments)');
  }
  if (entry['cwd'] !== undefined && typeof entry['cwd'] !== 'string') fail('"cwd" must be a string');
  const env = entry['env'];
  if (env !== undefined && (typeof env !== 'object' || env === null || !Object.values(env).every((v) => typeof v === 'string'))) {
    fail('"env" must map names to strings');
  }
  const events = entry['events'];
  if (!Array.isArray(events) || !events.every((e) => typeof e === 'string' && e in REGISTER_EVENTS)) {
    fail(`"events" must list some of ${Object.keys(REGISTER_EVENTS).join(', ')}`);
  }
  for (const key of ['startTimeoutSeconds', 'hangTimeoutSeconds']) {
    const seconds = entry[key];
    if (seconds !== undefined && !(typeof seconds === 'number' && seconds >= 0 && seconds * 1000 <= MAX_TIMEOUT_MS)) {
      fail(`"${key}" must be a number of seconds from 0 (none) to ${MAX_TIMEOUT_MS / 1000}`);
    }
  }
  return entry as unknown as RegistryEntry;
}

/** Logon, logoff and idle run only the handlers registered for them; the other events run every handler. */
export function entryWantsEvent(entry: RegistryEntry, event: SyncEvent): boolean {
  if (event === 'connect' || event === 'pendingdisconnect' || event === 'idle') return entry.events.includes(event);
  return true;
}
