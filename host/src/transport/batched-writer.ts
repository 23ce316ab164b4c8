import { setImmediate } from 'node:timers';
import type { Writable } from 'node:stream';
import { AbstractMessageWriter, Message, type MessageWriter } from 'vscode-jsonrpc/node';

/**
 * Content-Length framing, the messages of one burst in one write: the first message of a turn of
 * the event loop corks the stream and the turn's end uncorks it, so the answers to every message
 * read in one chunk (and their promise reactions) leave in one writev, one system call. Each
 * message stays a string until the native write encodes them all into one buffer: no copy per
 * message. A write per message cost the host most of its busy time in B4 (64 handlers at once):
 * each one woke the handler it wrote to.
 *
 * A request is the exception: it starts the handler's work, and the rest of the host's turn may be
 * long (the enumeration asks for the next page, then picks through the one it got), so it leaves at
 * once, with whatever the burst held before it. Held to the turn's end, the next page was asked for
 * only once the last was picked through, and host and handler took turns (B5: ~0.4 s of 3).
 *
 * Backpressure as before: a write the stream refuses resolves on 'drain'. Errors (EPIPE once the
 * handler died) are told to the connection, which reads the exit status for the cause.
 */
export class BatchedMessageWriter extends AbstractMessageWriter implements MessageWriter {
  private errors = 0;
  private corked = false;

  constructor(private readonly stream: Writable) {
    super();
    stream.on('error', (error) => this.fireError(error, undefined, ++this.errors));
  }

  write(message: Message): Promise<void> {
    const body = JSON.stringify(message);
    const request = Message.isRequest(message);
    if (!this.corked && !request) this.cork();
    const accepted = this.stream.write(`Content-Length: ${Buffer.byteLength(body, 'utf8')}\r\n\r\n${body}`, 'utf8');
    if (request) this.uncork();
    return accepted ? Promise.resolve() : new Promise((resolve) => this.stream.once('drain', resolve));
  }

  end(): void {}

  // setImmediate, not nextTick: a nextTick runs before the promise reactions that send most answers.
  private cork(): void {
    this.corked = true;
    this.stream.cork();
    setImmediate(this.uncork);
  }

  // end() and destroy() flush or drop a corked stream themselves; uncork is then a no-op. A request
  // may have uncorked the turn's burst already: the turn's end then has nothing to do.
  private readonly uncork = (): void => {
    if (!this.corked) return;
    this.corked = false;
    this.stream.uncork();
  };
}
