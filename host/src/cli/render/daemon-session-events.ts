import type { DaemonEvent, SessionReport } from '@syncmgr/protocol';
import type { SessionEvents } from '../../index.js';

type Listener = (...args: unknown[]) => void;

/**
 * A daemon session's events in the shape of a Session's, for the live view, which follows
 * handlerPhase, itemProgress, log and handlerFinished: the daemon sends the first three as events;
 * how each handler ended comes with the session's report.
 */
export class DaemonSessionEvents {
  private readonly listeners = new Map<keyof SessionEvents, Listener[]>();

  on<E extends keyof SessionEvents>(event: E, listener: SessionEvents[E]): this {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener as unknown as Listener]);
    return this;
  }

  /** One of the session's daemon events. */
  feed(event: DaemonEvent): void {
    const body = event.body;
    if (body.kind === 'handlerPhase') this.emit('handlerPhase', body.handler, body.phase);
    else if (body.kind === 'itemProgress') this.emit('itemProgress', body.handler, body.item);
    else if (body.kind === 'log') this.emit('log', body.handler, body.entry);
  }

  /** The session's end: each handler's report. */
  finish(report: SessionReport): void {
    for (const handler of report.handlers) {
      const ref = { sessionId: report.sessionId, clsid: handler.clsid, name: handler.name, ...(handler.ownName ? { ownName: handler.ownName } : {}) };
      this.emit('handlerFinished', ref, handler);
    }
  }

  private emit<E extends keyof SessionEvents>(event: E, ...args: Parameters<SessionEvents[E]>): void {
    for (const listener of this.listeners.get(event) ?? []) listener(...args);
  }
}
