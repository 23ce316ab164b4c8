import type { Readable } from 'node:stream';
import { AbstractMessageReader, type DataCallback, type Disposable, type Message } from 'vscode-jsonrpc/node';
import type { HostLimits } from '../limits.js';

/** Why a handler's byte stream could not be read as messages. */
export class FramingError extends Error {
  override readonly name = 'FramingError';

  constructor(
    readonly kind: 'malformed-header' | 'oversized-message' | 'invalid-json' | 'not-json-rpc',
    message: string,
    /** The bytes where a header was expected, when they are not one (e.g. a stray console.log). */
    readonly strayBytes?: Buffer,
  ) {
    super(message);
  }
}

const HEADER_END = Buffer.from('\r\n\r\n');
const MAX_HEADER_BYTES = 1024;

/**
 * Content-Length framing as vscode-jsonrpc writes it, with what its own reader lacks:
 * a size limit, a chunk list instead of repeated copying, and a check that each body is JSON-RPC.
 * After the first error the stream is out of step for good, so reading stops.
 */
export class FramedMessageReader extends AbstractMessageReader {
  private chunks: Buffer[] = [];
  private buffered = 0;
  private bodyLength: number | undefined;
  private failed = false;
  private callback: DataCallback | undefined;

  private pending = 0;
  private pendingBytes = 0;
  /** The body size of each message read and not yet handled (the same objects reach handled()). */
  private readonly sizes = new WeakMap<Message, number>();
  private readonly maxMessageBytes: number;
  private readonly maxPending: number;
  private readonly maxPendingBytes: number;

  constructor(
    private readonly readable: Readable,
    limits: Pick<HostLimits, 'maxMessageBytes' | 'maxPendingMessages' | 'maxPendingBytes'>,
  ) {
    super();
    this.maxMessageBytes = limits.maxMessageBytes;
    this.maxPending = limits.maxPendingMessages;
    this.maxPendingBytes = limits.maxPendingBytes;
  }

  /** Bytes of the messages read and not yet handled. */
  get backlogBytes(): number {
    return this.pendingBytes;
  }

  /** A message read earlier was handled: read on once the backlog, in count and bytes, is half gone. */
  handled(message?: Message): void {
    this.pending = Math.max(0, this.pending - 1);
    if (message) this.pendingBytes = Math.max(0, this.pendingBytes - (this.sizes.get(message) ?? 0));
    const halfGone = this.pending <= this.maxPending / 2 && this.pendingBytes <= this.maxPendingBytes / 2;
    if (this.readable.isPaused() && halfGone) this.readable.resume();
  }

  listen(callback: DataCallback): Disposable {
    this.callback = callback;
    const onData = (chunk: Buffer): void => this.onData(chunk);
    const onClose = (): void => this.fireClose();
    const onError = (error: Error): void => this.fireError(error);
    this.readable.on('data', onData);
    this.readable.on('close', onClose);
    this.readable.on('error', onError);
    return {
      dispose: () => {
        this.readable.off('data', onData);
        this.readable.off('close', onClose);
        this.readable.off('error', onError);
      },
    };
  }

  private onData(chunk: Buffer): void {
    if (this.failed) return;
    this.chunks.push(chunk);
    this.buffered += chunk.length;
    try {
      this.drain();
    } catch (error) {
      this.failed = true;
      this.chunks = [];
      this.fireError(error);
    }
  }

  private drain(): void {
    for (;;) {
      if (this.bodyLength === undefined) {
        const length = this.takeHeader();
        if (length === undefined) return;
        this.bodyLength = length;
      }
      if (this.buffered < this.bodyLength) return;
      const body = this.take(this.bodyLength);
      this.bodyLength = undefined;
      const message = parseMessage(body);
      this.pending += 1;
      this.pendingBytes += body.length;
      this.sizes.set(message, body.length);
      // Backpressure: a handler that floods the host waits on its own full pipe, not on host memory.
      if (this.pending >= this.maxPending || this.pendingBytes >= this.maxPendingBytes) this.readable.pause();
      this.callback?.(message);
    }
  }

