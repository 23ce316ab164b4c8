import { mkdir, rename, stat, writeFile } from 'node:fs/promises';
import http from 'node:http';
import path from 'node:path';
import WebSocket from 'ws';
import { repoRoot } from './paths.js';

const BUILD = path.join(repoRoot, 'host', 'dist', 'dashboard');
const PLACEHOLDER: Record<string, string> = {
  'index.html': '<!doctype html><meta name="syncmgr-csrf" content="{{csrf}}"><script src="app.js"></script>\n',
  'app.js': '// placeholder for the dashboard bundle\n',
  'styles.css': '/* placeholder for the dashboard styles */\n',
};

/** Writes a tiny page into host/dist/dashboard/ where the real build left no file (never over it). */
export async function ensureDashboardBuild(): Promise<void> {
  await mkdir(BUILD, { recursive: true });
  for (const [name, text] of Object.entries(PLACEHOLDER)) {
    const file = path.join(BUILD, name);
    if (await stat(file).catch(() => undefined)) continue;
    // Through a file of our own and a rename: a test file running beside this one never reads half of it.
    const own = `${file}.${process.pid}.tmp`;
    await writeFile(own, text);
    await rename(own, file);
  }
}

/** An HTTP answer's status, headers and body. */
export interface HttpAnswer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** One request with exactly these headers (Host is ours to set, unlike with fetch). */
export function httpRequest(url: string, headers: Record<string, string> = {}, method = 'GET'): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    const request = http.request(url, { method, headers, agent: false }, (response) => {
      let body = '';
      response.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body }));
    });
    request.once('error', reject).end();
  });
}

/** The cookie pair (name=value) of a Set-Cookie header. */
export function cookiePair(setCookie: string[] | undefined): string {
  return (setCookie?.[0] ?? '').split(';')[0] ?? '';
}

/** The CSRF token the page carries in its syncmgr-csrf meta tag. */
export function csrfOfPage(html: string): string | undefined {
  return /<meta name="syncmgr-csrf" content="([^"]*)"\s*\/?>/.exec(html)?.[1];
}

/** Logs in with a login URL: the session cookie (name=value) and the page's CSRF token. */
export async function logIn(loginUrl: string): Promise<{ cookie: string; csrf: string }> {
  const login = await httpRequest(loginUrl);
  const cookie = cookiePair(login.headers['set-cookie']);
  const page = await httpRequest(new URL('/', loginUrl).href, { Cookie: cookie });
  return { cookie, csrf: csrfOfPage(page.body) ?? '' };
}

/** The answer to an upgrade: 101 with the socket and its selected subprotocol, or the refusal's status. */
export function upgrade(url: string, headers: Record<string, string>, protocols: string[] = []): Promise<{ status: number; ws?: WebSocket }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, protocols, { headers });
    ws.once('unexpected-response', (_request, response) => resolve({ status: response.statusCode ?? 0 }));
    ws.once('open', () => resolve({ status: 101, ws }));
    ws.once('error', reject);
  });
}

/** One JSON-RPC request over the socket: its result or its error. */
export function rpc(ws: WebSocket, method: string, params: unknown = {}): Promise<{ result?: unknown; error?: { code: number } }> {
  return new Promise((resolve) => {
    ws.once('message', (data: Buffer) => resolve(JSON.parse(data.toString('utf8')) as { result?: unknown; error?: { code: number } }));
    ws.send(JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }));
  });
}
