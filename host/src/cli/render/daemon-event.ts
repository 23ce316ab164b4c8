import type { DaemonEvent, SessionSummary } from '@syncmgr/protocol';
import { printable } from './format.js';

/** One daemon event as a readable line for `watch` and a sync through the daemon (no progress flood: the caller filters). */
export function formatDaemonEvent(event: DaemonEvent): string {
  const body = event.body;
  const at = event.at.slice(11, 19); // HH:MM:SS of the ISO time
  const line = ((): string => {
    switch (body.kind) {
      case 'sessionQueued':
      case 'sessionStarted':
      case 'sessionFinished':
      case 'sessionInterrupted':
        return `${body.kind.slice('session'.length).toLowerCase()} session ${formatSession(body.session)}`;
      case 'handlerPhase':
        return `[${body.handler.name}] ${body.phase}`;
      case 'itemProgress':
        return `[${body.handler.name}] ${body.item.name}: ${body.item.status}${body.item.text ? ` — ${body.item.text}` : ''}`;
      case 'log':
        return `[${body.handler.name}] ${body.entry.level}: ${body.entry.text}`;
      case 'prompt':
        return `[${body.handler.name}] asks: ${body.prompt.title}`;
      case 'promptClosed':
        return `[${body.handler.name}] prompt closed`;
      case 'quarantined':
      case 'released':
        return `handler ${body.clsid} ${body.kind}${body.reasons.length ? `: ${body.reasons.join('; ')}` : ''}`;
      case 'warning':
        return `warning: ${body.text}`;
    }
  })();
  return printable(`${at} #${event.seq} ${line}`);
}

/** A session as one line: ID, event, state, its handlers' count and, when over, how it ended. */
export function formatSession(s: SessionSummary): string {
  const ended = s.state === 'finished' ? (s.succeeded ? ' succeeded' : ' failed') : '';
  const reason = s.reason ? `: ${s.reason}` : '';
  return printable(`${s.sessionId} ${s.event} ${s.state}${ended}, ${s.clsids.length} handler${s.clsids.length === 1 ? '' : 's'}${reason}`);
}
