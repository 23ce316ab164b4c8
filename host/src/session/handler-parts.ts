import type { ConnectionLeases } from './connection-leases.js';
import { HandlerInstance, type InstanceOptions } from './handler-instance.js';
import { HandlerLifeCycle } from './handler-life-cycle.js';
import { HandlerPrompts } from './handler-prompts.js';
import { ByteBudget } from './byte-budget.js';
import { HandlerRecord, type EmitEvent } from './handler-record.js';
import type { ModelessToken } from './modeless-token.js';
import type { UserInterface, UserNotAskedReason } from './user-interface.js';

/** What one handler instance gets from the session (or the manager) that starts it. */
export interface HandlerServices extends InstanceOptions {
  startTimeoutMs: number;
  hangTimeoutMs: number;
  emit: EmitEvent;
  token: ModelessToken;
  /** The user to ask; absent when nobody can be asked. */
  ui?: UserInterface;
  /** SYNCMGRFLAG_MAYBOTHERUSER is given to this instance. */
  mayBotherUser: boolean;
  /** The log bytes all the session's handlers share (HostLimits.maxSessionLogBytes); absent outside a session, where the instance has its own. */
  sessionLogBudget?: ByteBudget;
  /** The session's EstablishConnection profiles; absent outside a sync session. */
  connections?: ConnectionLeases;
}

/** What one handler instance is made of: its process, its life cycle, what is known of it, its prompts. */
export interface HandlerParts {
  readonly services: HandlerServices;
  readonly instance: HandlerInstance;
  readonly life: HandlerLifeCycle;
  readonly record: HandlerRecord;
  readonly prompts: HandlerPrompts;
}

/** Wires the parts of one handler instance; nothing is started yet. */
export function createHandlerParts(services: HandlerServices): HandlerParts {
  const { entry, sessionId, limits, emit } = services;
  const sessionBudget = services.sessionLogBudget ?? new ByteBudget(limits.maxSessionLogBytes);
  const record = new HandlerRecord({ sessionId, clsid: entry.clsid, registeredName: entry.name }, { limits, sessionBudget }, emit);
  const violation = (text: string): void => record.note('error', `protocol violation (phase ${life.phase}): ${text}`);
  const instance = new HandlerInstance(services, { currentPhase: () => life.phase, onViolation: violation });
  const life: HandlerLifeCycle = new HandlerLifeCycle(instance, {
    // The token does not outlive the phase it was granted in.
    onPhase: (phase) => {
      prompts.giveBack();
      emit('handlerPhase', record.ref, phase);
    },
    onRefused: violation,
  });
  const access = {
    token: services.token,
    mayBotherUser: services.mayBotherUser,
    clsid: entry.clsid,
    handlerName: entry.name,
    warn: (text: string) => emit('warning', text),
    note: (text: string) => record.note('warning', text),
    notAsked: (reason: UserNotAskedReason) => emit('userNotAsked', record.ref, reason),
  };
  const prompts: HandlerPrompts = new HandlerPrompts(services.ui ? { ...access, ui: services.ui } : access, life, () => instance.connection);
  return { services, instance, life, record, prompts };
}