  private takeHeader(): number | undefined {
    const head = this.joined();
    this.chunks = [head];
    const end = head.indexOf(HEADER_END);
    if (end < 0) {
      if (head.length > MAX_HEADER_BYTES || !completeLinesAreHeaders(head)) {
        throw new FramingError('malformed-header', `stdout carries bytes that are not a frame header: ${preview(head)}`, head);
      }
      return undefined;
    }
    const length = contentLengthOf(head, end);
    if (length > this.maxMessageBytes) {
      throw new FramingError('oversized-message', `a message of ${length} bytes exceeds the limit of ${this.maxMessageBytes} bytes`);
    }
    this.take(end + HEADER_END.length);
    return length;
  }

  // One buffer of what has been read and not yet taken; no copy when it is a single chunk already.
  private joined(): Buffer {
    const [only, ...more] = this.chunks;
    return only !== undefined && more.length === 0 ? only : Buffer.concat(this.chunks);
  }

  private take(count: number): Buffer {
    const all = this.joined();
    const taken = all.subarray(0, count);
    const rest = all.subarray(count);
    this.chunks = rest.length > 0 ? [rest] : [];
    this.buffered = rest.length;
    return taken;
  }
}

// A line of plain text fails at its newline, not after 1024 bytes or never (a handler that prints and waits).
const HEADER_LINE = /^[^:\r\n]+:[^\r\n]*\r$/;

function completeLinesAreHeaders(head: Buffer): boolean {
  const lines = head.toString('latin1').split('\n').slice(0, -1);
  return lines.every((line) => HEADER_LINE.test(line));
}

function contentLengthOf(head: Buffer, end: number): number {
  try {
    return contentLength(head.subarray(0, end).toString('ascii'));
  } catch (error) {
    if (error instanceof FramingError && error.kind === 'malformed-header') throw new FramingError(error.kind, error.message, head);
    throw error;
  }
}

function contentLength(header: string): number {
  let length: number | undefined;
  for (const line of header.split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon <= 0) throw new FramingError('malformed-header', `malformed header line ${JSON.stringify(line)}`);
    if (line.slice(0, colon).trim().toLowerCase() === 'content-length') {
      const value = line.slice(colon + 1).trim();
      if (!/^\d+$/.test(value)) throw new FramingError('malformed-header', `Content-Length is not a number: ${JSON.stringify(value)}`);
      length = Number(value);
    }
  }
  if (length === undefined) throw new FramingError('malformed-header', `the header has no Content-Length: ${JSON.stringify(header)}`);
  return length;
}

function parseMessage(body: Buffer): Message {
  let value: unknown;
  try {
    value = JSON.parse(body.toString('utf8'));
  } catch (error) {
    throw new FramingError('invalid-json', `a message body is not JSON (${(error as Error).message}): ${preview(body)}`);
  }
  const problem = envelopeProblem(value);
  if (problem) throw new FramingError('not-json-rpc', `a message is not JSON-RPC 2.0 (${problem}): ${preview(body)}`);
  return value as Message;
}

function envelopeProblem(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'not an object';
  const message = value as Record<string, unknown>;
  if (message['jsonrpc'] !== '2.0') return 'jsonrpc is not "2.0"';
  const id = message['id'];
  const hasId = typeof id === 'number' || typeof id === 'string';
  if (typeof message['method'] === 'string') return undefined;
  if ('method' in message) return 'method is not a string';
  if (!hasId && id !== null) return 'neither a request, a notification nor a response';
  if ('error' in message) {
    const error = message['error'] as { code?: unknown; message?: unknown } | null;
    if (typeof error !== 'object' || error === null || typeof error.code !== 'number' || typeof error.message !== 'string') {
      return 'an error response whose error is not {code, message}';
    }
    return undefined;
  }
  return 'result' in message ? undefined : 'a response without result or error';
}

function preview(bytes: Buffer): string {
  const text = bytes.subarray(0, 120).toString('utf8');
  return JSON.stringify(bytes.length > 120 ? `${text}…` : text);
}
