import type { DaemonEvent, DaemonEventBody } from '@syncmgr/protocol';
import { utf8Length } from '@syncmgr/protocol';
import { typedEmitterClass } from '../util/typed-emitter.js';

/** Bytes of events kept for clients that reconnect: minutes of a busy session's progress. */
export const DEFAULT_EVENT_LOG_BYTES = 4 * 1024 * 1024;

/** What since() found after an event number. */
export interface EventsSince {
  events: DaemonEvent[];
  /** False when some events after that number were dropped from the ring. */
  complete: boolean;
}

type EventLogEvents = {
  event: (event: DaemonEvent) => void;
};

/**
 * The daemon's events, numbered from 1 without a gap, kept in a ring bounded in bytes (of their
 * JSON) so that a client that reconnects resumes after the last one it saw.
 */
export class EventLog extends typedEmitterClass<EventLogEvents>() {
  private readonly ring: ({ event: DaemonEvent; bytes: number } | undefined)[] = [];
  private head = 0; // index of the oldest kept event in ring (shifted lazily)
  private bytes = 0;
  private readonly sizes = new WeakMap<DaemonEvent, number>();
  private seq = 0;

  constructor(private readonly maxBytes: number = DEFAULT_EVENT_LOG_BYTES) {
    super();
  }

  /** The number of the last event added (0 before the first). */
  get last(): number {
    return this.seq;
  }

  /** Adds an event, numbers it, drops the oldest past the byte bound, and emits it. */
  add(body: DaemonEventBody, sessionId?: string): DaemonEvent {
    const event: DaemonEvent = { seq: ++this.seq, at: new Date().toISOString(), ...(sessionId !== undefined ? { sessionId } : {}), body };
    const bytes = utf8Length(JSON.stringify(event));
    this.sizes.set(event, bytes);
    this.ring.push({ event, bytes });
    this.bytes += bytes;
    // The newest event is always kept, however large.
    while (this.bytes > this.maxBytes && this.head < this.ring.length - 1) {
      this.bytes -= this.ring[this.head]?.bytes ?? 0;
      this.ring[this.head++] = undefined;
    }
    // Compact once the dropped prefix is half the array, so dropping stays O(1) amortised.
    if (this.head > 1024 && this.head * 2 > this.ring.length) {
      this.ring.splice(0, this.head);
      this.head = 0;
    }
    this.emit('event', event);
    return event;
  }

  /** An event's size as JSON, in bytes: what a subscriber that has not read it yet holds. */
  sizeOf(event: DaemonEvent): number {
    return this.sizes.get(event) ?? utf8Length(JSON.stringify(event));
  }

  /** The kept events numbered above `after`; incomplete when some of them were already dropped. */
  since(after: number): EventsSince {
    const oldest = this.ring[this.head]?.event.seq ?? this.seq + 1;
    const events: DaemonEvent[] = [];
    for (let i = this.head; i < this.ring.length; i++) {
      const kept = this.ring[i]?.event;
      if (kept && kept.seq > after) events.push(kept);
    }
    return { events, complete: after + 1 >= oldest || after >= this.seq };
  }
}
