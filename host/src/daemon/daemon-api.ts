import {
  allMethods,
  HResult,
  SyncMgrErrorCodes,
  type AddScheduleParams,
  type AnswerPromptParams,
  type ClsidHandlerParams,
  type DaemonStatusResult,
  type GetHandlerRegistrationInfoResult,
  type HResultResult,
  type InvokeResult,
  type ListSchedulesResult,
  type MethodDescriptor,
  type OpenDashboardParams,
  type OpenDashboardResult,
  type RegisterSyncMgrHandlerParams,
  type ResetHandlerParams,
  type ScheduleIdParams,
  type ScheduleResult,
  type SessionIdParams,
  type SessionHandlerParams,
  type SessionItemParams,
  type SessionReportResult,
  type ShowLogEntryParams,
  type ShowLogEntryResult,
  type SubscribeParams,
  type SubscribeResult,
  type TriggerIdleParams,
  type TriggerResult,
  type UpdateItemsParams,
} from '@syncmgr/protocol';
import { ResponseError, type MessageConnection } from 'vscode-jsonrpc/node';
import { HostError } from '../errors.js';
import { parseClsid, registerFlagsOf, REGISTER_EVENTS, type RegisterEvent } from '../registry/registry-entry.js';
import type { SyncManager } from '../sync-manager.js';
import type { MessageValidator } from '../transport/message-validator.js';
import { handlerAdminCalls } from './api/handler-admin-calls.js';
import type { DaemonPrompts } from './daemon-prompts.js';
import type { EventLog } from './event-log.js';
import type { Quarantine } from './quarantine.js';
import type { SessionJobs } from './session-jobs.js';
import { Subscription } from './subscription.js';

/** The external events trigger/* names; 'idle' carries whether idle began or ended. */
export type TriggerEvent = 'connect' | 'pendingDisconnect' | 'idle' | 'scheduled';

/**
 * What the daemon's API needs of the triggers (schedules, connect, idle, pendingDisconnect), which
 * another part implements. Without one, schedules/* and trigger/* are refused as not available.
 * Errors it throws as HostError USAGE become InvalidParams (a cron expression that does not parse).
 */
export interface Triggers {
  addSchedule(params: AddScheduleParams): Promise<ScheduleResult>;
  listSchedules(): Promise<ListSchedulesResult>;
  /** S_FALSE when there is no such schedule. */
  removeSchedule(scheduleId: string): Promise<HResultResult>;
  trigger(event: TriggerEvent, params: TriggerIdleParams): Promise<TriggerResult>;
}

/** What the API serves from: the daemon's parts. */
export interface DaemonApiParts {
  manager: SyncManager;
  jobs: SessionJobs;
  events: EventLog;
  prompts: DaemonPrompts;
  quarantine: Quarantine;
  validator: MessageValidator;
  status: () => Omit<DaemonStatusResult, 'running' | 'queued' | 'quarantined' | 'prompts'>;
  triggers?: Triggers;
  /** dashboard/open (the daemon's listener); without it the method is not available. */
  dashboard?: { open(params: OpenDashboardParams): Promise<OpenDashboardResult> };
}

type Handler = (params: never, connection: MessageConnection) => unknown;

/**
 * What a connection may call: 'full' for a client that proved it is the owner (the socket, the
 * token), 'readsOnly' for a dashboard page that showed its cookie but not its CSRF token.
 */
export type ClientAccess = 'full' | 'readsOnly';

/**
 * Serves every applicationToHost request of protocol/ on one connection: params are checked
 * against the schema first (InvalidParams), methods without a handler here are MethodNotFound.
 */
export function serveDaemonApi(connection: MessageConnection, parts: DaemonApiParts, access: ClientAccess = 'full'): void {
  const handlers = handlersOf(parts);
  const subscription = new Subscription(connection, parts.events);
  connection.onClose(() => subscription.dispose());
  for (const descriptor of allMethods.filter((d) => d.direction === 'applicationToHost')) {
    connection.onRequest(descriptor.method, (params: unknown) =>
      access === 'readsOnly' && descriptor.readsOnly !== true
        ? new ResponseError(SyncMgrErrorCodes.CsrfRequired, `${descriptor.method} changes something: the page must present its CSRF token (reload it)`)
        : answer(descriptor, params ?? {}, parts, handlers, connection, subscription),
    );
  }
  connection.onRequest((method) => new ResponseError(SyncMgrErrorCodes.MethodNotFound, `the daemon serves no method ${method}`));
}

