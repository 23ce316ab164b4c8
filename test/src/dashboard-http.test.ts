// The dashboard a real daemon serves once dashboard/open made it listen: login, cookie, CSRF, and who is refused.
import { DaemonStatus, OpenDashboard, ResetHandler, SyncMgrErrorCodes } from '@syncmgr/protocol';
import type { MessageConnection } from 'vscode-jsonrpc/node';
import { cookiePair, csrfOfPage, ensureDashboardBuild, httpRequest, logIn, rpc, upgrade } from './support/dashboard-client.js';
import { connectClient, startDaemon, stopDaemon, type DaemonProcess } from './support/daemon-process.js';
import { tempDir } from './support/temp-dir.js';

let home: { dir: string; remove: () => Promise<void> };
let daemon: DaemonProcess;
let connection: MessageConnection;
let origin: string; // http://127.0.0.1:PORT
let webSocket: string;

beforeAll(async () => {
  await ensureDashboardBuild();
  home = await tempDir();
  daemon = await startDaemon(home.dir);
  ({ connection } = await connectClient(daemon.socket));
});

afterAll(async () => {
  connection.dispose();
  await stopDaemon(daemon);
  await home.remove();
});

const loginUrl = async () => (await connection.sendRequest(OpenDashboard.type, {})).url;
const port = () => new URL(origin).port;

describe('dashboard/open', () => {
  it('makes a daemon started without --listen listen on 127.0.0.1, and daemon/status then shows it', async () => {
    expect((await connection.sendRequest(DaemonStatus.type, {})).webSocket).toBeUndefined();
    const opened = await connection.sendRequest(OpenDashboard.type, {});
    const url = new URL(opened.url);
    origin = url.origin;
    webSocket = opened.webSocket;
    expect(url.hostname).toBe('127.0.0.1');
    expect(url.pathname).toBe('/');
    expect(Buffer.from(url.searchParams.get('login') ?? '', 'base64url')).toHaveLength(32);
    expect((await connection.sendRequest(DaemonStatus.type, {})).webSocket).toBe(opened.webSocket);
    expect(new URL(opened.webSocket).port).toBe(url.port);
  });

  it('listens once: a second call keeps the port and mints another token', async () => {
    const [a, b] = [new URL(await loginUrl()), new URL(await loginUrl())];
    expect(a.port).toBe(port());
    expect(b.port).toBe(port());
    expect(a.searchParams.get('login')).not.toBe(b.searchParams.get('login'));
  });
});

describe('the login', () => {
  it('trades a login token for an HttpOnly, SameSite=Strict session cookie named after the port (303 to /)', async () => {
    const answer = await httpRequest(await loginUrl());
    expect(answer.status).toBe(303);
    expect(answer.headers.location).toBe('/');
    const setCookie = answer.headers['set-cookie']?.[0] ?? '';
    const attributes = setCookie.split(';').map((a) => a.trim());
    expect(attributes[0]).toMatch(new RegExp(`^syncmgr_session_${port()}=[A-Za-z0-9_-]{43}$`));
    expect(attributes.slice(1).sort()).toEqual(['HttpOnly', 'Path=/', 'SameSite=Strict']);
  });

  it('refuses a login token the second time, and one never minted (401)', async () => {
    const url = await loginUrl();
    expect((await httpRequest(url, {}, 'HEAD')).status).toBe(204); // looking does not spend it
    expect((await httpRequest(url)).status).toBe(303);
    const again = await httpRequest(url);
    expect(again.status).toBe(401);
    expect(again.headers['set-cookie']).toBeUndefined();
    expect((await httpRequest(`${origin}/?login=${'A'.repeat(43)}`)).status).toBe(401);
  });

  it('serves the page with its session’s CSRF token to the cookie, no-store', async () => {
    const login = await httpRequest(await loginUrl());
    const page = await httpRequest(`${origin}/`, { Cookie: cookiePair(login.headers['set-cookie']) });
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.headers['cache-control']).toBe('no-store');
    const csrf = csrfOfPage(page.body);
    expect(Buffer.from(csrf ?? '', 'base64url')).toHaveLength(32);
    expect(page.body).not.toContain('{{csrf}}');
  });
});

