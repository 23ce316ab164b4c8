import type {
  ChoicesParams,
  ChoicesResult,
  DoctorHandlersParams,
  DoctorHandlersResult,
  HandlerEntry,
  HandlerPropertiesParams,
  HandlerPropertiesResult,
  ListHandlersResult,
} from '@syncmgr/protocol';
import { choicesResultOf } from '../../item-choices.js';
import { parseClsid, type RegistryEntry } from '../../registry/registry-entry.js';
import type { SyncManager } from '../../sync-manager.js';
import type { DaemonPrompts } from '../daemon-prompts.js';
import type { Quarantine } from '../quarantine.js';

/** What the handler-admin calls use of the daemon. */
export interface HandlerAdminParts {
  manager: SyncManager;
  prompts: DaemonPrompts;
  quarantine: Quarantine;
}

/** The prefix of the pseudo-session ID under which one handlers/showProperties run prompts. */
export const PROPERTIES_RUN_PREFIX = 'properties-';

/** handlers/list, handlers/doctor, handlers/showProperties and choices/choose: SyncMgr's dialog on handlers. */
export function handlerAdminCalls(parts: HandlerAdminParts) {
  const { manager } = parts;
  return {
    'handlers/list': async (): Promise<ListHandlersResult> => ({ handlers: (await manager.registry.list()).map((entry) => listed(entry, parts.quarantine)) }),
    'handlers/doctor': async (p: DoctorHandlersParams): Promise<DoctorHandlersResult> => ({
      handlers: (await manager.doctor(p.clsid !== undefined ? parseClsid(p.clsid) : undefined)).map((checked) => checked.report),
    }),
    'handlers/showProperties': (p: HandlerPropertiesParams) => showProperties(parts, p),
    'choices/choose': async (p: ChoicesParams): Promise<ChoicesResult> =>
      choicesResultOf(p.event, await manager.chooseItems(p.event, parseClsid(p.clsid), p.changes ?? {})),
  };
}

// The registry entry without its environment's values: they may hold secrets, and the page needs only the names.
function listed(entry: RegistryEntry, quarantine: Quarantine): HandlerEntry {
  const held = quarantine.list().find((q) => q.clsid === entry.clsid);
  return {
    clsid: entry.clsid,
    name: entry.name,
    command: entry.command,
    ...(entry.cwd !== undefined ? { cwd: entry.cwd } : {}),
    ...(entry.env !== undefined ? { envNames: Object.keys(entry.env) } : {}),
    events: entry.events,
    registeredAt: entry.registeredAt,
    ...(held ? { quarantine: { since: held.since, reasons: held.reasons } } : {}),
  };
}

// Its prompts go out as 'prompt' events of a pseudo-session, which prompts/answer accepts while it runs.
async function showProperties(parts: HandlerAdminParts, p: HandlerPropertiesParams): Promise<HandlerPropertiesResult> {
  const run = parts.prompts.forRun(`${PROPERTIES_RUN_PREFIX}${crypto.randomUUID()}`);
  try {
    const itemId = p.itemId !== undefined ? parseClsid(p.itemId) : undefined;
    const outcome = await parts.manager.showProperties(parseClsid(p.clsid), itemId, { userInterface: run.userInterface });
    return {
      ...(outcome.hr !== undefined ? { hr: outcome.hr } : {}),
      report: outcome.report,
      ...(outcome.reenumerated ? { items: outcome.reenumerated.items } : {}),
    };
  } finally {
    run.end();
  }
}
