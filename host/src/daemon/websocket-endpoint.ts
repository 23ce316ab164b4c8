import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import type { MessageConnection } from 'vscode-jsonrpc/node';
import WebSocket, { WebSocketServer } from 'ws';
import { HostError } from '../errors.js';
import { DEFAULT_LIMITS } from '../limits.js';
import type { DaemonPaths } from './daemon-paths.js';
import type { ClientAccess } from './daemon-api.js';
import { DashboardAccess } from './dashboard/dashboard-access.js';
import { loadDashboardAssets } from './dashboard/dashboard-assets.js';
import { serveDashboardRequest } from './dashboard/dashboard-http.js';
import { selectProtocol, upgradeAccess } from './dashboard/upgrade-access.js';
import { loopbackOrigins, originRefusal } from './request-origin.js';
import { CLOSE_TOO_SLOW, webSocketConnection } from './websocket-connection.js';
import { writeNewToken } from './websocket-token.js';

/**
 * How a client proves it may use the API: `Authorization: Bearer <token>`, or, for a browser (which
 * cannot set headers on a WebSocket), the subprotocol `syncmgr.token.<token>`, which the server
 * then selects. The token is in paths.token, readable by the owner only. A dashboard page shows
 * its session cookie instead, with `syncmgr.csrf.<csrf>` to change anything (upgrade-access.ts).
 */
export { CSRF_PROTOCOL_PREFIX, TOKEN_PROTOCOL_PREFIX } from './dashboard/upgrade-access.js';

export interface WebSocketEndpointOptions {
  /** A loopback address: 127.0.0.1, ::1 or localhost; anything else is refused (USAGE). */
  host: string;
  /** The port; 0 picks a free one (tests). */
  port: number;
  /** Where the token is written (paths.token, in the owner-only paths.runtime). */
  paths: Pick<DaemonPaths, 'runtime' | 'token'>;
  /** Sets up the API's handlers on one connection (the daemon core's); the endpoint then listens. */
  attach: (connection: MessageConnection, access: ClientAccess) => void;
  /** The largest frame accepted, in bytes (default the host's maxMessageBytes). */
  maxMessageBytes?: number;
  /** Bytes sent to one client and not yet read before it is dropped (default 4 × maxMessageBytes). */
  maxBufferedBytes?: number;
  /** Clients at once; one more is refused with 503 (default 16: a dashboard or two, not a crowd). */
  maxClients?: number;
}

export interface WebSocketEndpoint {
  /** ws://HOST:PORT/ as bound. */
  readonly url: string;
  readonly token: string;
  /** A one-time dashboard login URL, http://HOST:PORT/?login=TOKEN (ten minutes). */
  mintLoginUrl(): string;
  close(): Promise<void>;
}

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);

/** Parses --listen HOST:PORT ([::1]:PORT for IPv6); refuses a non-loopback host or a bad port (USAGE). */
export function parseListenAddress(text: string): { host: string; port: number } {
  const match = /^(?:\[([^\]]+)\]|([^:]+)):(\d{1,5})$/.exec(text);
  const host = match?.[1] ?? match?.[2];
  const port = Number(match?.[3]);
  if (!match || host === undefined || port > 65535) throw new HostError('USAGE', `--listen "${text}" is not HOST:PORT (e.g. 127.0.0.1:7300)`);
  refuseNonLoopback(host);
  return { host, port };
}

function refuseNonLoopback(host: string): void {
  // Anything else would offer the API (and a token prompt) to the network.
  if (!LOOPBACK.has(host)) throw new HostError('USAGE', `--listen must be a loopback address (127.0.0.1, ::1 or localhost), not "${host}"`);
}

/**
 * Serves the daemon's API over WebSocket on loopback, and the dashboard's page over HTTP. Every
 * request and upgrade is checked for Host and Origin first (403: a page from another origin, or DNS
 * rebinding of a foreign name onto 127.0.0.1); an upgrade then needs the token or a session cookie
 * (401). It sends no CORS headers.
 */
export async function startWebSocketEndpoint(options: WebSocketEndpointOptions): Promise<WebSocketEndpoint> {
  refuseNonLoopback(options.host);
  const maxMessageBytes = options.maxMessageBytes ?? DEFAULT_LIMITS.maxMessageBytes;
  const maxBufferedBytes = options.maxBufferedBytes ?? 4 * maxMessageBytes;
  const maxClients = options.maxClients ?? 16;
  const token = await writeNewToken(options.paths);
  const wss = new WebSocketServer({
    noServer: true,
    clientTracking: true,
    maxPayload: maxMessageBytes,
    perMessageDeflate: false, // a compressed frame could inflate past any cap before it is measured
    handleProtocols: selectProtocol,
  });
  const assets = await loadDashboardAssets();
  const server = http.createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const allowed = loopbackOrigins(port);
  const dashboard = new DashboardAccess(port);
  server.on('request', (request: http.IncomingMessage, response: http.ServerResponse) =>
    serveDashboardRequest({ access: dashboard, assets, allowed }, request, response),
  );

  server.on('upgrade', (request: http.IncomingMessage, socket: Duplex, head: Buffer) => {
    const refused = originRefusal(request, allowed);
    const access = refused ?? upgradeAccess(request, token, dashboard);
    if (typeof access === 'number') return refuse(socket, access);
    // Memory is bounded per client (maxBufferedBytes), so the number of clients bounds it all.
    if (wss.clients.size >= maxClients) return refuse(socket, 503);
    wss.handleUpgrade(request, socket, head, (ws) => serve(ws, (connection) => options.attach(connection, access), maxBufferedBytes));
  });

  const authority = `${options.host.includes(':') ? `[${options.host}]` : options.host}:${port}`;
  const url = `ws://${authority}/`;
  return {
    url,
    token,
    mintLoginUrl: () => `http://${authority}/?login=${dashboard.mintLoginToken()}`,
    close: async () => {
      for (const client of wss.clients) client.close(1001, 'the daemon stops');
      server.closeAllConnections();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function serve(ws: WebSocket, attach: (connection: MessageConnection) => void, maxBufferedBytes: number): void {
  const connection = webSocketConnection(ws, maxBufferedBytes);
  ws.on('close', () => connection.dispose());
  // The daemon disposes a live connection only to drop a subscriber that does not read: tell it, so it resumes.
  connection.onDispose(() => ws.close(CLOSE_TOO_SLOW, 'too many bytes unread'));
  attach(connection);
  connection.listen(); // as the socket endpoint does: attach sets up the handlers, the endpoint listens
}

function refuse(socket: Duplex, status: number): void {
  // end() flushes the answer first; destroy() at once could drop it.
  socket.once('finish', () => socket.destroy());
  socket.end(`HTTP/1.1 ${status} ${http.STATUS_CODES[status]}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}
