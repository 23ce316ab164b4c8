import { randomBytes } from 'node:crypto';
import { tokenMatches } from '../websocket-token.js';

/** A browser's session: the cookie's id, and the CSRF token its page must show to change anything. */
export interface CookieSession {
  readonly id: string;
  readonly csrf: string;
}

const SECRET_BYTES = 32;
// Browsers and profiles of one user; past it the oldest is signed out, so memory stays fixed.
const MAX_SESSIONS = 64;

/** The sessions a login created; they live while the daemon runs (a restart signs every page out). */
export class CookieSessions {
  private readonly sessions: CookieSession[] = []; // oldest first

  create(): CookieSession {
    const session = { id: secret(), csrf: secret() };
    this.sessions.push(session);
    if (this.sessions.length > MAX_SESSIONS) this.sessions.shift();
    return session;
  }

  /** The session of that cookie id, compared in constant time against each. */
  find(id: string | undefined): CookieSession | undefined {
    if (id === undefined) return undefined;
    let found: CookieSession | undefined;
    for (const session of this.sessions) if (tokenMatches(session.id, id)) found = session;
    return found;
  }

  get size(): number {
    return this.sessions.length;
  }
}

function secret(): string {
  return randomBytes(SECRET_BYTES).toString('base64url');
}
