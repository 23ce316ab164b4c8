import { EventNotification, type DaemonEvent, type SubscribeResult } from '@syncmgr/protocol';
import type { MessageConnection } from 'vscode-jsonrpc/node';
import type { EventLog } from './event-log.js';

/**
 * Bytes of notifications not yet written to a client past which it is dropped: a client that reads
 * nothing must not make the daemon hold its events without bound. It reconnects and resumes with `after`.
 */
const MAX_UNSENT_BYTES = 16 * 1024 * 1024;

/** One connection's events/event stream: the kept events after the last it saw, then each new one, in order. */
export class Subscription {
  private listener: ((event: DaemonEvent) => void) | undefined;
  private unsentBytes = 0;

  constructor(
    private readonly connection: MessageConnection,
    private readonly log: EventLog,
  ) {}

  /** Starts (or restarts) the stream after `after` (absent: from now on). */
  start(after: number | undefined): SubscribeResult {
    this.dispose();
    const last = this.log.last;
    // Read the kept events and listen in the same turn: no event can fall between the two.
    const { events, complete } = after === undefined ? { events: [], complete: true } : this.log.since(after);
    this.listener = (event) => this.send(event);
    this.log.on('event', this.listener);
    for (const event of events) this.send(event);
    return { last, complete };
  }

  dispose(): void {
    if (this.listener) this.log.off('event', this.listener);
    this.listener = undefined;
  }

  private send(event: DaemonEvent): void {
    const bytes = this.log.sizeOf(event);
    this.unsentBytes += bytes;
    if (this.unsentBytes > MAX_UNSENT_BYTES) {
      this.dispose();
      this.connection.dispose();
      return;
    }
    this.connection.sendNotification(EventNotification.type, event).then(
      () => (this.unsentBytes -= bytes),
      () => this.dispose(),
    );
  }
}
