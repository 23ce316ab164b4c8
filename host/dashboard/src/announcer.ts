// The polite live region: status changes (an item starts, ends, fails), at most one announcement a
// second, so a screen reader is told what happened without being flooded by a busy session.

const INTERVAL_MS = 1000;
const MAX_PER_ANNOUNCEMENT = 3;

export class Announcer {
  private queued: string[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;
  private lastAt = 0;

  constructor(private readonly region: HTMLElement) {}

  say(text: string): void {
    this.queued.push(text);
    if (this.timer !== undefined) return;
    this.timer = setTimeout(() => this.flush(), Math.max(0, this.lastAt + INTERVAL_MS - Date.now()));
  }

  private flush(): void {
    this.timer = undefined;
    this.lastAt = Date.now();
    const shown = this.queued.slice(0, MAX_PER_ANNOUNCEMENT);
    const more = this.queued.length - shown.length;
    this.queued = [];
    this.region.textContent = shown.join('. ') + (more > 0 ? `, and ${more} more.` : '.');
  }
}
