import type { ItemState, ItemStatus } from '../../index.js';
import { OUTCOME_MARKS, printable } from './format.js';
import { fit } from './fit.js';
import { handlerLabels } from './handler-label.js';
import { handlerState, LiveModel, type LiveHandler, type LiveItem, type SessionEventSource } from './live-model.js';

export { LiveModel, type RunningItem } from './live-model.js';

// One UTF-16 unit per frame, so charAt picks a whole frame.
const SPINNER = '⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏';
const REDRAW_MS = 80;
const FINAL = new Map<ItemStatus, string>(Object.entries(OUTCOME_MARKS) as [ItemStatus, string][]);
const NAME_WIDTH = { min: 16, max: 40 };
const TEXT_WIDTH = 60;

/** How one frame is drawn: the spinner's frame and the terminal's width. */
export interface FrameStyle {
  spinner: string;
  columns: number;
}

/** The SyncMgr progress dialog on a terminal: a line per handler and item, redrawn in place. */
export class LiveView {
  readonly model = new LiveModel();
  private notice = '';
  private frame = 0;
  private timer: NodeJS.Timeout | undefined;

  private constructor(
    private readonly logUpdate: typeof import('log-update').default,
    private readonly footer: string,
  ) {}

  /** Follows a session's events and starts drawing. */
  static async attach(session: SessionEventSource, footer: string): Promise<LiveView> {
    const { default: logUpdate } = await import('log-update');
    const view = new LiveView(logUpdate, footer);
    view.model.follow(session);
    view.resume();
    return view;
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

  private draw(withFooter = true): void {
    const columns = process.stdout.columns || 80;
    const body = renderFrame(this.model, { spinner: SPINNER.charAt(this.frame++ % SPINNER.length), columns });
    const footer = withFooter ? `\n\n${fit(this.footer, columns)}${this.notice ? `\n${fit(printable(this.notice), columns)}` : ''}` : '';
    this.logUpdate(body + footer);
  }
}

/** The view's lines for the model's state: every line fits the width, cut with an ellipsis. */
export function renderFrame(model: LiveModel, style: FrameStyle): string {
  const numberWidth = String(model.highestNumber).length + 2;
  const labelOf = handlerLabels(model.handlers.values());
  const lines = [...model.handlers.values()].flatMap((h) => renderHandler(model, h, labelOf(h), style.spinner, numberWidth));
  return lines.map((line) => fit(line, style.columns)).join('\n');
}

function renderHandler(model: LiveModel, h: LiveHandler, label: string, spinner: string, numberWidth: number): string[] {
  const mark = h.result === 'failed' ? '✖' : h.result === 'declined' ? '–' : h.result ? '●' : spinner;
  const notes = h.logEntries > 0 ? `  (${h.logEntries} log entr${h.logEntries === 1 ? 'y' : 'ies'})` : '';
  const items = [...h.items.values()];
  const width = Math.min(NAME_WIDTH.max, Math.max(NAME_WIDTH.min, ...items.map((i) => printable(i.state.name).length)));
  const itemLines = items.map((item) => {
    const number = (model.skippable(item.number) ? `[${item.number}]` : '').padEnd(numberWidth);
    const name = fit(printable(item.state.name), width).padEnd(width);
    return `  ${number} ${FINAL.get(item.state.status) ?? spinner} ${name} ${itemDetail(item)}`;
  });
  return [`${mark} ${printable(label)}: ${printable(handlerState(h))}${notes}`, ...itemLines];
}

function itemDetail({ state, skipRequested }: LiveItem): string {
  const status = skipRequested ? 'skipping…' : state.status;
  return `${progressOf(state)}${status}${state.text ? `  ${fit(printable(state.text), TEXT_WIDTH)}` : ''}`;
}

function progressOf(item: ItemState): string {
  if (!item.maxValue || item.maxValue <= 0 || FINAL.has(item.status)) return '';
  const fraction = Math.min(1, Math.max(0, (item.progValue ?? 0) / item.maxValue));
  const filled = Math.round(fraction * 20);
  return `[${'#'.repeat(filled)}${'.'.repeat(20 - filled)}] ${String(Math.round(fraction * 100)).padStart(3)}% `;
}
