import { SyncMgrStatus } from '@syncmgr/protocol';
import type { HandlerResult, ItemState, Phase, Session } from '../../index.js';
import { statusName } from './format.js';

interface HandlerLine {
  name: string;
  phase: Phase;
  result?: HandlerResult;
  reason?: string;
  items: Map<string, ItemState>;
  warnings: number;
}

const SPINNER = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];
const REDRAW_MS = 80;
const FINAL = new Map<number, string>([
  [SyncMgrStatus.SYNCMGRSTATUS_SUCCEEDED, '✔'],
  [SyncMgrStatus.SYNCMGRSTATUS_FAILED, '✖'],
  [SyncMgrStatus.SYNCMGRSTATUS_SKIPPED, '↷'],
  [SyncMgrStatus.SYNCMGRSTATUS_STOPPED, '■'],
]);

/** The SyncMgr progress dialog on a terminal: one line per handler and per item, redrawn in place. */
export async function attachLiveView(session: Session): Promise<{ stop: () => void }> {
  const { default: logUpdate } = await import('log-update');
  const handlers = new Map<string, HandlerLine>();
  let frame = 0;
  const line = (clsid: string, name: string): HandlerLine => {
    let entry = handlers.get(clsid);
    if (!entry) handlers.set(clsid, (entry = { name, phase: 'start', items: new Map(), warnings: 0 }));
    entry.name = name;
    return entry;
  };
  session.on('handlerPhase', (h, phase) => void (line(h.clsid, h.name).phase = phase));
  session.on('itemsEnumerated', (h, items) => {
    const entry = line(h.clsid, h.name);
    for (const item of items.filter((i) => i.selected)) {
      entry.items.set(item.itemId, { itemId: item.itemId, name: item.itemName, status: SyncMgrStatus.SYNCMGRSTATUS_PENDING });
    }
  });
  session.on('itemProgress', (h, item) => void line(h.clsid, h.name).items.set(item.itemId, item));
  session.on('log', (h) => void line(h.clsid, h.name).warnings++);
  session.on('handlerFinished', (h, report) => {
    const entry = line(h.clsid, h.name);
    entry.result = report.result;
    if (report.reason) entry.reason = report.reason;
  });
  const draw = () => logUpdate(render([...handlers.values()], SPINNER[frame++ % SPINNER.length]!));
  const timer = setInterval(draw, REDRAW_MS);
  return {
    stop: () => {
      clearInterval(timer);
      draw();
      logUpdate.done();
    },
  };
}

function render(handlers: HandlerLine[], spinner: string): string {
  const width = Math.max(20, ...handlers.flatMap((h) => [...h.items.values()].map((i) => i.name.length + 4)));
  return handlers
    .map((h) => {
      const mark = h.result === 'failed' ? '✖' : h.result === 'declined' ? '–' : h.result ? '●' : spinner;
      const state = h.result ? `${h.result}${h.reason ? ` — ${h.reason}` : ''}` : h.phase;
      const notes = h.warnings > 0 ? `  (${h.warnings} log entries)` : '';
      const items = [...h.items.values()].map((item) => `    ${FINAL.get(item.status) ?? spinner} ${item.name.padEnd(width)} ${itemDetail(item)}`);
      return [`${mark} ${h.name}: ${state}${notes}`, ...items].join('\n');
    })
    .join('\n');
}

function itemDetail(item: ItemState): string {
  const bar = item.maxValue && item.maxValue > 0 && !FINAL.has(item.status) ? `${progressBar((item.progValue ?? 0) / item.maxValue)} ` : '';
  return `${bar}${statusName(item.status)}${item.text ? `  ${item.text.slice(0, 60)}` : ''}`;
}

function progressBar(fraction: number): string {
  const clamped = Math.min(1, Math.max(0, fraction));
  const filled = Math.round(clamped * 20);
  return `[${'#'.repeat(filled)}${'.'.repeat(20 - filled)}] ${String(Math.round(clamped * 100)).padStart(3)}%`;
}