async function answer(
  descriptor: MethodDescriptor<unknown, unknown>,
  params: unknown,
  parts: DaemonApiParts,
  handlers: Record<string, Handler>,
  connection: MessageConnection,
  subscription: Subscription,
): Promise<unknown> {
  const problem = parts.validator.checkParams(descriptor, params);
  if (problem) return new ResponseError(SyncMgrErrorCodes.InvalidParams, problem);
  if (descriptor.method === 'events/subscribe') return subscribe(subscription, params as SubscribeParams);
  const handler = handlers[descriptor.method];
  if (!handler) return new ResponseError(SyncMgrErrorCodes.MethodNotFound, `the daemon does not serve ${descriptor.method}`);
  try {
    return await handler(params as never, connection);
  } catch (error) {
    return asResponseError(error);
  }
}

function subscribe(subscription: Subscription, params: SubscribeParams): SubscribeResult {
  return subscription.start(params.after);
}

/** Refusals the client can branch on: unknown sessions, bad input, what is not available. */
export class ApiRefusal extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}

function asResponseError(error: unknown): ResponseError<unknown> {
  if (error instanceof ApiRefusal) return new ResponseError(error.code, error.message);
  if (error instanceof HostError) {
    const data = { hostError: error.code };
    if (['USAGE', 'INVALID_CLSID', 'UNKNOWN_CLSID', 'INVALID_ENTRY', 'QUARANTINED'].includes(error.code)) {
      return new ResponseError(SyncMgrErrorCodes.InvalidParams, error.message, data);
    }
    return new ResponseError(-32603, error.message, data);
  }
  return new ResponseError(-32603, (error as Error).message);
}

function unknownSession(sessionId: string): ApiRefusal {
  return new ApiRefusal(SyncMgrErrorCodes.UnknownSession, `the daemon has no session ${sessionId}`);
}

