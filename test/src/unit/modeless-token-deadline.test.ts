// ModelessToken's deadline: a holder past it loses the token to the next waiter, and is told.
import { afterEach, beforeEach, jest } from '@jest/globals';
import { ModelessToken } from '@syncmgr/host/internal/session/modeless-token.js';
import { NO_TIMEOUT } from '@syncmgr/host/internal/timeouts.js';

const DEADLINE_MS = 1_000;

describe('ModelessToken deadline', () => {
  beforeEach(() => {
    jest.useFakeTimers();
  });
  afterEach(() => {
    jest.useRealTimers();
  });

  it('takes the token from a holder at its deadline, tells it, and grants the next waiter', async () => {
    const token = new ModelessToken(DEADLINE_MS);
    const revoked: string[] = [];
    await token.acquire('a', () => revoked.push('a'));
    const bGranted = token.acquire('b', () => revoked.push('b'));

    jest.advanceTimersByTime(DEADLINE_MS - 1);
    expect(token.holds('a')).toBe(true);
    jest.advanceTimersByTime(1);
    await bGranted;
    expect(revoked).toEqual(['a']);
    expect(token.holds('b')).toBe(true);
    expect(token.release('a')).toBe(false);
  });

  it("counts the deadline from the first grant, not from a holder's asking again", async () => {
    const token = new ModelessToken(DEADLINE_MS);
    const revoked: string[] = [];
    await token.acquire('a', () => revoked.push('a'));
    jest.advanceTimersByTime(DEADLINE_MS / 2);
    await token.acquire('a', () => revoked.push('a again'));
    jest.advanceTimersByTime(DEADLINE_MS / 2);
    expect(revoked).toEqual(['a']);
    expect(token.holds('a')).toBe(false);
  });

  it('gives the next waiter a deadline of its own', async () => {
    const token = new ModelessToken(DEADLINE_MS);
    const revoked: string[] = [];
    await token.acquire('a', () => revoked.push('a'));
    const bGranted = token.acquire('b', () => revoked.push('b'));
    jest.advanceTimersByTime(DEADLINE_MS);
    await bGranted;
    jest.advanceTimersByTime(DEADLINE_MS);
    expect(revoked).toEqual(['a', 'b']);
    expect(token.holds('b')).toBe(false);
  });

  it('arms nothing for a holder that gives the token back, nor with no deadline', async () => {
    const token = new ModelessToken(DEADLINE_MS);
    await token.acquire('a');
    token.release('a');
    expect(jest.getTimerCount()).toBe(0);
    const unbounded = new ModelessToken(NO_TIMEOUT);
    await unbounded.acquire('a');
    expect(jest.getTimerCount()).toBe(0);
  });
});
