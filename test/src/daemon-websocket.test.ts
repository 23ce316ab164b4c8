// The --listen WebSocket endpoint: who it refuses before the upgrade, and the API it serves.
import { chmod, mkdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { DaemonStatus } from '@syncmgr/protocol';
import { HostError } from '@syncmgr/host';
import { parseListenAddress, startWebSocketEndpoint, type WebSocketEndpoint } from '@syncmgr/host/internal/daemon/websocket-endpoint.js';
import WebSocket from 'ws';
import { DaemonStandIn } from './support/daemon-stand-in.js';
import { tempDir } from './support/temp-dir.js';

let dir: string;
let removeDir: () => Promise<void>;
let endpoint: WebSocketEndpoint;
let port: number;
const standIn = new DaemonStandIn('/unused');
const paths = () => ({ runtime: path.join(dir, 'run'), token: path.join(dir, 'run', 'token') });

beforeAll(async () => {
  ({ dir, remove: removeDir } = await tempDir());
  endpoint = await startWebSocketEndpoint({ host: '127.0.0.1', port: 0, paths: paths(), attach: standIn.attach });
  port = Number(new URL(endpoint.url).port);
});

afterAll(async () => {
  await endpoint.close();
  await removeDir();
});

// The HTTP status of the answer to the upgrade, or 101 when it was accepted.
function upgradeStatus(headers: Record<string, string>, protocols?: string[]): Promise<number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(endpoint.url, protocols ?? [], { headers });
    ws.once('unexpected-response', (_request, response) => resolve(response.statusCode ?? 0));
    ws.once('open', () => {
      ws.close();
      resolve(101);
    });
    ws.once('error', (error) => reject(error));
  });
}

// One JSON-RPC request over a WebSocket, its answer's result.
function call(ws: WebSocket, method: string): Promise<unknown> {
  return new Promise((resolve) => {
    ws.once('message', (data: Buffer) => resolve((JSON.parse(data.toString('utf8')) as { result: unknown }).result));
    ws.send(JSON.stringify({ jsonrpc: '2.0', id: 1, method, params: {} }));
  });
}

const host = () => ({ Host: `127.0.0.1:${port}` });
const bearer = () => ({ Authorization: `Bearer ${endpoint.token}` });

describe('the WebSocket endpoint', () => {
  it('refuses an upgrade without a token (401)', async () => {
    expect(await upgradeStatus({ ...host() })).toBe(401);
  });

  it('refuses a wrong token of the same length, and of another length (401)', async () => {
    const wrong = endpoint.token.replace(/^./, (c) => (c === 'A' ? 'B' : 'A'));
    expect(await upgradeStatus({ ...host(), Authorization: `Bearer ${wrong}` })).toBe(401);
    expect(await upgradeStatus({ ...host(), Authorization: `Bearer ${endpoint.token}x` })).toBe(401);
  });

  it('refuses a foreign Host, even with the token (403: DNS rebinding)', async () => {
    expect(await upgradeStatus({ ...bearer(), Host: `evil.example:${port}` })).toBe(403);
    expect(await upgradeStatus({ ...bearer(), Host: `127.0.0.1:${port + 1}` })).toBe(403);
  });

  it('refuses a foreign Origin, even with the token (403)', async () => {
    expect(await upgradeStatus({ ...host(), ...bearer(), Origin: 'http://evil.example' })).toBe(403);
    expect(await upgradeStatus({ ...host(), ...bearer(), Origin: `https://127.0.0.1:${port}` })).toBe(403);
  });

  it('accepts the token as a bearer header, or as a subprotocol from a same-origin page', async () => {
    expect(await upgradeStatus({ ...host(), ...bearer() })).toBe(101);
    expect(await upgradeStatus({ ...host(), Origin: `http://localhost:${port}` }, [`syncmgr.token.${endpoint.token}`])).toBe(101);
  });

  it('serves the API over an accepted socket', async () => {
    const ws = new WebSocket(endpoint.url, { headers: bearer() });
    await new Promise((resolve) => ws.once('open', resolve));
    const result = (await call(ws, DaemonStatus.method)) as { pid: number };
    expect(result.pid).toBe(process.pid);
    ws.close();
  });

  it('closes a socket that sends a frame that is not JSON with 1007', async () => {
    const ws = new WebSocket(endpoint.url, { headers: bearer() });
    await new Promise((resolve) => ws.once('open', resolve));
    const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
    ws.send('not json');
    expect(await closed).toBe(1007);
  });

  it('answers a plain GET without a session cookie with 401 and no CORS header', async () => {
    const response = await fetch(`http://127.0.0.1:${port}/`);
    expect(response.status).toBe(401);
    expect([...response.headers.keys()].filter((k) => k.startsWith('access-control-'))).toEqual([]);
  });

  it('writes a fresh 256-bit token, mode 0600, in a folder of mode 0700', async () => {
    expect((await readFile(paths().token, 'utf8')).trim()).toBe(endpoint.token);
    expect(Buffer.from(endpoint.token, 'base64url')).toHaveLength(32);
    expect((await stat(paths().token)).mode & 0o777).toBe(0o600);
    expect((await stat(paths().runtime)).mode & 0o777).toBe(0o700);
  });

  it('refuses a client past maxClients (503), and takes one again when another leaves', async () => {
    const own = { runtime: path.join(dir, 'run-small'), token: path.join(dir, 'run-small', 'token') };
    const small = await startWebSocketEndpoint({ host: '127.0.0.1', port: 0, paths: own, attach: standIn.attach, maxClients: 1 });
    const headers = { Authorization: `Bearer ${small.token}` };
    const open = (): Promise<WebSocket | number> =>
      new Promise((resolve) => {
        const ws = new WebSocket(small.url, { headers });
        ws.once('open', () => resolve(ws));
        ws.once('unexpected-response', (_request, response) => resolve(response.statusCode ?? 0));
      });
    const first = (await open()) as WebSocket;
    expect(await open()).toBe(503);
    const closed = new Promise((resolve) => first.once('close', resolve));
    first.close();
    await closed;
    // The server counts a client until its own side of the close is done: wait for it, not for time.
    let again = await open();
    while (again === 503) again = await open();
    expect(again).toBeInstanceOf(WebSocket);
    (again as WebSocket).close();
    await small.close();
  });

  it('refuses to write the token in a folder others can enter (STATE_IO)', async () => {
    const open = path.join(dir, 'open');
    await mkdir(open, { mode: 0o755 });
    await chmod(open, 0o755);
    const paths = { runtime: open, token: path.join(open, 'token') };
    await expect(startWebSocketEndpoint({ host: '127.0.0.1', port: 0, paths, attach: standIn.attach })).rejects.toMatchObject({ code: 'STATE_IO' });
  });

  it('refuses to bind anything but loopback (USAGE)', async () => {
    const refused = startWebSocketEndpoint({ host: '0.0.0.0', port: 0, paths: paths(), attach: standIn.attach });
    await expect(refused).rejects.toBeInstanceOf(HostError);
    await expect(refused).rejects.toMatchObject({ code: 'USAGE' });
    let refusal: unknown;
    try {
      parseListenAddress('192.168.1.2:7300');
    } catch (error) {
      refusal = error;
    }
    expect(refusal).toMatchObject({ code: 'USAGE' });
    expect(parseListenAddress('[::1]:7300')).toEqual({ host: '::1', port: 7300 });
  });
});
