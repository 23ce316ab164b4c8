import type { Session } from '../../index.js';

const STOP_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/** What stopped a session first: a key in the live view, or a signal. */
export type StopCause = 'key' | (typeof STOP_SIGNALS)[number];

/** The user's stop: the first asks every handler to cancel (CANCELALL), the second ends them now. */
export class SessionStopper {
  private requests = 0;
  private cause: StopCause | undefined;

  constructor(
    private readonly session: Session,
    private readonly say: (text: string) => void,
  ) {}

  /** What stopped the session first, if anything did; it decides the exit code. */
  get stoppedBy(): StopCause | undefined {
    return this.cause;
  }

  interrupt(cause: StopCause = 'key'): void {
    this.cause ??= cause;
    this.requests += 1;
    if (this.requests === 1) {
      this.say('cancelling: every handler is asked to stop (Ctrl-C again ends them now)');
      this.session.cancel();
    } else {
      this.say('ending every handler now');
      this.session.abort();
    }
  }

  /** Routes SIGINT, SIGTERM and SIGHUP (the terminal closed) here until the returned function is called. */
  onSignals(): () => void {
    const handlers = STOP_SIGNALS.map((signal) => [signal, () => this.interrupt(signal)] as const);
    for (const [signal, handler] of handlers) process.on(signal, handler);
    return () => {
      for (const [signal, handler] of handlers) process.off(signal, handler);
    };
  }
}
