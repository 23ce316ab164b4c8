// HangWatchdog: fires when the host awaits something of a handler and no message comes in time.
import { afterEach, beforeEach, jest } from '@jest/globals';
import { HangWatchdog } from '@syncmgr/host/internal/transport/hang-watchdog.js';

const TIMEOUT_MS = 1_000;

describe('HangWatchdog', () => {
  let hangs: { awaited: string; timeoutMs: number }[];
  let watchdog: HangWatchdog;

  beforeEach(() => {
    jest.useFakeTimers();
    hangs = [];
    watchdog = new HangWatchdog((awaited, timeoutMs) => hangs.push({ awaited, timeoutMs }));
  });

  afterEach(() => {
    watchdog.dispose();
    jest.useRealTimers();
  });

  it('does not watch before enable, even while something is awaited', () => {
    watchdog.begin('the answer to x');
    jest.advanceTimersByTime(10 * TIMEOUT_MS);
    expect(hangs).toEqual([]);
    expect(jest.getTimerCount()).toBe(0);
  });

  it('does not fire while nothing is awaited', () => {
    watchdog.enable(TIMEOUT_MS);
    jest.advanceTimersByTime(10 * TIMEOUT_MS);
    expect(hangs).toEqual([]);
  });

  it('fires once the timeout passes with something awaited, naming it and the timeout', () => {
    watchdog.enable(TIMEOUT_MS);
    watchdog.begin('the answer to x');
    jest.advanceTimersByTime(TIMEOUT_MS - 1);
    expect(hangs).toEqual([]);
    jest.advanceTimersByTime(1);
    expect(hangs).toEqual([{ awaited: 'the answer to x', timeoutMs: TIMEOUT_MS }]);
  });

  it('starts watching at enable when something was awaited before', () => {
    watchdog.begin('the answer to x');
    jest.advanceTimersByTime(5 * TIMEOUT_MS);
    watchdog.enable(TIMEOUT_MS);
    jest.advanceTimersByTime(TIMEOUT_MS);
    expect(hangs).toHaveLength(1);
  });

  it('stops when every awaited thing is done, and not before', () => {
    watchdog.enable(TIMEOUT_MS);
    const first = watchdog.begin('the answer to x');
    const second = watchdog.begin('the completion of y');
    watchdog.done(first);
    jest.advanceTimersByTime(TIMEOUT_MS);
    expect(hangs).toEqual([{ awaited: 'the completion of y', timeoutMs: TIMEOUT_MS }]);

    const third = watchdog.begin('the answer to z');
    watchdog.done(second);
    watchdog.done(third);
    jest.advanceTimersByTime(10 * TIMEOUT_MS);
    expect(hangs).toHaveLength(1);
    expect(jest.getTimerCount()).toBe(0);
  });

  it('names the latest awaited thing', () => {
    watchdog.enable(TIMEOUT_MS);
    watchdog.begin('the answer to x');
    watchdog.begin('the completion of y');
    jest.advanceTimersByTime(TIMEOUT_MS);
    expect(hangs.map((hang) => hang.awaited)).toEqual(['the completion of y']);
  });

  it('counts from the first begin: a second begin does not extend the deadline', () => {
    watchdog.enable(TIMEOUT_MS);
    watchdog.begin('the answer to x');
    jest.advanceTimersByTime(TIMEOUT_MS / 2);
    watchdog.begin('the completion of y');
    jest.advanceTimersByTime(TIMEOUT_MS / 2);
    expect(hangs).toHaveLength(1);
  });

  it('restarts the count at every kick (a message arrived)', () => {
    watchdog.enable(TIMEOUT_MS);
    watchdog.begin('the answer to x');
    for (let i = 0; i < 5; i += 1) {
      jest.advanceTimersByTime(TIMEOUT_MS - 1);
      watchdog.kick();
    }
    expect(hangs).toEqual([]);
    jest.advanceTimersByTime(TIMEOUT_MS);
    expect(hangs).toHaveLength(1);
  });

  it('ignores a kick while nothing is watched', () => {
    watchdog.kick();
    watchdog.enable(TIMEOUT_MS);
    watchdog.kick();
    expect(jest.getTimerCount()).toBe(0);
  });

  it('fires once per wait: a message after the hang does not raise a second one', () => {
    watchdog.enable(TIMEOUT_MS);
    watchdog.begin('the answer to x');
    jest.advanceTimersByTime(TIMEOUT_MS);
    watchdog.kick();
    jest.advanceTimersByTime(10 * TIMEOUT_MS);
    expect(hangs).toHaveLength(1);
  });

  it('does not fire while suspended, and counts afresh from resume', () => {
    watchdog.enable(TIMEOUT_MS);
    watchdog.begin('the answer to x');
    jest.advanceTimersByTime(TIMEOUT_MS - 1);
    watchdog.suspend();
    jest.advanceTimersByTime(10 * TIMEOUT_MS);
    watchdog.kick();
    expect(hangs).toEqual([]);

    watchdog.resume();
    jest.advanceTimersByTime(TIMEOUT_MS - 1);
    expect(hangs).toEqual([]);
    jest.advanceTimersByTime(1);
    expect(hangs).toHaveLength(1);
  });

  it('nests suspensions: it watches again only when each was resumed', () => {
    watchdog.enable(TIMEOUT_MS);
    watchdog.begin('the answer to x');
    watchdog.suspend();
    watchdog.suspend();
    watchdog.resume();
    jest.advanceTimersByTime(10 * TIMEOUT_MS);
    expect(hangs).toEqual([]);
    watchdog.resume();
    jest.advanceTimersByTime(TIMEOUT_MS);
    expect(hangs).toHaveLength(1);
  });

  it('does not let an extra resume cancel a later suspension', () => {
    watchdog.enable(TIMEOUT_MS);
    watchdog.resume();
    watchdog.begin('the answer to x');
    watchdog.suspend();
    jest.advanceTimersByTime(10 * TIMEOUT_MS);
    expect(hangs).toEqual([]);
  });

  it('does not watch what begins while suspended until resumed', () => {
    watchdog.enable(TIMEOUT_MS);
    watchdog.suspend();
    watchdog.begin('the answer to x');
    jest.advanceTimersByTime(10 * TIMEOUT_MS);
    expect(hangs).toEqual([]);
    watchdog.resume();
    jest.advanceTimersByTime(TIMEOUT_MS);
    expect(hangs).toHaveLength(1);
  });

  it('stops for good at dispose: it forgets what was awaited and the timeout', () => {
    watchdog.enable(TIMEOUT_MS);
    watchdog.begin('the answer to x');
    watchdog.dispose();
    expect(jest.getTimerCount()).toBe(0);
    watchdog.begin('the answer to y');
    watchdog.kick();
    watchdog.resume();
    jest.advanceTimersByTime(10 * TIMEOUT_MS);
    expect(hangs).toEqual([]);
  });
});
