// What the tests watch inside the page, written as page-side source (test/ compiles without the DOM
// library). The item recorder sees every status an item showed, so a test need not race the frame in
// which a finished session's last update and its end are drawn together.
import type { BrowserContext, Page } from 'playwright-core';

/** What an item showed at one moment: its data-status and its progressbar's value and max (null when absent). */
export interface ItemSnapshot {
  status: string | null;
  value: number | null;
  max: number | null;
}

// Runs before the page's own scripts in every document of the context.
const ITEM_RECORDER = `(() => {
  const seen = (window.__syncmgrItems = {});
  const number = (text) => (text === null || text === '' ? null : Number(text));
  const snap = (el) => {
    const id = el.getAttribute('data-item-id');
    if (!id) return;
    const bar = el.querySelector('progress, [role=progressbar]');
    const s = {
      status: el.getAttribute('data-status'),
      value: bar ? number(bar.getAttribute('value') ?? bar.getAttribute('aria-valuenow')) : null,
      max: bar ? number(bar.getAttribute('max') ?? bar.getAttribute('aria-valuemax')) : null,
    };
    const list = (seen[id] ??= []);
    const last = list[list.length - 1];
    if (!last || last.status !== s.status || last.value !== s.value || last.max !== s.max) list.push(s);
    if (list.length > 10000) list.splice(1, list.length - 5000); // a flood: keep the first and the latest
  };
  const scan = (node) => {
    if (!node || node.nodeType !== 1) return;
    const item = node.closest('[data-item-id]');
    if (item) snap(item);
    node.querySelectorAll('[data-item-id]').forEach(snap);
  };
  new MutationObserver((records) => {
    for (const r of records) {
      scan(r.target);
      r.addedNodes.forEach(scan);
    }
  }).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-status', 'value', 'max', 'aria-valuenow', 'aria-valuemax'] });
})();`;

// A predicate is passed as a function, not a string: the page's CSP (no 'unsafe-eval') refuses a
// string, which Playwright would evaluate in the page. The function runs there, self-contained.
type RecordedPage = { __syncmgrItems?: Record<string, ItemSnapshot[]> };

export async function recordItems(context: BrowserContext): Promise<void> {
  await context.addInitScript({ content: ITEM_RECORDER });
}

/** Everything the item showed so far, oldest first. */
export function itemHistory(page: Page, itemId: string): Promise<ItemSnapshot[]> {
  return page.evaluate(`window.__syncmgrItems?.[${JSON.stringify(itemId)}] ?? []`);
}

const trail = (snapshots: ItemSnapshot[]) =>
  snapshots.length === 0 ? '(the item never appeared)' : snapshots.map((s) => `${s.status}${s.max === null ? '' : ` ${s.value}/${s.max}`}`).join(' → ');

/** Waits until the item has shown data-status=status (now or before); the error lists what it showed. */
export async function waitForItemStatus(page: Page, itemId: string, status: string, timeout: number): Promise<void> {
  try {
    await page.waitForFunction(
      ([id, wanted]) => ((globalThis as RecordedPage).__syncmgrItems?.[id] ?? []).some((s) => s.status === wanted),
      [itemId, status] as const,
      { timeout },
    );
  } catch (error) {
    throw new Error(`item ${itemId} did not show data-status="${status}" within ${timeout} ms; it showed: ${trail(await itemHistory(page, itemId))}`, {
      cause: error,
    });
  }
}

/** Waits until the item's progressbar has shown value = max (max known and > 0). */
export async function waitForFullProgress(page: Page, itemId: string, timeout: number): Promise<void> {
  try {
    await page.waitForFunction(
      (id) => ((globalThis as RecordedPage).__syncmgrItems?.[id] ?? []).some((s) => s.max !== null && s.max > 0 && s.value === s.max),
      itemId,
      { timeout },
    );
  } catch (error) {
    throw new Error(`item ${itemId}'s progressbar did not reach its max within ${timeout} ms; it showed: ${trail(await itemHistory(page, itemId))}`, {
      cause: error,
    });
  }
}

/** window.syncmgrDashboard: the page's own count of what it received and how often it drew. */
export interface DashboardCounters {
  eventsReceived: number;
  framesApplied: number;
  lastSeq: number;
}

export async function dashboardCounters(page: Page): Promise<DashboardCounters> {
  const counters = await page.evaluate<DashboardCounters | null>('window.syncmgrDashboard ? { ...window.syncmgrDashboard } : null');
  if (!counters) throw new Error('the page keeps no window.syncmgrDashboard ({ eventsReceived, framesApplied, lastSeq })');
  return counters;
}

/** Starts counting animation frames in the page; stopFrameClock returns their timestamps (ms). */
export function startFrameClock(page: Page): Promise<void> {
  return page.evaluate(`(() => {
    const clock = (window.__syncmgrFrames = { times: [], running: true });
    const tick = (t) => { clock.times.push(t); if (clock.running) requestAnimationFrame(tick); };
    requestAnimationFrame(tick);
  })()`);
}

export function stopFrameClock(page: Page): Promise<number[]> {
  return page.evaluate('(() => { const clock = window.__syncmgrFrames; clock.running = false; return clock.times; })()');
}

/** Frame times from rAF timestamps: count, p50, p95, max (ms). */
export function frameStats(times: readonly number[]): { frames: number; p50: number; p95: number; max: number } {
  const gaps = times.slice(1).map((t, i) => t - times[i]!);
  const sorted = [...gaps].sort((a, b) => a - b);
  const at = (q: number) => (sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!);
  const round = (ms: number) => Math.round(ms * 10) / 10;
  return { frames: times.length, p50: round(at(0.5)), p95: round(at(0.95)), max: round(sorted[sorted.length - 1] ?? 0) };
}
