// Keyboard and assistive technology, a smoke test: the tabs are reached with Tab, the arrow keys move
// between them, and a polite live region announces an item's change of status.
import { registerFixture } from './support/fixtures.js';
import { dashboardPerTest, SESSION } from './support/dashboard-page.js';
import { panel, shown, tab } from './support/dashboard-locators.js';
import { pollUntil } from './support/poll.js';
import { screenshot } from './support/browser.js';

const dashboard = dashboardPerTest();
const MAX_TABS = 50; // Tab presses allowed to reach the tab list: more than the page has controls before it

// The role and accessible name of the focused element, e.g. "tab Now".
const FOCUSED = `(() => { const el = document.activeElement; return el ? (el.getAttribute('role') ?? el.tagName.toLowerCase()) + ' ' + (el.getAttribute('aria-label') ?? el.textContent ?? '').trim() : ''; })()`;

dashboard.test('Tab reaches the tabs and ArrowRight moves to the next one', async () => {
  const { page } = await dashboard.open();
  const seen: string[] = [];
  for (let n = 0; n < MAX_TABS && !seen.at(-1)?.startsWith('tab '); n++) {
    await page.keyboard.press('Tab');
    seen.push(await page.evaluate<string>(FOCUSED));
  }
  expect(seen.map((focused) => focused.slice(0, 60)).at(-1)).toBe('tab Now');
  await page.keyboard.press('ArrowRight');
  expect(await page.evaluate<string>(FOCUSED)).toBe('tab Results');
  expect(await tab(page, 'Results').getAttribute('aria-selected')).toBe('true');
  await shown(panel(page, 'Results'), 'the Results panel after ArrowRight');
  await screenshot(page, 'keyboard-results');
});

dashboard.test('a polite live region announces an item ending', async () => {
  const clsid = await registerFixture(dashboard.manager(), 'well-behaved', { name: 'fine' });
  const { page } = await dashboard.open();
  const live = page.locator('[aria-live="polite"]');
  expect(await live.count()).toBeGreaterThan(0);
  const said = async () => (await live.allTextContents()).join(' ').trim();
  const before = await said();
  const sessionId = await dashboard.sync(clsid);
  await dashboard.finished(sessionId);
  await pollUntil('a live region to announce the session', said, (text) => text !== before, SESSION);
  await screenshot(page, 'keyboard-live-region');
});
