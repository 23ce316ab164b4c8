import type { WritableLike } from '@syncmgr/protocol';
import { AbstractMessageWriter, Message, type MessageWriter } from 'vscode-jsonrpc/node';

// A burst past this size leaves at once, in the write that crossed it: memory and latency stay bounded.
const FLUSH_AT_CHARS = 256 * 1024;

/**
 * Content-Length framing, as vscode-jsonrpc's StreamMessageWriter writes it, with the frames of one
 * burst joined into one write: a handler reporting 10,000 items spent a third of its time in one
 * synchronous stdout write per message. Frames queue as one string (V8 concatenates by reference;
 * the write encodes it once) and leave on the next turn of the event loop, or as soon as the queue
 * is large. A write resolves at once, unless the stream asked to wait (backpressure).
 *
 * An answer leaves at once too, with the frames queued before it: the host is waiting for it, and
 * the turn it was written in had nothing left to join it (an enumItems/next page of 512 items
 * waited a turn for the reports a burst is made of, which come as requests, not answers).
 */
export class BatchedMessageWriter extends AbstractMessageWriter implements MessageWriter {
  #queued = '';
  #scheduled = false;
  #drained: Promise<void> | undefined;
  #errors = 0;

  constructor(private readonly stream: WritableLike) {
    super();
    stream.on('error', (error) => this.fireError(error, undefined, ++this.#errors));
  }

  write(message: Message): Promise<void> {
    const body = JSON.stringify(message);
    this.#queued += `Content-Length: ${Buffer.byteLength(body, 'utf8')}\r\n\r\n${body}`;
    if (this.#queued.length >= FLUSH_AT_CHARS || Message.isResponse(message)) this.flush();
    else if (!this.#scheduled) {
      this.#scheduled = true;
      setImmediate(() => this.flush());
    }
    return this.#drained ?? Promise.resolve();
  }

  /** Writes what is queued now, in one write. */
  flush(): void {
    this.#scheduled = false;
    if (this.#queued === '') return;
    const chunk = this.#queued;
    this.#queued = '';
    if (this.stream.write(chunk, 'utf8') || this.#drained) return;
    // One listener per wait, however many messages wait on it.
    this.#drained = new Promise((resolve) =>
      this.stream.once('drain', () => {
        this.#drained = undefined;
        resolve();
      }),
    );
  }

  end(): void {
    this.flush();
  }
}
