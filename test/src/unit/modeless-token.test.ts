// ModelessToken: one handler at a time holds the EnableModeless token; the others queue in order.
import { ModelessToken } from '@syncmgr/host/internal/session/modeless-token.js';

/** Records when each acquire settles, so order is observed rather than timed. */
function track(token: ModelessToken, owner: string, granted: string[]): Promise<void> {
  return token.acquire(owner).then(() => {
    granted.push(owner);
  });
}

/** Lets every already-settled promise run its reactions. */
const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('ModelessToken', () => {
  it('grants a free token at once and says who holds it', async () => {
    const token = new ModelessToken();
    await token.acquire('a');
    expect(token.holds('a')).toBe(true);
    expect(token.holds('b')).toBe(false);
  });

  it('grants the holder again without queueing it behind itself', async () => {
    const token = new ModelessToken();
    await token.acquire('a');
    await token.acquire('a');
    expect(token.holds('a')).toBe(true);
    expect(token.release('a')).toBe(true);
    expect(token.holds('a')).toBe(false);
  });

  it('queues the others and hands the token on in the order they asked', async () => {
    const token = new ModelessToken();
    const granted: string[] = [];
    await token.acquire('a');
    const b = track(token, 'b', granted);
    const c = track(token, 'c', granted);
    await settle();
    expect(granted).toEqual([]);

    expect(token.release('a')).toBe(true);
    await b;
    expect(granted).toEqual(['b']);
    expect(token.holds('b')).toBe(true);
    expect(token.holds('c')).toBe(false);

    expect(token.release('b')).toBe(true);
    await c;
    expect(granted).toEqual(['b', 'c']);
    expect(token.holds('c')).toBe(true);
  });

  it('is free again once the last holder releases it', async () => {
    const token = new ModelessToken();
    await token.acquire('a');
    token.release('a');
    expect(token.holds('a')).toBe(false);
    await token.acquire('b');
    expect(token.holds('b')).toBe(true);
  });

  it('lets a waiter stop waiting: it is never granted, and the next one is', async () => {
    const token = new ModelessToken();
    const granted: string[] = [];
    await token.acquire('a');
    void track(token, 'b', granted);
    const c = track(token, 'c', granted);

    expect(token.release('b')).toBe(true);
    expect(token.holds('a')).toBe(true);

    token.release('a');
    await c;
    await settle();
    expect(granted).toEqual(['c']);
    expect(token.holds('b')).toBe(false);
  });

  it('answers false to a release by an owner that neither holds nor awaits it', async () => {
    const token = new ModelessToken();
    expect(token.release('a')).toBe(false);
    await token.acquire('a');
    expect(token.release('b')).toBe(false);
    expect(token.holds('a')).toBe(true);
    token.release('a');
    expect(token.release('a')).toBe(false);
  });
});
