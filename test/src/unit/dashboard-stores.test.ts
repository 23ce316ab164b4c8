// The dashboard's login tokens and cookie sessions: single use, expiry (an injected clock), fixed bounds.
import { CookieSessions } from '@syncmgr/host/internal/daemon/dashboard/cookie-sessions.js';
import { LoginTokens } from '@syncmgr/host/internal/daemon/dashboard/login-tokens.js';

const TEN_MINUTES_MS = 10 * 60 * 1000;

describe('LoginTokens', () => {
  it('mints 256-bit tokens that are good once', () => {
    const tokens = new LoginTokens();
    const token = tokens.mint();
    expect(Buffer.from(token, 'base64url')).toHaveLength(32);
    expect(tokens.redeem(token)).toBe(true);
    expect(tokens.redeem(token)).toBe(false);
  });

  it('refuses a token it did not mint, of the same length or not', () => {
    const tokens = new LoginTokens();
    const token = tokens.mint();
    expect(tokens.redeem(token.replace(/^./, (c) => (c === 'A' ? 'B' : 'A')))).toBe(false);
    expect(tokens.redeem(`${token}x`)).toBe(false);
    expect(tokens.redeem('')).toBe(false);
    expect(tokens.redeem(token)).toBe(true);
  });

  it('refuses a token past ten minutes, and spends it', () => {
    let now = 1_000_000;
    const tokens = new LoginTokens(() => now);
    const late = tokens.mint();
    const inTime = tokens.mint();
    now += TEN_MINUTES_MS - 1;
    expect(tokens.redeem(inTime)).toBe(true);
    now += 1;
    expect(tokens.redeem(late)).toBe(false);
    expect(tokens.size).toBe(0);
  });

  it('keeps at most 16 outstanding, dropping the oldest', () => {
    const tokens = new LoginTokens();
    const minted = Array.from({ length: 17 }, () => tokens.mint());
    expect(tokens.size).toBe(16);
    expect(tokens.redeem(minted[0]!)).toBe(false);
    expect(tokens.redeem(minted[1]!)).toBe(true);
    expect(tokens.redeem(minted[16]!)).toBe(true);
  });
});

describe('CookieSessions', () => {
  it('creates sessions with an id and a CSRF token of their own, found by id', () => {
    const sessions = new CookieSessions();
    const a = sessions.create();
    const b = sessions.create();
    expect(new Set([a.id, a.csrf, b.id, b.csrf]).size).toBe(4);
    expect(Buffer.from(a.csrf, 'base64url')).toHaveLength(32);
    expect(sessions.find(a.id)).toBe(a);
    expect(sessions.find(b.id)).toBe(b);
    expect(sessions.find(a.csrf)).toBeUndefined();
    expect(sessions.find(undefined)).toBeUndefined();
  });

  it('keeps at most 64, evicting the oldest', () => {
    const sessions = new CookieSessions();
    const created = Array.from({ length: 65 }, () => sessions.create());
    expect(sessions.size).toBe(64);
    expect(sessions.find(created[0]!.id)).toBeUndefined();
    expect(sessions.find(created[1]!.id)).toBe(created[1]);
    expect(sessions.find(created[64]!.id)).toBe(created[64]);
  });
});
