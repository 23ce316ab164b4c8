import type { Session } from '../../index.js';

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

  /** Routes SIGINT and SIGTERM here until the returned function is called. */
  onSignals(): () => void {
    const handler = () => this.interrupt();
    process.on('SIGINT', handler);
    process.on('SIGTERM', handler);
    return () => {
      process.off('SIGINT', handler);
      process.off('SIGTERM', handler);
    };
  }
}
