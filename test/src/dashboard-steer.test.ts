// Steering a running session from the page: Skip on the item that works skips it (the handler gets
// SetItemStatus SKIPPED); Stop session and Stop all cancel it, and its items end stopped.
import { SetItemStatus, SyncMgrStatus } from '@syncmgr/protocol';
import { fixtureItemId, fixtureRecords, registerFixture } from './support/fixtures.js';
import { paramsReceived } from './support/fixture-record.js';
import { dashboardPerTest, SESSION } from './support/dashboard-page.js';
import { button, itemOnNow, panel, sessionOnNow, shown } from './support/dashboard-locators.js';
import { waitForItemStatus } from './support/page-probes.js';
import { screenshot } from './support/browser.js';

const dashboard = dashboardPerTest();
const [first, second] = [fixtureItemId(1), fixtureItemId(2)];

// The fixture works on item 1 until the host skips or stops it, so the test acts on it mid-work without a clock.
async function workingOnItemOne() {
  const clsid = await registerFixture(dashboard.manager(), 'works-on-first-item-until-skipped-or-stopped', { name: 'worker' });
  const { page } = await dashboard.open();
  const sessionId = await dashboard.sync(clsid);
  await waitForItemStatus(page, first, 'updating', SESSION);
  return { clsid, page, sessionId };
}

async function finalStatuses(sessionId: string): Promise<Record<string, string>> {
  const report = (await dashboard.manager().results.loadAll()).find((r) => r.sessionId === sessionId);
  return Object.fromEntries(report!.handlers[0]!.items.map((i) => [i.itemId, i.status]));
}

dashboard.test('Skip on the item that works skips it, and the handler is told SKIPPED', async () => {
  const { clsid, page, sessionId } = await workingOnItemOne();
  // While item 1 works the session stays on Now: its region, the handler's group, the item's progressbar.
  const group = sessionOnNow(page, sessionId).getByRole('group', { name: 'worker', exact: true });
  await shown(group, "the handler's group in the session's region");
  expect(await group.getAttribute('data-clsid')).toBe(clsid);
  await shown(group.locator(`[data-item-id="${first}"]`).getByRole('progressbar', { name: 'item 1', exact: true }), "item 1's progressbar, named by it");
  await screenshot(page, 'skip-before');
  await button(itemOnNow(page, first), 'Skip item 1').click();
  await waitForItemStatus(page, first, 'skipped', SESSION);
  await waitForItemStatus(page, second, 'succeeded', SESSION);
  await screenshot(page, 'skip-after');
  await dashboard.finished(sessionId);
  expect(await finalStatuses(sessionId)).toEqual({ [first]: 'skipped', [second]: 'succeeded' });
  expect(paramsReceived(await fixtureRecords(dashboard.manager(), clsid), SetItemStatus.method)).toEqual([
    { itemId: first, syncMgrStatus: SyncMgrStatus.SYNCMGRSTATUS_SKIPPED },
  ]);
});

describe.each([
  ['Stop session', 'the session'],
  ['Stop all', 'the page'],
])('%s', (name, where) => {
  dashboard.test(`in ${where} cancels the running session: its items end stopped`, async () => {
    const { page, sessionId } = await workingOnItemOne();
    const scope = name === 'Stop session' ? sessionOnNow(page, sessionId) : panel(page, 'Now');
    await button(scope, name).click();
    await waitForItemStatus(page, first, 'stopped', SESSION);
    await waitForItemStatus(page, second, 'stopped', SESSION);
    await screenshot(page, `stop-${name.replace(' ', '-').toLowerCase()}`);
    const finished = await dashboard.finished(sessionId);
    expect(finished.body).toMatchObject({ kind: 'sessionFinished', session: { succeeded: false } });
    expect(await finalStatuses(sessionId)).toEqual({ [first]: 'stopped', [second]: 'stopped' });
  });
});
