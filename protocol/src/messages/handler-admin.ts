import type { Guid } from '../guid.js';
import { defineRequest } from '../method-descriptor.js';
import type { HandlerReport } from '../report.js';
import type { SyncMgrItem } from '../structs.js';
import type { HResultValue } from '../wire-types.js';
import type { NoParams } from './daemon.js';

// What SyncMgr's dialog offered on handlers beyond syncing them: the list of registered handlers,
// a check that each starts, its Properties, and the Choice dialog. The CLI has them as doctor,
// properties and choose; the daemon serves them so a dashboard can (PROTOCOL.md §5.6).

/** The events a registration asks to run on, by name (SYNCMGRREGISTERFLAG_*). */
export type RegisteredEventName = 'connect' | 'pendingdisconnect' | 'idle';

/** The events whose item choices are kept: what SessionSummary.event names, but for 'invoke' (an application names its items). */
export type ChoiceEventName = 'manual' | 'connect' | 'pendingdisconnect' | 'idle' | 'invoke' | 'scheduled';

/** One registry entry as the daemon lists it. */
export interface HandlerEntry {
  clsid: Guid;
  /** The name it was registered with. */
  name: string;
  /** The command that starts it, as an argv array (never run through a shell). */
  command: string[];
  cwd?: string;
  /** The names of the variables added to its environment (their values stay in the registry). */
  envNames?: string[];
  /** The automatic events it runs on. */
  events: RegisteredEventName[];
  registeredAt: string;
  /** Present while triggers skip it (restart intensity). */
  quarantine?: { since: string; reasons: string[] };
}

export interface ListHandlersResult {
  handlers: HandlerEntry[];
}

/** Extension. The registered handlers, as `syncmgr list` shows them. */
export const ListHandlers = defineRequest<NoParams, ListHandlersResult>({
  method: 'handlers/list',
  readsOnly: true,
  direction: 'applicationToHost',
  mirrors: 'extension (the SyncMgr dialog: the handlers)',
  title: 'ListHandlers',
  paramsSchema: 'NoParams',
  resultSchema: 'ListHandlersResult',
  phases: [],
});

export interface DoctorHandlersParams {
  /** Only this handler; absent: every registered one, in parallel. */
  clsid?: Guid;
}

export interface DoctorHandlersResult {
  /** One report per handler checked: 'succeeded' when it started and answered the handshake, else 'failed' with its fault. */
  handlers: HandlerReport[];
}

/** Extension. Starts each handler as a settings instance and checks its handshake, syncing nothing (`syncmgr doctor`). */
export const DoctorHandlers = defineRequest<DoctorHandlersParams, DoctorHandlersResult>({
  method: 'handlers/doctor',
  direction: 'applicationToHost',
  mirrors: 'extension (syncmgr doctor)',
  title: 'DoctorHandlers',
  paramsSchema: 'DoctorHandlersParams',
  resultSchema: 'DoctorHandlersResult',
  phases: [],
});

export interface HandlerPropertiesParams {
  clsid: Guid;
  /** The item whose properties to show; absent: the handler's own (GUID_NULL). */
  itemId?: Guid;
}

export interface HandlerPropertiesResult {
  /** ShowPropertiesCompleted's HRESULT; absent when it never came (the handler failed first). */
  hr?: HResultValue;
  /** The settings instance's report: its log, and its fault when it failed. */
  report: HandlerReport;
  /** Present when the handler asked to be enumerated again (S_SYNCMGR_ENUMITEMS): the items now. */
  items?: SyncMgrItem[];
}

/**
 * Extension. ISyncMgrSynchronize::ShowProperties on a settings instance. Its prompts are 'prompt'
 * events with a sessionId of their own, answered with prompts/answer like a session's.
 */
export const ShowHandlerProperties = defineRequest<HandlerPropertiesParams, HandlerPropertiesResult>({
  method: 'handlers/showProperties',
  direction: 'applicationToHost',
  mirrors: 'ISyncMgrSynchronize::ShowProperties (on a settings instance)',
  title: 'ShowHandlerProperties',
  paramsSchema: 'HandlerPropertiesParams',
  resultSchema: 'HandlerPropertiesResult',
  phases: [],
});

export interface ChoicesParams {
  event: ChoiceEventName;
  clsid: Guid;
  /** Item ID → checked, stored before the choices are read back; absent or empty: read only. */
  changes?: Record<Guid, boolean>;
}

export interface ChoiceItem {
  itemId: Guid;
  itemName: string;
  checked: boolean;
}

export interface ChoicesResult {
  clsid: Guid;
  name: string;
  event: ChoiceEventName;
  /** 'failed' when the handler could not list its items (reason says why; items is then empty). */
  result: HandlerReport['result'];
  reason?: string;
  items: ChoiceItem[];
}

/**
 * Extension. The Choice dialog: one handler's items with whether the event synchronizes each,
 * after storing `changes`. InvalidParams for an item the handler does not list.
 */
export const ChooseItems = defineRequest<ChoicesParams, ChoicesResult>({
  method: 'choices/choose',
  direction: 'applicationToHost',
  mirrors: 'extension (the SyncMgr Choice dialog)',
  title: 'ChooseItems',
  paramsSchema: 'ChoicesParams',
  resultSchema: 'ChoicesResult',
  phases: [],
});
