import type { Session } from '../../index.js';

const STOP_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/** The user's stop: the first asks every handler to cancel (CANCELALL), the second ends them now. */
export class SessionStopper {
  private requests = 0;

  constructor(
    private readonly session: Session,
    private readonly say: (text: string) => void,
  ) {}

  interrupt(): void {
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
    const handler = () => this.interrupt();
    for (const signal of STOP_SIGNALS) process.on(signal, handler);
    return () => {
      for (const signal of STOP_SIGNALS) process.off(signal, handler);
    };
  }
}
