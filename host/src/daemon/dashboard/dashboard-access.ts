import type http from 'node:http';
import { CookieSessions, type CookieSession } from './cookie-sessions.js';
import { LoginTokens } from './login-tokens.js';
import { presentedSessionId, sessionCookie } from './session-cookie.js';

/**
 * Who may see the dashboard of one listening port: the login tokens `dashboard/open` mints, and the
 * cookie sessions a login creates.
 */
export class DashboardAccess {
  private readonly tokens: LoginTokens;
  private readonly sessions = new CookieSessions();

  constructor(
    readonly port: number,
    now: () => number = Date.now,
  ) {
    this.tokens = new LoginTokens(now);
  }

  /** A login token, good once within ten minutes: the `login` parameter of GET /. */
  mintLoginToken(): string {
    return this.tokens.mint();
  }

  /** The Set-Cookie of a new session when the login token is good, else undefined. */
  logIn(token: string): string | undefined {
    return this.tokens.redeem(token) ? sessionCookie(this.port, this.sessions.create().id) : undefined;
  }

  /** The session the request's cookie names, if it is one of ours. */
  sessionOf(request: http.IncomingMessage): CookieSession | undefined {
    return this.sessions.find(presentedSessionId(request, this.port));
  }
}
