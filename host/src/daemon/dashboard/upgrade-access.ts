import type http from 'node:http';
import type { ClientAccess } from '../daemon-api.js';
import { tokenMatches } from '../websocket-token.js';
import type { DashboardAccess } from './dashboard-access.js';

/** The subprotocol a browser offers to prove it is the owner: the token (file), or its page's CSRF token. */
export const TOKEN_PROTOCOL_PREFIX = 'syncmgr.token.';
export const CSRF_PROTOCOL_PREFIX = 'syncmgr.csrf.';

/**
 * What an upgrade may do, or the HTTP status that refuses it: the token (Bearer or subprotocol) is
 * 'full'; a session cookie with its CSRF subprotocol is 'full', without one 'readsOnly' (a page
 * that reads), with a wrong one 403; neither is 401.
 */
export function upgradeAccess(request: http.IncomingMessage, token: string, dashboard: DashboardAccess): ClientAccess | 401 | 403 {
  if (tokenMatches(token, presentedToken(request))) return 'full';
  const session = dashboard.sessionOf(request);
  if (!session) return 401;
  const csrf = offeredProtocol(request, CSRF_PROTOCOL_PREFIX);
  if (csrf === undefined) return 'readsOnly';
  return tokenMatches(session.csrf, csrf) ? 'full' : 403;
}

/** The subprotocol to select: a browser fails the connection unless the server echoes one it offered. */
export function selectProtocol(protocols: Set<string>): string | false {
  return [...protocols].find((p) => p.startsWith(TOKEN_PROTOCOL_PREFIX) || p.startsWith(CSRF_PROTOCOL_PREFIX)) ?? false;
}

function presentedToken(request: http.IncomingMessage): string | undefined {
  const bearer = /^Bearer (\S+)$/.exec(request.headers.authorization ?? '');
  return bearer ? bearer[1] : offeredProtocol(request, TOKEN_PROTOCOL_PREFIX);
}

function offeredProtocol(request: http.IncomingMessage, prefix: string): string | undefined {
  const protocols = (request.headers['sec-websocket-protocol'] ?? '').split(',').map((p) => p.trim());
  return protocols.find((p) => p.startsWith(prefix))?.slice(prefix.length);
}
