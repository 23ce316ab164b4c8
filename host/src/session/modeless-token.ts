/** The EnableModeless token: one handler at a time may show UI; the others wait their turn. */
export class ModelessToken {
  private holder: string | undefined;
  private readonly waiting: { owner: string; grant: () => void }[] = [];

  /** Resolves when the owner holds the token. */
  acquire(owner: string): Promise<void> {
    if (this.holder === undefined || this.holder === owner) {
      this.holder = owner;
      return Promise.resolve();
    }
    return new Promise((grant) => this.waiting.push({ owner, grant }));
  }

  /** Gives the token back (or stops waiting for it); false when the owner neither held nor awaited it. */
  release(owner: string): boolean {
    const queued = this.waiting.findIndex((w) => w.owner === owner);
    if (queued >= 0) {
      this.waiting.splice(queued, 1);
      return true;
    }
    if (this.holder !== owner) return false;
    const next = this.waiting.shift();
    this.holder = next?.owner;
    next?.grant();
    return true;
  }

  holds(owner: string): boolean {
    return this.holder === owner;
  }
}
