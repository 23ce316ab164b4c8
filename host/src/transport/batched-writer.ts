import { setImmediate } from 'node:timers';
import type { Writable } from 'node:stream';
import { AbstractMessageWriter, type Message, type MessageWriter } from 'vscode-jsonrpc/node';

/**
 * Content-Length framing, the messages of one burst in one write: the first message of a turn of
 * the event loop corks the stream and the turn's end uncorks it, so the answers to every message
 * read in one chunk (and their promise reactions) leave in one writev, one system call. Each
 * message stays a string until the native write encodes them all into one buffer: no copy per
 * message. A write per message cost the host most of its busy time in B4 (64 handlers at once):
 * each one woke the handler it wrote to.
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
    if (!this.corked) this.cork();
    const accepted = this.stream.write(`Content-Length: ${Buffer.byteLength(body, 'utf8')}\r\n\r\n${body}`, 'utf8');
    return accepted ? Promise.resolve() : new Promise((resolve) => this.stream.once('drain', resolve));
  }

  end(): void {}

  // setImmediate, not nextTick: a nextTick runs before the promise reactions that send most answers.
  private cork(): void {
    this.corked = true;
    this.stream.cork();
    setImmediate(this.uncork);
  }

  // end() and destroy() flush or drop a corked stream themselves; uncork is then a no-op.
  private readonly uncork = (): void => {
    this.corked = false;
    this.stream.uncork();
  };
}
