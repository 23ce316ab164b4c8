import { AbstractMessageWriter, Message, type MessageWriter } from 'vscode-jsonrpc';

/** The little of a writable stream the writer needs (a Node stream fits; no Node types needed here). */
export interface WritableLike {
  write(chunk: string, encoding: 'utf8'): boolean;
  once(event: 'drain', listener: () => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
}

/** Which messages leave at once, with what was queued before them, instead of at the end of the turn. */
export type LeavesAtOnce = (message: Message) => boolean;

/**
 * The host's choice: a request starts the handler's work, and the rest of the host's turn may be
 * long (the enumeration asks for the next page, then picks through the one it got); held to the
 * turn's end, host and handler took turns instead of working at once (B5: ~0.4 s of 3).
 */
export const requestsLeaveAtOnce: LeavesAtOnce = (message) => Message.isRequest(message);

/**
 * A handler's choice: the host waits for its answers, and the turn an answer was written in has
 * nothing left to join it, while its own requests (progress batches) come in bursts.
 */
export const answersLeaveAtOnce: LeavesAtOnce = (message) => Message.isResponse(message);

// A burst past this size leaves at once, in the write that crossed it: memory and latency stay bounded.
const FLUSH_AT_CHARS = 256 * 1024;

// The end of the turn where there is setImmediate (Node); a zero timeout elsewhere.
const timers = globalThis as unknown as { setImmediate?: (run: () => void) => void; setTimeout: (run: () => void, ms: number) => unknown };
const atTurnEnd: (run: () => void) => void = timers.setImmediate ?? ((run) => void timers.setTimeout(run, 0));

/**
 * Content-Length framing, as vscode-jsonrpc's StreamMessageWriter writes it, with the frames of one
 * turn of the event loop joined into one write: one system call, and one wake-up of the process at
 * the other end, instead of one per message (a handler reporting 10,000 items spent a third of its
 * time in them, and the host most of its busy time with 64 handlers). Frames queue as one string
 * (V8 concatenates by reference; the write encodes it once) and leave at the turn's end, when the
 * queue is large, or with a message that `leavesAtOnce`. A write resolves at once unless the stream
 * asked to wait (backpressure); errors (EPIPE once the other end died) go to onError.
 */
export class BatchedMessageWriter extends AbstractMessageWriter implements MessageWriter {
  #queued = '';
  #scheduled = false;
  #drained: Promise<void> | undefined;
  #errors = 0;

  constructor(
    private readonly stream: WritableLike,
    private readonly leavesAtOnce: LeavesAtOnce = () => false,
  ) {
    super();
    stream.on('error', (error) => this.fireError(error, undefined, ++this.#errors));
  }

  write(message: Message): Promise<void> {
    const body = JSON.stringify(message);
    this.#queued += `Content-Length: ${byteLength(body)}\r\n\r\n${body}`;
    if (this.#queued.length >= FLUSH_AT_CHARS || this.leavesAtOnce(message)) this.flush();
    else if (!this.#scheduled) {
      this.#scheduled = true;
      atTurnEnd(() => this.flush());
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

// Node's native count where there is one: counting in JavaScript cost a handler listing a million
// items a third of a second (the protocol itself assumes no Node, hence the fallback).
// A function property, not a method: Buffer.byteLength is static and reads no `this`.
const nativeByteLength = (globalThis as { Buffer?: { byteLength: (text: string, encoding: 'utf8') => number } }).Buffer?.byteLength;
const byteLength: (text: string) => number = nativeByteLength ? (text) => nativeByteLength(text, 'utf8') : utf8Length;

/** The UTF-8 length of a string, which Content-Length counts (JSON.stringify output is well-formed UTF-16). */
export function utf8Length(text: string): number {
  let bytes = text.length;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) continue;
    if (code < 0x800) bytes += 1;
    else if (code >= 0xd800 && code <= 0xdbff) {
      bytes += 2; // a surrogate pair: 2 UTF-16 units, 4 UTF-8 bytes
      i++;
    } else bytes += 2;
  }
  return bytes;
}
