/** Fires when the host awaits a message from a handler and none comes in time; any message resets it. */
export class HangWatchdog {
  private timer: NodeJS.Timeout | undefined;
  private awaiting = new Map<number, string>();
  private nextToken = 0;
  private timeoutMs: number | undefined;
  private suspended = 0;

  constructor(private readonly onHang: (awaited: string, timeoutMs: number) => void) {}

  /** Starts watching (after the handshake: the start timeout covers what comes before); 0 means never. */
  enable(timeoutMs: number): void {
    if (timeoutMs === 0) return;
    this.timeoutMs = timeoutMs;
    this.rearm();
  }

  /** The host now awaits something; returns a token for done(). */
  begin(what: string): number {
    const token = this.nextToken++;
    this.awaiting.set(token, what);
    if (this.awaiting.size === 1) this.rearm();
    return token;
  }

  done(token: number): void {
    this.awaiting.delete(token);
    if (this.awaiting.size === 0) this.clear();
  }

  /** A message arrived: the handler is alive. */
  kick(): void {
    if (this.timer) this.timer.refresh();
  }

  /** Stops watching while the handler legitimately waits on the host (the UI token, a user at a prompt). */
  suspend(): void {
    this.suspended += 1;
    this.clear();
  }

  resume(): void {
    this.suspended = Math.max(0, this.suspended - 1);
    this.rearm();
  }

  dispose(): void {
    this.clear();
    this.awaiting.clear();
    this.timeoutMs = undefined;
  }

  private rearm(): void {
    this.clear();
    const timeoutMs = this.timeoutMs;
    if (timeoutMs === undefined || this.awaiting.size === 0 || this.suspended > 0) return;
    this.timer = setTimeout(() => {
      // Spent: a later kick() must not refresh it into a second hang for the same wait.
      this.timer = undefined;
      const awaited = [...this.awaiting.values()].at(-1) ?? 'a message';
      this.onHang(awaited, timeoutMs);
    }, timeoutMs);
  }

  private clear(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }
}