function handlersOf(parts: DaemonApiParts): Record<string, Handler> {
  const { manager, jobs, prompts, quarantine } = parts;
  const triggers = (): Triggers => {
    if (!parts.triggers) throw new ApiRefusal(SyncMgrErrorCodes.MethodNotFound, 'triggers and schedules are not available in this daemon');
    return parts.triggers;
  };
  const sessionNow = (sessionId: string) => {
    const session = jobs.sessionOf(sessionId);
    if (session) return session;
    if (jobs.get(sessionId)) throw new ApiRefusal(SyncMgrErrorCodes.InvalidParams, `session ${sessionId} is not running`);
    throw unknownSession(sessionId);
  };
  return {
    'invoke/updateItems': async (p: UpdateItemsParams): Promise<InvokeResult> => {
      const summary = await jobs.submit({
        event: 'invoke',
        clsids: [parseClsid(p.clsid)],
        ...(p.cookie !== undefined ? { cookie: p.cookie } : {}),
        ...(p.itemIds !== undefined ? { itemIds: p.itemIds.map(parseClsid) } : {}),
        triggered: false,
      });
      return { hr: HResult.S_OK, sessionId: summary.sessionId };
    },
    'invoke/updateAll': async (): Promise<InvokeResult> => {
      const summary = await jobs.submit({ event: 'manual', triggered: false });
      return { hr: HResult.S_OK, sessionId: summary.sessionId };
    },
    'register/registerSyncMgrHandler': async (p: RegisterSyncMgrHandlerParams): Promise<HResultResult> => {
      await manager.registry.register({
        clsid: parseClsid(p.clsidHandler),
        name: p.description ?? p.clsidHandler,
        command: p.command,
        ...(p.cwd !== undefined ? { cwd: p.cwd } : {}),
        ...(p.env !== undefined ? { env: p.env } : {}),
        events: eventsOf(p.syncMgrRegisterFlags),
      });
      return { hr: HResult.S_OK };
    },
    'register/unregisterSyncMgrHandler': async (p: ClsidHandlerParams): Promise<HResultResult> => ({
      hr: (await manager.registry.unregister(p.clsidHandler)) ? HResult.S_OK : HResult.S_FALSE,
    }),
    'register/getHandlerRegistrationInfo': async (p: ClsidHandlerParams): Promise<GetHandlerRegistrationInfoResult> => {
      const clsid = parseClsid(p.clsidHandler);
      const entry = (await manager.registry.list()).find((e) => e.clsid === clsid);
      return entry ? { hr: HResult.S_OK, syncMgrRegisterFlags: registerFlagsOf(entry.events) } : { hr: HResult.S_FALSE };
    },
    'daemon/status': (): DaemonStatusResult => {
      const sessions = jobs.list();
      return {
        ...parts.status(),
        running: sessions.filter((s) => s.state === 'running'),
        queued: sessions.filter((s) => s.state === 'queued'),
        quarantined: quarantine.list(),
        prompts: prompts.list(),
      };
    },
    'sessions/list': () => ({ sessions: jobs.list() }),
    'sessions/report': async (p: SessionIdParams): Promise<SessionReportResult> => {
      const session = jobs.get(p.sessionId);
      if (!session) throw unknownSession(p.sessionId);
      if (session.state === 'queued') return { session };
      const items = jobs.liveItems(p.sessionId);
      if (items) return { session, items };
      return { session, report: await manager.results.load(p.sessionId) };
    },
    'sessions/cancel': (p: SessionIdParams): HResultResult => {
      if (!jobs.get(p.sessionId)) throw unknownSession(p.sessionId);
      return { hr: jobs.cancel(p.sessionId) };
    },
    'sessions/cancelHandler': (p: SessionHandlerParams): HResultResult => {
      sessionNow(p.sessionId).cancelHandler(parseClsid(p.clsid));
      return { hr: HResult.S_OK };
    },
    'sessions/cancelItem': (p: SessionItemParams): HResultResult => {
      sessionNow(p.sessionId).cancelItem(parseClsid(p.clsid), p.itemId);
      return { hr: HResult.S_OK };
    },
    'sessions/skipItem': async (p: SessionItemParams): Promise<HResultResult> => {
      await sessionNow(p.sessionId).skip(parseClsid(p.clsid), p.itemId);
      return { hr: HResult.S_OK };
    },
    'prompts/answer': (p: AnswerPromptParams): HResultResult => {
      // A properties run's pseudo-session is no job: DaemonPrompts knows it.
      if (!jobs.get(p.sessionId) && !prompts.knows(p.sessionId)) throw unknownSession(p.sessionId);
      return { hr: prompts.answer(p.sessionId, p.promptId, p.answers) ? HResult.S_OK : HResult.S_FALSE };
    },
    'log/showError': async (p: ShowLogEntryParams): Promise<ShowLogEntryResult> => {
      // Session.showError does not surface the handler's HRESULT: the report after it says what the retry did.
      const report = await sessionNow(p.sessionId).showError(parseClsid(p.clsid), p.errorId);
      return { hr: HResult.S_OK, report };
    },
    'handlers/reset': async (p: ResetHandlerParams): Promise<HResultResult> => ({
      hr: (await jobs.lift(parseClsid(p.clsid))) ? HResult.S_OK : HResult.S_FALSE,
    }),
    'schedules/add': (p: AddScheduleParams) => triggers().addSchedule(p),
    'schedules/list': () => triggers().listSchedules(),
    'schedules/remove': (p: ScheduleIdParams) => triggers().removeSchedule(p.scheduleId),
    'trigger/connect': () => triggers().trigger('connect', {}),
    'trigger/pendingDisconnect': () => triggers().trigger('pendingDisconnect', {}),
    'trigger/idle': (p: TriggerIdleParams) => triggers().trigger('idle', p),
    'trigger/scheduled': () => triggers().trigger('scheduled', {}),
    ...handlerAdminCalls(parts),
    'dashboard/open': (p: OpenDashboardParams) =>
      parts.dashboard?.open(p) ?? Promise.reject(new ApiRefusal(SyncMgrErrorCodes.MethodNotFound, 'this daemon serves no dashboard')),
  };
}

function eventsOf(flags: number): RegisterEvent[] {
  return (Object.entries(REGISTER_EVENTS) as [RegisterEvent, number][]).filter(([, bit]) => (flags & bit) !== 0).map(([event]) => event);
}
