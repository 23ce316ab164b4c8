// Results: a finished session's actionable log entry has Open (log/showError); the handler answers
// with a retry of item 2, which runs, and the page shows its outcome in the Retry status.
import { GetSessionReport, PrepareForSync, ShowError } from '@syncmgr/protocol';
import { fixtureItemId, fixtureRecords, registerFixture } from './support/fixtures.js';
import { paramsReceived } from './support/fixture-record.js';
import { dashboardPerTest, SESSION } from './support/dashboard-page.js';
import { button, shown, showTab } from './support/dashboard-locators.js';
import { pollUntil } from './support/poll.js';
import { screenshot } from './support/browser.js';

const dashboard = dashboardPerTest();

dashboard.test('Open on an actionable entry runs the retry the handler asks for, and the item succeeds', async () => {
  const clsid = await registerFixture(dashboard.manager(), 'retries-second-item-on-show-error', { items: 3, name: 'retrier' });
  const { page } = await dashboard.open();
  const sessionId = await dashboard.sync(clsid);
  await dashboard.finished(sessionId);
  // The actionable entry's ID, as the daemon reports it (what the page's row carries as data-error-id).
  const { connection } = await dashboard.client();
  const { report } = await connection.sendRequest(GetSessionReport.type, { sessionId });
  const errorId = report?.handlers[0]?.log.find((e) => e.actionable)?.errorId;
  expect(errorId).toBeDefined();
  const results = await showTab(page, 'Results');
  const entry = results.getByRole('table', { name: 'Log', exact: true }).locator(`[data-error-id="${errorId}"]`);
  await shown(button(entry, 'Open'), 'the actionable entry with Open');
  await screenshot(page, 'results-actionable');
  await button(entry, 'Open').click();
  const retry = page.getByRole('status', { name: 'Retry', exact: true });
  await shown(retry, 'the Retry status');
  // The retry's outcome: item 2's status, by its ItemStatus name.
  await pollUntil(
    'the Retry status to say succeeded',
    async () => (await retry.textContent()) ?? '',
    (text) => /\bsucceeded\b/.test(text),
    SESSION,
  );
  await screenshot(page, 'results-retried');
  const records = await fixtureRecords(dashboard.manager(), clsid);
  expect(paramsReceived(records, ShowError.method)).toEqual([{ errorId }]);
  expect(paramsReceived(records, PrepareForSync.method).at(-1)).toEqual({ itemIds: [fixtureItemId(2)] });
});
