import type http from 'node:http';

/** The cookie's name carries the port: cookies are not port-scoped, and two daemons must not clash. */
export function sessionCookieName(port: number): string {
  return `syncmgr_session_${port}`;
}

/** Set-Cookie for a new session: not readable by scripts, not sent by other sites' requests. */
export function sessionCookie(port: number, id: string): string {
  return `${sessionCookieName(port)}=${id}; HttpOnly; SameSite=Strict; Path=/`;
}

/** The session id the request's Cookie header carries for this port, if any. */
export function presentedSessionId(request: http.IncomingMessage, port: number): string | undefined {
  const name = sessionCookieName(port);
  for (const pair of (request.headers.cookie ?? '').split(';')) {
    const [key, ...value] = pair.trim().split('=');
    if (key === name) return value.join('=');
  }
  return undefined;
}
