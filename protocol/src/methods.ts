import type { HandlerPhase } from './life-cycle.js';
import type { MethodDescriptor, NotificationDescriptor } from './method-descriptor.js';
import * as application from './messages/application.js';
import * as callback from './messages/callback.js';
import * as daemon from './messages/daemon.js';
import * as daemonTriggers from './messages/daemon-triggers.js';
import * as dashboard from './messages/dashboard.js';
import * as enumItems from './messages/enum-items.js';
import * as handlerAdmin from './messages/handler-admin.js';
import * as lifecycle from './messages/lifecycle.js';
import * as prompt from './messages/prompt.js';
import * as synchronize from './messages/synchronize.js';

function descriptorsOf(module: Record<string, unknown>): MethodDescriptor<unknown, unknown>[] {
  return Object.values(module).filter(
    (value): value is MethodDescriptor<unknown, unknown> => typeof value === 'object' && value !== null && 'method' in value && 'resultSchema' in value,
  );
}

function notificationsOf(module: Record<string, unknown>): NotificationDescriptor<unknown>[] {
  return Object.values(module).filter(
    (value): value is NotificationDescriptor<unknown> =>
      typeof value === 'object' && value !== null && 'method' in value && 'paramsSchema' in value && !('resultSchema' in value),
  );
}

/** Every request of the protocol, grouped by the interface it belongs to. */
export const allMethods: readonly MethodDescriptor<unknown, unknown>[] = [
  ...descriptorsOf(lifecycle),
  ...descriptorsOf(synchronize),
  ...descriptorsOf(enumItems),
  ...descriptorsOf(callback),
  ...descriptorsOf(prompt),
  ...descriptorsOf(application),
  ...descriptorsOf(daemon),
  ...descriptorsOf(daemonTriggers),
  ...descriptorsOf(handlerAdmin),
  ...descriptorsOf(dashboard),
];

/** Every notification of the protocol (the daemon's events). */
export const allNotifications: readonly NotificationDescriptor<unknown>[] = [...notificationsOf(daemon)];

const byName = new Map(allMethods.map((descriptor) => [descriptor.method, descriptor]));

/** The descriptor of a wire method name, if the protocol has one. */
export function methodByName(method: string): MethodDescriptor<unknown, unknown> | undefined {
  return byName.get(method);
}

/** The asynchronous call that opens a phase (prepare: PrepareForSync), if the phase awaits a completion. */
export function asynchronousCallOf(phase: HandlerPhase): MethodDescriptor<unknown, unknown> | undefined {
  return allMethods.find((descriptor) => descriptor.completion !== undefined && descriptor.phases.includes(phase));
}
