import { randomBytes } from 'node:crypto';
import { tokenMatches } from '../websocket-token.js';

/** 256 bits, as the WebSocket token. */
const TOKEN_BYTES = 32;
const TEN_MINUTES_MS = 10 * 60 * 1000;
// A few open tabs' worth; more would only be someone minting in a loop.
const MAX_OUTSTANDING = 16;

/**
 * The one-time tokens a login URL carries: each is good once, within ten minutes; past 16
 * outstanding the oldest is dropped, so memory stays fixed.
 */
export class LoginTokens {
  private readonly issued = new Map<string, number>(); // token → when it expires; oldest first

  constructor(private readonly now: () => number = Date.now) {}

  mint(): string {
    const token = randomBytes(TOKEN_BYTES).toString('base64url');
    this.issued.set(token, this.now() + TEN_MINUTES_MS);
    for (const oldest of this.issued.keys()) {
      if (this.issued.size <= MAX_OUTSTANDING) break;
      this.issued.delete(oldest);
    }
    return token;
  }

  /** True once for a token minted here and not expired; it is spent either way. */
  redeem(given: string): boolean {
    let found: [string, number] | undefined;
    // Every entry is compared, in constant time: the answer's timing says nothing of a near miss.
    for (const entry of this.issued) if (tokenMatches(entry[0], given)) found = entry;
    if (found === undefined) return false;
    this.issued.delete(found[0]);
    return this.now() < found[1];
  }

  get size(): number {
    return this.issued.size;
  }
}
