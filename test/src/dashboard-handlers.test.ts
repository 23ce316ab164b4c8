// Handlers: the registry as the daemon lists it; Doctor for all or one marks each row with its
// result; Choices stores what the dialog unchecks; Properties shows the handler's prompt and gives
// the handler what was typed.
import { randomUUID } from 'node:crypto';
import type { Locator, Page } from 'playwright-core';
import { ChooseItems, DoctorHandlers, HResult, Prompt } from '@syncmgr/protocol';
import { fixtureCommand, fixtureItemId, fixtureRecords, registerFixture } from './support/fixtures.js';
import { answersTo } from './support/fixture-record.js';
import { dashboardPerTest, SHOWN } from './support/dashboard-page.js';
import { button, gone, shown, showTab } from './support/dashboard-locators.js';
import { screenshot } from './support/browser.js';

const dashboard = dashboardPerTest();

// registerFixture's start timeout (5 s), then the frame that shows the result.
const STARTED = 5_000 + SHOWN;

/** Waits until the locator's attribute reads `value`; the error says what it read instead. */
async function attribute(locator: Locator, name: string, value: string, timeout: number): Promise<void> {
  try {
    await locator.and(locator.page().locator(`[${name}="${value}"]`)).waitFor({ timeout });
  } catch (error) {
    const read = await locator.getAttribute(name).catch(() => '(no element)');
    throw new Error(`${locator.toString()} did not read ${name}="${value}" within ${timeout} ms; it reads ${JSON.stringify(read)}`, { cause: error });
  }
}

const row = (page: Page, clsid: string) => page.getByRole('table', { name: 'Handlers', exact: true }).locator(`tr[data-clsid="${clsid}"]`);

dashboard.test('lists a handler with its command and events; Doctor all and Doctor {name} mark each row', async () => {
  const manager = dashboard.manager();
  const good = randomUUID();
  const command = fixtureCommand('well-behaved', { name: 'good' });
  await manager.registry.register({ clsid: good, name: 'good', command, events: ['connect', 'idle'], hangTimeoutSeconds: 1, startTimeoutSeconds: 5 });
  const broken = randomUUID();
  const missing = `/nonexistent/${randomUUID()}/handler`;
  await manager.registry.register({ clsid: broken, name: 'broken', command: [missing], events: [], hangTimeoutSeconds: 1, startTimeoutSeconds: 5 });
  const { page } = await dashboard.open();

  const handlers = await showTab(page, 'Handlers');
  const goodRow = row(page, good);
  await shown(goodRow, 'the row of the registered handler');
  const cells = goodRow.getByRole('cell');
  expect(await cells.nth(0).textContent()).toBe('good');
  expect(await cells.nth(1).textContent()).toBe(good);
  expect(await cells.nth(2).textContent()).toBe(command.join(' '));
  expect(await cells.nth(3).textContent()).toBe('connect, idle');
  await shown(row(page, broken), 'the row of the broken handler');

  await button(handlers, 'Doctor all').click();
  await attribute(goodRow, 'data-doctor', 'succeeded', STARTED);
  await attribute(row(page, broken), 'data-doctor', 'failed', STARTED);
  await screenshot(page, 'handlers-doctor-all');
  expect(await goodRow.locator('.status-cell').textContent()).toContain('ok');
  // The broken row shows the reason the daemon gives for it.
  const { connection } = await dashboard.client();
  const [report] = (await connection.sendRequest(DoctorHandlers.type, { clsid: broken })).handlers;
  expect(report).toMatchObject({ clsid: broken, result: 'failed' });
  const reason = report!.fault?.reason ?? report!.reason;
  expect(reason).toBeTruthy();
  expect(await row(page, broken).locator('.status-cell').textContent()).toContain(reason);

  // Doctor {name}: only that row is checked again.
  await page.reload();
  await showTab(page, 'Handlers');
  await shown(row(page, broken), 'the broken row after a reload');
  await button(row(page, broken), 'Doctor broken').click();
  await attribute(row(page, broken), 'data-doctor', 'failed', STARTED);
  expect(await goodRow.getAttribute('data-doctor')).toBeNull();
  await screenshot(page, 'handlers-doctor-one');
});

