import type { Guid } from '@syncmgr/protocol';
import type { HandlerRef, ItemStatus, Session } from '../../index.js';
import { printable } from './format.js';
import { handlerLabels, type NamedHandler } from './handler-label.js';

/** Line-by-line progress for pipes and logs: status changes only, never a progress flood. */
export function attachPlainView(session: Pick<Session, 'on' | 'handlers'>, writeLine: (line: string) => void): void {
  const write = (line: string) => writeLine(printable(line));
  const label = sessionLabels(session.handlers);
  const lastStatus = new Map<string, ItemStatus>();
  session.on('handlerPhase', (handler, phase) => {
    if (phase === 'start' || phase === 'prepare' || phase === 'synchronize') write(`[${label(handler)}] ${phase}`);
  });
  session.on('itemsEnumerated', (handler, { listed, selected, missingItems }) => {
    write(`[${label(handler)}] ${listed} items${missingItems ? ' (the list is incomplete)' : ''}, ${selected} selected`);
  });
  session.on('itemProgress', (handler, item) => {
    const key = `${handler.clsid}/${item.itemId}`;
    if (lastStatus.get(key) === item.status && item.status !== 'failed') return;
    lastStatus.set(key, item.status);
    write(`[${label(handler)}] ${item.name}: ${item.status}${item.text ? ` — ${item.text}` : ''}`);
  });
  session.on('log', (handler, entry) => write(`[${label(handler)}] ${entry.level}: ${entry.text}`));
  session.on('handlerFinished', (handler, report) => {
    write(`[${label(handler)}] ${report.result}${report.reason ? `: ${report.reason}` : ''}`);
  });
}

// Every handler of the session is known from the start, so a shared name gets its class ID from the first line.
function sessionLabels(handlers: readonly HandlerRef[]): (handler: HandlerRef) => string {
  const known = new Map<Guid, NamedHandler>(handlers.map((h) => [h.clsid, h]));
  return (handler) => {
    known.set(handler.clsid, handler);
    return handlerLabels(known.values())(handler);
  };
}
