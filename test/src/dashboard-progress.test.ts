// The page's own Sync all starts a session, and the page follows it to its end: each item's status
// and progressbar, then the session in History.
import { fixtureItemId, registerFixture } from './support/fixtures.js';
import { dashboardPerTest, SESSION } from './support/dashboard-page.js';
import { button, cell, historyRow, shown, showTab } from './support/dashboard-locators.js';
import { waitForFullProgress, waitForItemStatus } from './support/page-probes.js';
import { screenshot } from './support/browser.js';

const dashboard = dashboardPerTest();

dashboard.test('shows a session started with Sync all progressing to its end, then in History as succeeded', async () => {
  await registerFixture(dashboard.manager(), 'counts-progress-to-its-max', { items: 2, ticks: 4, name: 'counter' });
  const { page } = await dashboard.open();
  await button(page, 'Sync all').click();
  const started = await dashboard.event('a session starting', (e) => e.body.kind === 'sessionStarted');
  const items = [fixtureItemId(1), fixtureItemId(2)];
  for (const itemId of items) {
    await waitForItemStatus(page, itemId, 'updating', SESSION);
    await waitForFullProgress(page, itemId, SESSION);
    await waitForItemStatus(page, itemId, 'succeeded', SESSION);
  }
  await screenshot(page, 'progress-now');
  await dashboard.finished(started.sessionId!);
  await showTab(page, 'History');
  await shown(cell(historyRow(page, started.sessionId!), 'succeeded'), 'the session in History with the result succeeded');
  await screenshot(page, 'progress-history');
});
