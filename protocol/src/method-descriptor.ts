import { NotificationType, ParameterStructures, RequestType } from 'vscode-jsonrpc';
import type { HandlerPhase } from './life-cycle.js';

/**
 * Who sends a message: the host to a handler, a handler back to the host, an application to the
 * host (the daemon), or the daemon to the applications that subscribed (notifications only).
 */
export type Direction = 'hostToHandler' | 'handlerToHost' | 'applicationToHost' | 'hostToApplication';

/** One JSON-RPC request of the protocol, declared once and imported by host and SDK alike. */
export interface MethodDescriptor<P, R> {
  /** The JSON-RPC method name on the wire. */
  readonly method: string;
  readonly direction: Direction;
  /** The COM method it mirrors ("ISyncMgrSynchronize::PrepareForSync"), or "extension" for ours. */
  readonly mirrors: string;
  /** The COM method's own name ("PrepareForSync"), for sentences; the extension's name for ours. */
  readonly title: string;
  /** Names of the params and result types in the generated JSON Schema. */
  readonly paramsSchema: string;
  readonly resultSchema: string;
  /**
   * The phases (as the host tracks them, life-cycle.ts) in which this message is legal: the host
   * sends a host→handler request only in these, and refuses a handler→host callback outside them
   * with OutOfPhase. Empty for the application API, which is not exchanged with a handler.
   */
  readonly phases: readonly HandlerPhase[];
  /**
   * For an asynchronous call ("answer at once, complete later"): the callback that completes it.
   * The handler sends it only after answering the call S_OK.
   */
  readonly completion?: MethodDescriptor<unknown, unknown>;
  /**
   * For the application API: true when the call changes nothing and starts nothing (status, lists,
   * reports, subscribing). A dashboard connection that did not present its CSRF token may make only
   * these (§5.7).
   */
  readonly readsOnly?: boolean;
  /** The vscode-jsonrpc request type: params travel by name, as one object. */
  readonly type: RequestType<P, R, void>;
}

/** The spec of a request, without the vscode-jsonrpc type that is built from it. */
export type MethodSpec = Omit<MethodDescriptor<unknown, unknown>, 'type'>;

/** Declares a request; the type parameters bind its params and result at every call site. */
export function defineRequest<P, R>(spec: MethodSpec): MethodDescriptor<P, R> {
  return { ...spec, type: new RequestType<P, R, void>(spec.method, ParameterStructures.byName) };
}

/** True when the message is legal in the phase, by the descriptor's own list. */
export function isLegalIn(descriptor: Pick<MethodDescriptor<unknown, unknown>, 'phases'>, phase: HandlerPhase): boolean {
  return descriptor.phases.includes(phase);
}

/** One JSON-RPC notification of the protocol: no answer, so no result and no phases. */
export interface NotificationDescriptor<P> {
  readonly method: string;
  readonly direction: Direction;
  readonly mirrors: string;
  readonly title: string;
  /** The name of the params type in the generated JSON Schema. */
  readonly paramsSchema: string;
  /** The vscode-jsonrpc notification type: params travel by name, as one object. */
  readonly type: NotificationType<P>;
}

/** The spec of a notification, without the vscode-jsonrpc type that is built from it. */
export type NotificationSpec = Omit<NotificationDescriptor<unknown>, 'type'>;

/** Declares a notification. */
export function defineNotification<P>(spec: NotificationSpec): NotificationDescriptor<P> {
  return { ...spec, type: new NotificationType<P>(spec.method, ParameterStructures.byName) };
}
