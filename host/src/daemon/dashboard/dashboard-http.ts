import type http from 'node:http';
import { originRefusal, type LoopbackOrigins } from '../request-origin.js';
import type { DashboardAccess } from './dashboard-access.js';
import type { DashboardAssets } from './dashboard-assets.js';
import { answer, answerPage } from './http-answer.js';

/** What the dashboard's HTTP routes serve from. */
export interface DashboardRoutes {
  access: DashboardAccess;
  assets: DashboardAssets;
  allowed: LoopbackOrigins;
}

const RUN_AGAIN = 'Open the address that <code>syncmgr dashboard</code> prints (run it again for a new one).';
const NOT_BUILT = 'the dashboard is not built: run `npm run build`\n';
// Built files that hold no secret: served without the cookie, so that a login is one redirect.
const STATIC = new Set(['/app.js', '/styles.css', '/app.js.map', '/styles.css.map']);

/**
 * GET /?login=TOKEN (trade a login token for a cookie), GET / (the page, with its CSRF token),
 * GET of the built script and style. Host and Origin are checked first (403), then the method (405).
 */
export function serveDashboardRequest(routes: DashboardRoutes, request: http.IncomingMessage, response: http.ServerResponse): void {
  if (originRefusal(request, routes.allowed)) return answer(response, 403, 'forbidden\n');
  if (request.method !== 'GET' && request.method !== 'HEAD') return answer(response, 405, 'only GET and HEAD\n', { Allow: 'GET, HEAD' });
  const url = new URL(request.url ?? '/', 'http://127.0.0.1');
  if (url.pathname === '/') return servePage(routes, request, response, url.searchParams.get('login'));
  if (STATIC.has(url.pathname)) return serveStatic(routes.assets, url.pathname, response);
  answer(response, 404, 'not found\n');
}

function servePage(routes: DashboardRoutes, request: http.IncomingMessage, response: http.ServerResponse, login: string | null): void {
  if (login !== null) {
    // Only a GET spends the token: a link preview that merely looks (HEAD) must not use it up.
    if (request.method === 'HEAD') return answer(response, 204, '');
    const cookie = routes.access.logIn(login);
    // 303 drops the token from the address bar and from history.
    return cookie ? answer(response, 303, '', { Location: '/', 'Set-Cookie': cookie }) : answerPage(response, 401, RUN_AGAIN);
  }
  const session = routes.access.sessionOf(request);
  if (!session) return answerPage(response, 401, RUN_AGAIN);
  const index = routes.assets.get('/index.html');
  if (!index) return answer(response, 500, NOT_BUILT);
  answer(response, 200, index.body.toString('utf8').replaceAll('{{csrf}}', session.csrf), { 'Content-Type': index.contentType });
}

function serveStatic(assets: DashboardAssets, path: string, response: http.ServerResponse): void {
  const asset = assets.get(path);
  if (asset) return answer(response, 200, asset.body, { 'Content-Type': asset.contentType, 'Cache-Control': 'no-cache' });
  if (path.endsWith('.map')) return answer(response, 404, 'not found\n');
  answer(response, 500, NOT_BUILT);
}
