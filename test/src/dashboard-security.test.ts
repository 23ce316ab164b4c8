// Who gets nothing: a browser without the login token (401, and its WebSocket refused), a forged
// Origin (403), a login URL used a second time; and what a login gives: an HttpOnly, SameSite=Strict
// cookie for this port, an address without the token, and a WebSocket only with the cookie, the
// page's CSRF subprotocol and the page's own Origin.
import { dashboardPerTest } from './support/dashboard-page.js';
import { upgradeStatus } from './support/websocket-upgrade.js';
import { screenshot } from './support/browser.js';
import type { BrowserContext } from 'playwright-core';

const dashboard = dashboardPerTest();
const EVIL = 'http://evil.example';

const sessionCookies = async (context: BrowserContext) => (await context.cookies()).filter((c) => c.name.startsWith('syncmgr_session_'));

// A WebSocket opened by the page itself: 'open', or 'refused' when the upgrade failed.
const PAGE_WEBSOCKET = `(url) => new Promise((resolve) => {
  const ws = new WebSocket(url, ['syncmgr.csrf.guessed']);
  ws.onopen = () => { ws.close(); resolve('open'); };
  ws.onerror = () => resolve('refused');
})`;

dashboard.test('a login gives an HttpOnly SameSite=Strict cookie for the port and drops the token from the address', async () => {
  const { context, page, origin } = await dashboard.open();
  const port = new URL(origin).port;
  expect((await sessionCookies(context)).map(({ name, httpOnly, sameSite }) => ({ name, httpOnly, sameSite }))).toEqual([
    { name: `syncmgr_session_${port}`, httpOnly: true, sameSite: 'Strict' },
  ]);
  expect(page.url()).toBe(`${origin}/`);
  await screenshot(page, 'security-logged-in');
});

dashboard.test('without the token: 401 on the page, and the WebSocket is refused to the page and to Node', async () => {
  const login = await dashboard.login();
  const { page } = await dashboard.browser.newPage();
  const response = await page.goto(new URL(login.url).origin + '/');
  expect(response?.status()).toBe(401);
  await screenshot(page, 'security-no-token');
  expect(await page.evaluate(`(${PAGE_WEBSOCKET})(${JSON.stringify(login.webSocket)})`)).toBe('refused');
  expect(await upgradeStatus(login.webSocket, {}, ['syncmgr.csrf.guessed'])).toBe(401);
});

dashboard.test('a forged Origin gets 403 and no cookie', async () => {
  const login = await dashboard.login();
  const { context, page } = await dashboard.browser.newPage({ extraHTTPHeaders: { Origin: EVIL } });
  const response = await page.goto(login.url);
  expect(response?.status()).toBe(403);
  expect(await sessionCookies(context)).toEqual([]);
  expect(await page.locator('meta[name="syncmgr-csrf"]').count()).toBe(0);
  await screenshot(page, 'security-forged-origin');
});

dashboard.test('a login URL works once', async () => {
  const { login } = await dashboard.open();
  const { context, page } = await dashboard.browser.newPage();
  const response = await page.goto(login.url);
  expect(response?.status()).toBe(401);
  expect(await sessionCookies(context)).toEqual([]);
  await screenshot(page, 'security-login-twice');
});

dashboard.test("the WebSocket takes the cookie only from the page's own Origin, and a wrong CSRF subprotocol not at all", async () => {
  const { context, page, origin, login } = await dashboard.open();
  const [cookie] = await sessionCookies(context);
  const csrf = await page.locator('meta[name="syncmgr-csrf"]').getAttribute('content');
  expect(csrf).toBeTruthy();
  const withCookie = { Cookie: `${cookie!.name}=${cookie!.value}` };
  const subprotocol = [`syncmgr.csrf.${csrf}`];
  expect(await upgradeStatus(login.webSocket, { ...withCookie, Origin: origin }, subprotocol)).toBe(101); // the handshake the page makes
  expect(await upgradeStatus(login.webSocket, { ...withCookie, Origin: EVIL }, subprotocol)).toBe(403);
  expect(await upgradeStatus(login.webSocket, { ...withCookie, Origin: origin }, ['syncmgr.csrf.forged'])).toBeGreaterThanOrEqual(400);
  // Without the subprotocol the connection may only read: dashboard-http.test.ts shows a mutation refused (CsrfRequired).
  expect(await upgradeStatus(login.webSocket, { ...withCookie, Origin: origin })).toBe(101);
  expect(await upgradeStatus(login.webSocket, { Origin: origin }, subprotocol)).toBe(401);
});

dashboard.test('a page of another origin, in the browser that is logged in, cannot open the WebSocket', async () => {
  const { context, login } = await dashboard.open();
  const foreign = await context.newPage();
  await foreign.goto('data:text/html,<p>another origin</p>');
  expect(await foreign.evaluate(`(${PAGE_WEBSOCKET})(${JSON.stringify(login.webSocket)})`)).toBe('refused');
  await screenshot(foreign, 'security-foreign-page');
});
