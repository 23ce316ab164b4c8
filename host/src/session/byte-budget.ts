/**
 * Bytes that several stores share (e.g. every handler's log in one session): each takes before it
 * keeps and gives back what it drops, so together they never keep more than the budget.
 */
export class ByteBudget {
  private used = 0;

  constructor(readonly maxBytes: number) {}

  /** Takes the bytes if they fit; false (and nothing taken) when they do not. */
  take(bytes: number): boolean {
    if (this.used + bytes > this.maxBytes) return false;
    this.used += bytes;
    return true;
  }

  /** Gives back bytes taken earlier. */
  release(bytes: number): void {
    this.used = Math.max(0, this.used - bytes);
  }

  /** Bytes taken and not given back. */
  get usedBytes(): number {
    return this.used;
  }
}
