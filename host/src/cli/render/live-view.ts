import type { Guid } from '@syncmgr/protocol';
import type { HandlerResult, ItemState, ItemStatus, Phase, Session } from '../../index.js';
import { OUTCOME_MARKS, printable } from './format.js';

interface HandlerLine {
  clsid: Guid;
  name: string;
  phase: Phase;
  result?: HandlerResult;
  reason?: string;
  items: Map<Guid, ItemState>;
  logEntries: number;
}

/** An item the user can act on by its number in the view. */
export interface RunningItem {
  clsid: Guid;
  itemId: Guid;
  name: string;
}

// One UTF-16 unit per frame, so charAt picks a whole frame.
const SPINNER = '⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏';
const REDRAW_MS = 80;
const FINAL = new Map<ItemStatus, string>(Object.entries(OUTCOME_MARKS) as [ItemStatus, string][]);
const WINDOWS: ReadonlySet<Phase> = new Set(['prepare', 'synchronize']);

/** The SyncMgr progress dialog on a terminal: a line per handler and item, redrawn in place. */
export class LiveView {
  private readonly handlers = new Map<Guid, HandlerLine>();
  private running: RunningItem[] = [];
  private notice = '';
  private frame = 0;
  private timer: NodeJS.Timeout | undefined;

  private constructor(
    private readonly logUpdate: typeof import('log-update').default,
    private readonly footer: string,
  ) {}

  /** Follows a session's events and starts drawing. */
  static async attach(session: Session, footer: string): Promise<LiveView> {
    const { default: logUpdate } = await import('log-update');
    const view = new LiveView(logUpdate, footer);
    view.follow(session);
    view.resume();
    return view;
  }

  /** The items that can be skipped now, in the order of their numbers on screen. */
  get runningItems(): readonly RunningItem[] {
    return this.running;
  }

  /** A line under the view: what just happened. */
  say(text: string): void {
    this.notice = text;
  }

  /** Stops drawing and leaves the terminal to someone else (a prompt). */
  pause(): void {
    clearInterval(this.timer);
    this.timer = undefined;
    this.logUpdate.done();
  }

  resume(): void {
    this.timer ??= setInterval(() => this.draw(), REDRAW_MS);
  }

  /** Draws the last frame and keeps it on screen. */
  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
    this.draw(false);
    this.logUpdate.done();
  }

  private follow(session: Session): void {
    const line = (clsid: Guid, name: string): HandlerLine => {
      let entry = this.handlers.get(clsid);
      if (!entry) this.handlers.set(clsid, (entry = { clsid, name, phase: 'start', items: new Map(), logEntries: 0 }));
      entry.name = name;
      return entry;
    };
    session.on('handlerPhase', (h, phase) => void (line(h.clsid, h.name).phase = phase));
    session.on('itemsListed', (h, items, selected) => {
      const entry = line(h.clsid, h.name);
      for (const item of items) {
        if (selected.has(item.itemId)) entry.items.set(item.itemId, { itemId: item.itemId, name: item.itemName, status: 'pending' });
      }
    });
    session.on('itemProgress', (h, item) => void line(h.clsid, h.name).items.set(item.itemId, item));
    session.on('log', (h) => void line(h.clsid, h.name).logEntries++);
    session.on('handlerFinished', (h, report) => {
      const entry = line(h.clsid, h.name);
      entry.result = report.result;
      if (report.reason) entry.reason = report.reason;
    });
  }

  private draw(withFooter = true): void {
    const spinner = SPINNER.charAt(this.frame++ % SPINNER.length);
    this.running = [];
    const body = [...this.handlers.values()].map((h) => this.renderHandler(h, spinner)).join('\n');
    const footer = withFooter ? `\n\n${this.footer}${this.notice ? `\n${this.notice}` : ''}` : '';
    this.logUpdate(body + footer);
  }

  private renderHandler(h: HandlerLine, spinner: string): string {
    const mark = h.result === 'failed' ? '✖' : h.result === 'declined' ? '–' : h.result ? '●' : spinner;
    const state = h.result ? `${h.result}${h.reason ? ` — ${h.reason}` : ''}` : h.phase;
    const notes = h.logEntries > 0 ? `  (${h.logEntries} log entr${h.logEntries === 1 ? 'y' : 'ies'})` : '';
    const width = Math.max(16, ...[...h.items.values()].map((i) => printable(i.name).length));
    const items = [...h.items.values()].map((item) => {
      const skippable = !h.result && WINDOWS.has(h.phase) && !FINAL.has(item.status) && this.running.length < 9;
      if (skippable) this.running.push({ clsid: h.clsid, itemId: item.itemId, name: item.name });
      const number = skippable ? `[${this.running.length}]` : '   ';
      return `  ${number} ${FINAL.get(item.status) ?? spinner} ${printable(item.name).padEnd(width)} ${printable(itemDetail(item))}`;
    });
    return [`${mark} ${printable(h.name)}: ${printable(state)}${notes}`, ...items].join('\n');
  }
}

function itemDetail(item: ItemState): string {
  const bar = item.maxValue && item.maxValue > 0 && !FINAL.has(item.status) ? `${progressBar((item.progValue ?? 0) / item.maxValue)} ` : '';
  return `${bar}${item.status}${item.text ? `  ${item.text.slice(0, 60)}` : ''}`;
}

function progressBar(fraction: number): string {
  const clamped = Math.min(1, Math.max(0, fraction));
  const filled = Math.round(clamped * 20);
  return `[${'#'.repeat(filled)}${'.'.repeat(20 - filled)}] ${String(Math.round(clamped * 100)).padStart(3)}%`;
}
