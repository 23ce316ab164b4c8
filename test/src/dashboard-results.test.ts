// Results: a finished session's actionable log entry has Open (log/showError); the handler answers
// with a retry of item 2, which runs, and the page shows its outcome in the Retry status.
import { PrepareForSync, ShowError } from '@syncmgr/protocol';
import { fixtureItemId, fixtureRecords, registerFixture } from './support/fixtures.js';
import { paramsReceived } from './support/fixture-record.js';
import { dashboardPerTest, SESSION } from './support/dashboard-page.js';
import { button, shown, showTab } from './support/dashboard-locators.js';
import { pollUntil } from './support/poll.js';
import { screenshot } from './support/browser.js';

const dashboard = dashboardPerTest();
const ERROR_ID = '00000000-0000-4000-8000-0000000000e1'; // the entry retries-second-item-on-show-error logs

dashboard.test('Open on an actionable entry runs the retry the handler asks for, and the item succeeds', async () => {
  const clsid = await registerFixture(dashboard.manager(), 'retries-second-item-on-show-error', { items: 3, name: 'retrier' });
  const { page } = await dashboard.open();
  const sessionId = await dashboard.sync(clsid);
  await dashboard.finished(sessionId);
  const results = await showTab(page, 'Results');
  const entry = results.getByRole('table', { name: 'Log', exact: true }).locator(`[data-error-id="${ERROR_ID}"]`);
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
  expect(paramsReceived(records, ShowError.method)).toEqual([{ errorId: ERROR_ID }]);
  expect(paramsReceived(records, PrepareForSync.method).at(-1)).toEqual({ itemIds: [fixtureItemId(2)] });
});
