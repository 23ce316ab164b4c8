import { NO_TIMEOUT } from '../timeouts.js';

/** Seconds a handler may hold the EnableModeless token before the host takes it back. */
export const DEFAULT_MODELESS_DEADLINE_SECONDS = 120;

interface Waiter {
  owner: string;
  onRevoked: () => void;
  grant: () => void;
}

/**
 * The EnableModeless token: one handler at a time may show UI; the others wait their turn. A
 * holder keeps it at most deadlineMs from its grant (NO_TIMEOUT: without bound), so one that never
 * gives it back, busy or not, cannot keep the others waiting for ever.
 */
export class ModelessToken {
  private holder: { owner: string; onRevoked: () => void; deadline: NodeJS.Timeout | undefined } | undefined;
  private readonly waiting: Waiter[] = [];

  constructor(readonly deadlineMs: number = DEFAULT_MODELESS_DEADLINE_SECONDS * 1000) {}

  /** Resolves when the owner holds the token; onRevoked is called if it is taken back at the deadline. */
  acquire(owner: string, onRevoked: () => void = () => undefined): Promise<void> {
    if (this.holder?.owner === owner) return Promise.resolve(); // the deadline still counts from the first grant
    if (this.holder === undefined) {
      this.grant(owner, onRevoked);
      return Promise.resolve();
    }
    return new Promise((grant) => this.waiting.push({ owner, onRevoked, grant }));
  }

  /** Gives the token back (or stops waiting for it); false when the owner neither held nor awaited it. */
  release(owner: string): boolean {
    const queued = this.waiting.findIndex((w) => w.owner === owner);
    if (queued >= 0) {
      this.waiting.splice(queued, 1);
      return true;
    }
    if (this.holder?.owner !== owner) return false;
    this.passOn();
    return true;
  }

  holds(owner: string): boolean {
    return this.holder?.owner === owner;
  }

  private grant(owner: string, onRevoked: () => void): void {
    // Unref'd: the handler's process, not its deadline, keeps the host running.
    const deadline = this.deadlineMs === NO_TIMEOUT ? undefined : setTimeout(() => this.revoke(), this.deadlineMs).unref();
    this.holder = { owner, onRevoked, deadline };
  }

  private revoke(): void {
    const revoked = this.holder;
    if (!revoked) return;
    revoked.deadline = undefined;
    this.passOn();
    revoked.onRevoked();
  }

  private passOn(): void {
    if (this.holder?.deadline) clearTimeout(this.holder.deadline);
    this.holder = undefined;
    const next = this.waiting.shift();
    if (!next) return;
    this.grant(next.owner, next.onRevoked);
    next.grant();
  }
}
