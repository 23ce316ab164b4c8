// Schedules: Add shows the new schedule with its next run as the daemon keeps it; Remove removes it;
// an expression the daemon refuses shows in the alert and adds nothing.
import { ListSchedules } from '@syncmgr/protocol';
import type { Page } from 'playwright-core';
import { dashboardPerTest } from './support/dashboard-page.js';
import { button, gone, shown, showTab } from './support/dashboard-locators.js';
import { screenshot } from './support/browser.js';

const dashboard = dashboardPerTest();

const schedulesTable = (page: Page) => page.getByRole('table', { name: 'Schedules', exact: true });
const scheduleRows = (page: Page) => schedulesTable(page).locator('tr[data-schedule-id]');

async function listed() {
  const { connection } = await dashboard.client();
  return (await connection.sendRequest(ListSchedules.type, {})).schedules;
}

dashboard.test('Add schedule shows the schedule with its next run; Remove removes it', async () => {
  const { page } = await dashboard.open();
  const schedules = await showTab(page, 'Schedules');
  await schedules.getByRole('textbox', { name: 'Cron', exact: true }).fill('0 3 * * *');
  await schedules.getByRole('textbox', { name: 'Time zone', exact: true }).fill('Europe/Berlin');
  await button(schedules, 'Add schedule').click();
  await shown(scheduleRows(page), 'the added schedule');

  const [schedule, ...others] = await listed();
  expect(others).toEqual([]);
  expect(schedule).toMatchObject({ cron: '0 3 * * *', timeZone: 'Europe/Berlin' });
  expect(schedule!.nextRun).toBeTruthy();
  const row = schedulesTable(page).locator(`tr[data-schedule-id="${schedule!.scheduleId}"]`);
  expect(await scheduleRows(page).count()).toBe(1);
  const cells = row.getByRole('cell');
  expect(await cells.nth(0).textContent()).toBe('0 3 * * *');
  expect(await cells.nth(1).textContent()).toBe('Europe/Berlin');
  // The next run, as the daemon computed it: 03:00 in Berlin is 01:00 or 02:00 UTC.
  const next = await cells.nth(3).locator('time').getAttribute('datetime');
  expect(next).toBe(schedule!.nextRun);
  expect(new Date(next!).getUTCMinutes()).toBe(0);
  expect([1, 2]).toContain(new Date(next!).getUTCHours());
  // Shown in the schedule's time zone, not the browser's (UTC here): as the page's own locale writes it.
  const inBerlin = await page.evaluate((iso) => new Date(iso).toLocaleString(undefined, { timeZone: 'Europe/Berlin', timeZoneName: 'short' }), next!);
  expect(await cells.nth(3).textContent()).toBe(inBerlin);
  await screenshot(page, 'schedules-added');

  await button(row, 'Remove').click();
  await gone(row, 'the removed schedule');
  expect(await listed()).toEqual([]);
  await screenshot(page, 'schedules-removed');
});

dashboard.test('a cron expression the daemon refuses shows in the alert and adds nothing', async () => {
  const { page } = await dashboard.open();
  const schedules = await showTab(page, 'Schedules');
  await schedules.getByRole('textbox', { name: 'Cron', exact: true }).fill('not a cron');
  await button(schedules, 'Add schedule').click();
  const alert = page.getByRole('alert');
  // The alert names the refused method.
  await shown(alert.locator('.alert', { hasText: 'schedules/add' }), 'the refusal of schedules/add in the alert');
  await screenshot(page, 'schedules-refused');
  expect(await listed()).toEqual([]);
  expect(await scheduleRows(page).count()).toBe(0);
});

dashboard.test('a time zone the daemon refuses shows in the alert and adds nothing', async () => {
  const { page } = await dashboard.open();
  const schedules = await showTab(page, 'Schedules');
  await schedules.getByRole('textbox', { name: 'Cron', exact: true }).fill('0 3 * * *');
  await schedules.getByRole('textbox', { name: 'Time zone', exact: true }).fill('Mars/Olympus_Mons');
  await button(schedules, 'Add schedule').click();
  await shown(page.getByRole('alert').locator('.alert', { hasText: 'schedules/add' }), 'the refusal of schedules/add in the alert');
  expect(await listed()).toEqual([]);
  expect(await scheduleRows(page).count()).toBe(0);
});