dashboard.test('Choices {name}: unchecking an item and saving stores it for that event', async () => {
  const clsid = await registerFixture(dashboard.manager(), 'well-behaved', { name: 'chooser' });
  const { page } = await dashboard.open();
  await showTab(page, 'Handlers');
  await button(row(page, clsid), 'Choices chooser').click();
  const dialog = page.getByRole('dialog', { name: 'Choices for chooser', exact: true });
  await shown(dialog, 'the dialog "Choices for chooser"');
  expect(await dialog.getAttribute('aria-modal')).toBe('true');
  const form = dialog.locator('form');
  // The handler is started to list its items.
  await attribute(form, 'data-state', 'ready', STARTED);
  await dialog.getByRole('combobox', { name: 'Event', exact: true }).selectOption('idle');
  await attribute(form, 'data-state', 'ready', STARTED);
  const first = dialog.getByRole('checkbox', { name: 'item 1', exact: true });
  const second = dialog.getByRole('checkbox', { name: 'item 2', exact: true });
  expect(await first.isChecked()).toBe(true);
  expect(await second.isChecked()).toBe(true);
  expect(await button(dialog, 'Save').isEnabled()).toBe(true);
  await second.uncheck();
  await screenshot(page, 'choices');
  await button(dialog, 'Save').click();
  await attribute(form, 'data-state', 'saved', STARTED);
  expect(await second.isChecked()).toBe(false);

  const { connection } = await dashboard.client();
  const stored = await connection.sendRequest(ChooseItems.type, { event: 'idle', clsid });
  expect(stored.items.map(({ itemId, checked }) => ({ itemId, checked }))).toEqual([
    { itemId: fixtureItemId(1), checked: true },
    { itemId: fixtureItemId(2), checked: false },
  ]);
  // Another event keeps its own choices.
  const manual = await connection.sendRequest(ChooseItems.type, { event: 'manual', clsid });
  expect(manual.items.every((item) => item.checked)).toBe(true);
  await button(dialog, 'Close').click();
  await gone(dialog, 'the closed Choices dialog');
});

dashboard.test("Properties {name}: the handler's prompt shows, and the handler gets what was typed", async () => {
  const clsid = await registerFixture(dashboard.manager(), 'prompts-in-properties', { name: 'propped' });
  const { page } = await dashboard.open();
  await showTab(page, 'Handlers');
  await button(row(page, clsid), 'Properties propped').click();
  const dialog = page.getByRole('dialog', { name: 'propped properties', exact: true });
  await shown(dialog, 'the dialog of the prompt "propped properties"', STARTED);
  // The daemon asks it in a properties session of its own, not a sync session.
  const asked = await dashboard.event('the prompt of ShowProperties', (e) => e.body.kind === 'prompt', SHOWN);
  expect(asked.sessionId).toMatch(/^properties-[0-9a-f-]{36}$/);
  expect(await dialog.getAttribute('aria-modal')).toBe('true');
  await dialog.getByLabel('Folder', { exact: true }).fill('/srv/sync');
  await screenshot(page, 'properties-prompt');
  await button(dialog, 'OK').click();
  await gone(dialog, 'the answered dialog');
  await attribute(row(page, clsid), 'data-properties', 'succeeded', SHOWN);
  expect(answersTo(await fixtureRecords(dashboard.manager(), clsid), Prompt.method)).toEqual([{ hr: HResult.S_OK, answers: { folder: '/srv/sync' } }]);
});

dashboard.test("Choices {name} shows the handler's own default (an item it lists unchecked) and Escape closes it", async () => {
  const clsid = await registerFixture(dashboard.manager(), 'lists-second-item-unchecked', { name: 'picky' });
  const { page } = await dashboard.open();
  await showTab(page, 'Handlers');
  await button(row(page, clsid), 'Choices picky').click();
  const dialog = page.getByRole('dialog', { name: 'Choices for picky', exact: true });
  await attribute(dialog.locator('form'), 'data-state', 'ready', STARTED);
  expect(await dialog.getByRole('checkbox', { name: 'item 1', exact: true }).isChecked()).toBe(true);
  expect(await dialog.getByRole('checkbox', { name: 'item 2', exact: true }).isChecked()).toBe(false);
  await screenshot(page, 'choices-default-unchecked');
  await dialog.getByRole('combobox', { name: 'Event', exact: true }).press('Escape');
  await gone(dialog, 'the Choices dialog after Escape');
});

dashboard.test('Choices and Properties of a handler that cannot start say it failed', async () => {
  const clsid = randomUUID();
  await dashboard.manager().registry.register({
    clsid,
    name: 'absent',
    command: [`/nonexistent/${randomUUID()}/handler`],
    events: [],
    hangTimeoutSeconds: 1,
    startTimeoutSeconds: 5,
  });
  const { page } = await dashboard.open();
  await showTab(page, 'Handlers');
  await button(row(page, clsid), 'Choices absent').click();
  const dialog = page.getByRole('dialog', { name: 'Choices for absent', exact: true });
  await attribute(dialog.locator('form'), 'data-state', 'failed', STARTED);
  expect(await dialog.getByRole('checkbox').count()).toBe(0);
  expect(await button(dialog, 'Save').isDisabled()).toBe(true);
  await screenshot(page, 'choices-failed');
  await button(dialog, 'Close').click();
  await gone(dialog, 'the closed Choices dialog');
  await button(row(page, clsid), 'Properties absent').click();
  await attribute(row(page, clsid), 'data-properties', 'failed', STARTED);
});
