// The page's parts, by the roles and accessible names of host/dashboard/README.md.
import type { Locator, Page } from 'playwright-core';
import { SHOWN } from './dashboard-page.js';

export type TabName = 'Now' | 'Results' | 'History' | 'Handlers' | 'Schedules';

export const tab = (page: Page, name: TabName) => page.getByRole('tab', { name, exact: true });
export const panel = (page: Page, name: TabName) => page.getByRole('tabpanel', { name, exact: true });
export const button = (scope: Page | Locator, name: string) => scope.getByRole('button', { name, exact: true });

/** Clicks the tab and waits for its panel. */
export async function showTab(page: Page, name: TabName): Promise<Locator> {
  await tab(page, name).click();
  await panel(page, name).waitFor({ state: 'visible', timeout: SHOWN });
  return panel(page, name);
}

/** A session's region on Now. */
export const sessionOnNow = (page: Page, sessionId: string) => panel(page, 'Now').locator(`[data-session-id="${sessionId}"]`);

/** An item's list item on Now (data-status is its ItemStatus). */
export const itemOnNow = (page: Page, itemId: string) => panel(page, 'Now').locator(`[data-item-id="${itemId}"]`);

/** A session's row in History's Sessions table. */
export const historyRow = (page: Page, sessionId: string) =>
  page.getByRole('table', { name: 'Sessions', exact: true }).locator(`[data-session-id="${sessionId}"]`);

/** A cell whose whole text is `text`, e.g. a Result of `succeeded`. */
export const cell = (row: Locator, text: string) => row.getByRole('cell', { name: text, exact: true });

/** Waits for the locator to be visible; the error names what was awaited. */
export async function shown(locator: Locator, what: string, timeout = SHOWN): Promise<Locator> {
  try {
    await locator.first().waitFor({ state: 'visible', timeout });
  } catch (error) {
    throw new Error(`${what} was not shown within ${timeout} ms (${locator.toString()})`, { cause: error });
  }
  return locator;
}

/** Waits for the locator to match nothing visible. */
export async function gone(locator: Locator, what: string, timeout = SHOWN): Promise<void> {
  try {
    await locator.first().waitFor({ state: 'hidden', timeout });
  } catch (error) {
    throw new Error(`${what} was still shown after ${timeout} ms (${locator.toString()})`, { cause: error });
  }
}
