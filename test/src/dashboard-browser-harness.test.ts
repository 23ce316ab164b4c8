// The browser harness itself, without the daemon: the chromium it finds launches headless, takes
// screenshots, draws animation frames (the flood test counts them), sends a forged Origin when told
// (the security test relies on it), and the item recorder sees a status drawn just before its item goes.
import { readFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { browserPerFile, screenshot } from './support/browser.js';
import { itemHistory, recordItems, startFrameClock, stopFrameClock } from './support/page-probes.js';

const browser = browserPerFile();

// A loopback server that serves `page` and remembers the Origin header of each request.
let server: http.Server;
let origins: (string | undefined)[] = [];
let page = '';
beforeAll(async () => {
  server = http.createServer((request, response) => {
    origins.push(request.headers.origin);
    response.writeHead(200, { 'content-type': 'text/html' }).end(page);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
beforeEach(() => {
  origins = [];
});
const url = () => `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;

browser.test('launches the chromium it finds and saves a screenshot', async () => {
  const { page: tab } = await browser.newPage();
  await tab.goto('data:text/html,<h1>harness</h1>');
  const file = await screenshot(tab, 'harness');
  expect((await readFile(file)).subarray(1, 4).toString('latin1')).toBe('PNG');
});

browser.test('draws animation frames headless, which the frame clock counts', async () => {
  const { page: tab } = await browser.newPage();
  await tab.goto('data:text/html,<p>frames</p>');
  await startFrameClock(tab);
  await tab.waitForFunction('window.__syncmgrFrames.times.length >= 10', undefined, { timeout: 30_000 });
  const times = await stopFrameClock(tab);
  expect(times.length).toBeGreaterThanOrEqual(10);
  expect([...times].sort((a, b) => a - b)).toEqual(times);
});

browser.test('sends the Origin header a context is given', async () => {
  page = '<p>origin</p>';
  const { page: tab } = await browser.newPage({ extraHTTPHeaders: { Origin: 'http://evil.example' } });
  await tab.goto(url());
  expect(origins).toContain('http://evil.example');
});

browser.test('records the status an item showed last before it was removed', async () => {
  page = `<ul id="items"></ul><script>
    const li = document.createElement('li');
    li.dataset.itemId = 'x';
    li.dataset.status = 'pending';
    document.getElementById('items').append(li);
    setTimeout(() => { li.dataset.status = 'succeeded'; li.remove(); document.title = 'done'; }, 50);
  </script>`;
  const { context, page: tab } = await browser.newPage();
  await recordItems(context);
  await tab.goto(url());
  await tab.waitForFunction("document.title === 'done'");
  await tab.evaluate('new Promise((resolve) => setTimeout(resolve))'); // the observer's records of that task are delivered
  expect((await itemHistory(tab, 'x')).map((s) => s.status)).toEqual(['pending', 'succeeded']);
});
