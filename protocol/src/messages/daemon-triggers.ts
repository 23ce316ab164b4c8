import type { Guid } from '../guid.js';
import { defineRequest } from '../method-descriptor.js';
import type { HResultResult, HResultValue } from '../wire-types.js';
import type { NoParams } from './daemon.js';

// What starts a daemon's sessions besides a client: its schedules, the events from outside
// (connect, pending disconnect, idle, a schedule run now), and a quarantined handler's reset
// (PROTOCOL.md §5.6).

export interface Schedule {
  scheduleId: string;
  /** A cron expression (five or six fields), in `timeZone`. */
  cron: string;
  /** An IANA time zone; absent: the daemon's. */
  timeZone?: string;
  /** The handlers to run; absent: every handler registered for the 'scheduled' event. */
  clsids?: Guid[];
  /** The items to synchronize; absent: the items chosen for the 'scheduled' event. */
  itemIds?: Guid[];
  /** The last run's time, and the next (ISO 8601). */
  lastRun?: string;
  nextRun?: string;
}

export interface AddScheduleParams {
  cron: string;
  timeZone?: string;
  clsids?: Guid[];
  itemIds?: Guid[];
}

export interface ScheduleResult {
  schedule: Schedule;
}

/** Extension. Adds a schedule (SyncMgr's scheduled syncs): refused with InvalidParams for a cron expression or time zone that does not parse. */
export const AddSchedule = defineRequest<AddScheduleParams, ScheduleResult>({
  method: 'schedules/add',
  direction: 'applicationToHost',
  mirrors: 'extension (SyncMgr: scheduled synchronization)',
  title: 'AddSchedule',
  paramsSchema: 'AddScheduleParams',
  resultSchema: 'ScheduleResult',
  phases: [],
});

export interface ListSchedulesResult {
  schedules: Schedule[];
}

export const ListSchedules = defineRequest<NoParams, ListSchedulesResult>({
  method: 'schedules/list',
  readsOnly: true,
  direction: 'applicationToHost',
  mirrors: 'extension (SyncMgr: scheduled synchronization)',
  title: 'ListSchedules',
  paramsSchema: 'NoParams',
  resultSchema: 'ListSchedulesResult',
  phases: [],
});

export interface ScheduleIdParams {
  scheduleId: string;
}

/** Extension. S_FALSE for a schedule that does not exist. */
export const RemoveSchedule = defineRequest<ScheduleIdParams, HResultResult>({
  method: 'schedules/remove',
  direction: 'applicationToHost',
  mirrors: 'extension (SyncMgr: scheduled synchronization)',
  title: 'RemoveSchedule',
  paramsSchema: 'ScheduleIdParams',
  resultSchema: 'HResultResult',
  phases: [],
});

export interface TriggerResult {
  /** S_OK when a session was started or queued, S_FALSE when no handler is chosen for the event. */
  hr: HResultValue;
  sessionId?: string;
}

/** Extension. An event from outside: the network came up (SYNCMGRFLAG_CONNECT). */
export const TriggerConnect = defineRequest<NoParams, TriggerResult>({
  method: 'trigger/connect',
  direction: 'applicationToHost',
  mirrors: 'extension (SYNCMGRFLAG_CONNECT: logon, the network up)',
  title: 'TriggerConnect',
  paramsSchema: 'NoParams',
  resultSchema: 'TriggerResult',
  phases: [],
});

/** Extension. The user is leaving (SYNCMGRFLAG_PENDINGDISCONNECT): resolves when that session has ended. */
export const TriggerPendingDisconnect = defineRequest<NoParams, TriggerResult>({
  method: 'trigger/pendingDisconnect',
  direction: 'applicationToHost',
  mirrors: 'extension (SYNCMGRFLAG_PENDINGDISCONNECT: logoff)',
  title: 'TriggerPendingDisconnect',
  paramsSchema: 'NoParams',
  resultSchema: 'TriggerResult',
  phases: [],
});

export interface TriggerIdleParams {
  /** Whether the machine is idle now; when false, the user is back, and idle sessions are cancelled. Default true. */
  idle?: boolean;
}

/** Extension. The machine went idle (SYNCMGRFLAG_IDLE), or stopped being idle. */
export const TriggerIdle = defineRequest<TriggerIdleParams, TriggerResult>({
  method: 'trigger/idle',
  direction: 'applicationToHost',
  mirrors: 'extension (SYNCMGRFLAG_IDLE)',
  title: 'TriggerIdle',
  paramsSchema: 'TriggerIdleParams',
  resultSchema: 'TriggerResult',
  phases: [],
});

/** Extension. Runs the scheduled event's session now (SYNCMGRFLAG_SCHEDULED), as a schedule would. */
export const TriggerScheduled = defineRequest<NoParams, TriggerResult>({
  method: 'trigger/scheduled',
  direction: 'applicationToHost',
  mirrors: 'extension (SYNCMGRFLAG_SCHEDULED)',
  title: 'TriggerScheduled',
  paramsSchema: 'NoParams',
  resultSchema: 'TriggerResult',
  phases: [],
});

export interface ResetHandlerParams {
  clsid: Guid;
}

/** Extension. Lifts a handler's quarantine; S_FALSE when it was not quarantined. */
export const ResetHandler = defineRequest<ResetHandlerParams, HResultResult>({
  method: 'handlers/reset',
  direction: 'applicationToHost',
  mirrors: 'extension (restart intensity)',
  title: 'ResetHandler',
  paramsSchema: 'ResetHandlerParams',
  resultSchema: 'HResultResult',
  phases: [],
});
