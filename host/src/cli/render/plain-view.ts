import type { ItemStatus, Session } from '../../index.js';
import { printable } from './format.js';

/** Line-by-line progress for pipes and logs: status changes only, never a progress flood. */
export function attachPlainView(session: Session, writeLine: (line: string) => void): void {
  const write = (line: string) => writeLine(printable(line));
  const lastStatus = new Map<string, ItemStatus>();
  session.on('handlerPhase', (handler, phase) => {
    if (phase === 'start' || phase === 'prepare' || phase === 'synchronize') write(`[${handler.name}] ${phase}`);
  });
  session.on('itemsEnumerated', (handler, { listed, selected, missingItems }) => {
    write(`[${handler.name}] ${listed} items${missingItems ? ' (the list is incomplete)' : ''}, ${selected} selected`);
  });
  session.on('itemProgress', (handler, item) => {
    const key = `${handler.clsid}/${item.itemId}`;
    if (lastStatus.get(key) === item.status && item.status !== 'failed') return;
    lastStatus.set(key, item.status);
    write(`[${handler.name}] ${item.name}: ${item.status}${item.text ? ` — ${item.text}` : ''}`);
  });
  session.on('log', (handler, entry) => write(`[${handler.name}] ${entry.level}: ${entry.text}`));
  session.on('handlerFinished', (handler, report) => {
    write(`[${handler.name}] ${report.result}${report.reason ? `: ${report.reason}` : ''}`);
  });
}