describe('what is refused', () => {
  it('answers / without a cookie, or with a cookie of no session, 401 with no data', async () => {
    expect((await httpRequest(`${origin}/`)).status).toBe(401);
    const forged = await httpRequest(`${origin}/`, { Cookie: `syncmgr_session_${port()}=${'A'.repeat(43)}` });
    expect(forged.status).toBe(401);
    expect(csrfOfPage(forged.body)).toBeUndefined();
  });

  it('refuses a foreign Origin (403) on a page and on an upgrade, even with the cookie', async () => {
    const { cookie } = await logIn(await loginUrl());
    expect((await httpRequest(`${origin}/`, { Cookie: cookie, Origin: 'http://evil.example' })).status).toBe(403);
    expect((await upgrade(webSocket, { Cookie: cookie, Origin: 'http://evil.example' })).status).toBe(403);
  });

  it('refuses a foreign Host (403: DNS rebinding) on every route', async () => {
    const { cookie } = await logIn(await loginUrl());
    for (const route of ['/', '/app.js', `/?login=${'A'.repeat(43)}`, '/nothing']) {
      expect((await httpRequest(`${origin}${route}`, { Cookie: cookie, Host: `evil.example:${port()}` })).status).toBe(403);
    }
  });

  it('allows GET and HEAD only (405)', async () => {
    const { cookie } = await logIn(await loginUrl());
    expect((await httpRequest(`${origin}/`, { Cookie: cookie }, 'POST')).status).toBe(405);
    expect((await httpRequest(`${origin}/`, { Cookie: cookie }, 'PUT')).status).toBe(405);
    expect((await httpRequest(`${origin}/`, { Cookie: cookie }, 'HEAD')).status).toBe(200);
  });

  it('refuses an upgrade with neither token nor cookie (401), and a cookie with a wrong CSRF token (403)', async () => {
    const { cookie } = await logIn(await loginUrl());
    expect((await upgrade(webSocket, {})).status).toBe(401);
    expect((await upgrade(webSocket, { Cookie: cookie }, [`syncmgr.csrf.${'A'.repeat(43)}`])).status).toBe(403);
  });
});

describe('the security headers', () => {
  it('are on every answer: CSP, nosniff, no-referrer, DENY', async () => {
    const { cookie } = await logIn(await loginUrl());
    const answers = [
      await httpRequest(`${origin}/`, { Cookie: cookie }),
      await httpRequest(`${origin}/`),
      await httpRequest(`${origin}/app.js`),
      await httpRequest(`${origin}/nothing`),
      await httpRequest(`${origin}/`, {}, 'POST'),
      await httpRequest(await loginUrl()),
    ];
    for (const answer of answers) {
      expect(answer.headers['content-security-policy']).toBe(
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
      );
      expect(answer.headers['x-content-type-options']).toBe('nosniff');
      expect(answer.headers['referrer-policy']).toBe('no-referrer');
      expect(answer.headers['x-frame-options']).toBe('DENY');
    }
  });

  it('serves the built script and style without a cookie', async () => {
    const script = await httpRequest(`${origin}/app.js`);
    expect(script.status).toBe(200);
    expect(script.headers['content-type']).toMatch(/^text\/javascript/);
    expect((await httpRequest(`${origin}/styles.css`)).headers['content-type']).toMatch(/^text\/css/);
  });
});

describe('the API over a cookie', () => {
  it('with the CSRF subprotocol: full access (the subprotocol is selected), a mutation works', async () => {
    const { cookie, csrf } = await logIn(await loginUrl());
    const { status, ws } = await upgrade(webSocket, { Cookie: cookie, Origin: origin }, [`syncmgr.csrf.${csrf}`]);
    expect(status).toBe(101);
    expect(ws!.protocol).toBe(`syncmgr.csrf.${csrf}`);
    const reset = await rpc(ws!, ResetHandler.method, { clsid: crypto.randomUUID() });
    expect(reset.error).toBeUndefined();
    expect(reset.result).toEqual({ hr: expect.any(Number) });
    ws!.close();
  });

  it('without it: reads work, a mutation is refused with CsrfRequired', async () => {
    const { cookie } = await logIn(await loginUrl());
    const { status, ws } = await upgrade(webSocket, { Cookie: cookie });
    expect(status).toBe(101);
    expect(((await rpc(ws!, DaemonStatus.method)).result as { pid: number }).pid).toBe(daemon.pid);
    expect((await rpc(ws!, ResetHandler.method, { clsid: crypto.randomUUID() })).error?.code).toBe(SyncMgrErrorCodes.CsrfRequired);
    ws!.close();
  });

  it('a cookie of another port’s name does not count (401)', async () => {
    const { cookie } = await logIn(await loginUrl());
    const other = cookie.replace(`syncmgr_session_${port()}=`, `syncmgr_session_${Number(port()) + 1}=`);
    expect((await upgrade(webSocket, { Cookie: other })).status).toBe(401);
  });
});
