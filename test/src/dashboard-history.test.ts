// History: a row per session with its result, filters by Result and Handler, and Report shows the
// session's report, with a crashed handler's fault.
import { registerFixture } from './support/fixtures.js';
import { dashboardPerTest } from './support/dashboard-page.js';
import { button, cell, gone, historyRow, shown, showTab } from './support/dashboard-locators.js';
import { screenshot } from './support/browser.js';

const dashboard = dashboardPerTest();

dashboard.test('filters sessions by Result and Handler, and reports the fault of a crashed handler', async () => {
  const fine = await registerFixture(dashboard.manager(), 'well-behaved', { name: 'fine' });
  const crasher = await registerFixture(dashboard.manager(), 'segfaults', { in: 'synchronize', name: 'crasher' });
  const { page } = await dashboard.open();
  const succeeded = await dashboard.sync(fine);
  await dashboard.finished(succeeded);
  const failed = await dashboard.sync(crasher);
  await dashboard.finished(failed);

  const history = await showTab(page, 'History');
  await shown(cell(historyRow(page, succeeded), 'succeeded'), 'the well-behaved session as succeeded');
  await shown(cell(historyRow(page, failed), 'failed'), 'the crashed session as failed');
  await screenshot(page, 'history');

  const result = history.getByRole('combobox', { name: 'Result', exact: true });
  const handler = history.getByRole('combobox', { name: 'Handler', exact: true });
  await result.selectOption('failed');
  await gone(historyRow(page, succeeded), 'the succeeded session under Result = failed');
  await shown(historyRow(page, failed), 'the failed session under Result = failed');
  await result.selectOption({ index: 0 }); // the first option: every result
  await handler.selectOption('fine');
  await gone(historyRow(page, failed), "crasher's session under Handler = fine");
  await shown(historyRow(page, succeeded), "fine's session under Handler = fine");
  await handler.selectOption({ index: 0 });
  await shown(historyRow(page, failed), 'the failed session with no filter');

  await button(historyRow(page, failed), 'Report').click();
  const report = page.getByRole('region', { name: 'Session report', exact: true });
  await shown(report, 'the Session report');
  await shown(report.getByText('crasher', { exact: true }), 'the crashed handler in the report');
  // The fault, by its code: the signal that ended the handler.
  await shown(report.getByText(/\bSIGSEGV\b/), 'the signal SIGSEGV in the report');
  await screenshot(page, 'history-report');
});
