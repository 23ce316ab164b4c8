// A forgiving reader of a handler's stdout. The host's reader stops at the first bad byte, as it
// must; the kit instead names every problem and reads on, so one stray line does not hide the rest.

/** What is wrong with a frame: its header, the encoding of its body, or the body as JSON-RPC. */
export type BadFrameCategory = 'header' | 'encoding' | 'json-rpc';

/** What a stretch of stdout turned out to be. */
export type ScannedOutput =
  | { kind: 'message'; message: Record<string, unknown>; bytes: number }
  | { kind: 'bad-frame'; category: BadFrameCategory; problem: string; bytes: Buffer }
  | { kind: 'stray'; bytes: Buffer };

const MAX_HEADER_BYTES = 1024;
const HEADER_START = /content-length\s*:/i;
// A frame header may begin in the last bytes seen: those are kept until more arrive.
const HEADER_NAME = 'content-length:';
// A handler printing without end is reported a stretch at a time, not kept whole.
const MAX_STRAY_STRETCH = 64 * 1024;

export class FrameScanner {
  private buffer: Buffer = Buffer.alloc(0);
  // Stray text is reported as the stretch it was written as, not as the chunks it arrived in.
  private stray: Buffer[] = [];
  private strayBytes = 0;

  constructor(private readonly report: (output: ScannedOutput) => void) {}

  push(chunk: Buffer): void {
    this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
    while (this.buffer.length > 0 && this.step()) {
      // each step consumed something
    }
  }

  /** The stream ended: whatever is left was not a frame. */
  end(): void {
    if (this.buffer.length > 0) this.keepStray(this.buffer);
    this.buffer = Buffer.alloc(0);
    this.flushStray();
  }

  private emit(output: ScannedOutput): void {
    this.flushStray();
    this.report(output);
  }

  private keepStray(bytes: Buffer): void {
    this.stray.push(bytes);
    this.strayBytes += bytes.length;
    if (this.strayBytes >= MAX_STRAY_STRETCH) this.flushStray();
  }

  private flushStray(): void {
    if (this.strayBytes === 0) return;
    const bytes = Buffer.concat(this.stray);
    this.stray = [];
    this.strayBytes = 0;
    this.report({ kind: 'stray', bytes });
  }

  // Consumes one frame or one stretch of stray bytes; false when it must wait for more.
  private step(): boolean {
    // Only the head is decoded: a page of 10,000 items must not be turned into a string per frame.
    const text = this.buffer.subarray(0, MAX_HEADER_BYTES + 4).toString('latin1');
    const start = text.search(HEADER_START);
    if (start !== 0) return this.takeStray(start >= 0 ? start : this.buffer.toString('latin1').search(HEADER_START));
    const header = headerEnd(text);
    if (header === undefined) {
      if (this.buffer.length <= MAX_HEADER_BYTES) return false;
      return this.takeBadHeader(MAX_HEADER_BYTES, `a header part longer than ${MAX_HEADER_BYTES} bytes`);
    }
    const problem = headerProblem(text.slice(0, header.end), header.separator);
    const length = contentLength(text.slice(0, header.end));
    if (length === undefined) return this.takeBadHeader(header.end + header.separator.length, problem ?? 'no numeric Content-Length');
    const frameEnd = header.end + header.separator.length + length;
    if (this.buffer.length < frameEnd) return false;
    const body = this.buffer.subarray(header.end + header.separator.length, frameEnd);
    if (problem) this.emit({ kind: 'bad-frame', category: 'header', problem, bytes: this.buffer.subarray(0, header.end) });
    this.emit(bodyOutput(body));
    this.buffer = this.buffer.subarray(frameEnd);
    return true;
  }

  private takeStray(start: number): boolean {
    const end = start > 0 ? start : this.buffer.length - partialHeaderAtEnd(this.buffer);
    if (end === 0) return false;
    this.keepStray(this.buffer.subarray(0, end));
    this.buffer = this.buffer.subarray(end);
    return true;
  }

  private takeBadHeader(end: number, problem: string): boolean {
    this.emit({ kind: 'bad-frame', category: 'header', problem, bytes: this.buffer.subarray(0, end) });
    this.buffer = this.buffer.subarray(end);
    return true;
  }
}

// How many of the last bytes could be the start of a header still arriving ("Content-Le").
function partialHeaderAtEnd(buffer: Buffer): number {
  const tail = buffer
    .subarray(Math.max(0, buffer.length - HEADER_NAME.length))
    .toString('latin1')
    .toLowerCase();
  for (let length = Math.min(tail.length, HEADER_NAME.length - 1); length > 0; length--) {
    if (HEADER_NAME.startsWith(tail.slice(tail.length - length))) return length;
  }
  return 0;
}

function headerEnd(text: string): { end: number; separator: string } | undefined {
  const crlf = text.indexOf('\r\n\r\n');
  const lf = text.indexOf('\n\n');
  if (crlf >= 0 && (lf < 0 || crlf < lf)) return { end: crlf, separator: '\r\n\r\n' };
  if (lf >= 0) return { end: lf, separator: '\n\n' };
  return undefined;
}

function headerProblem(header: string, separator: string): string | undefined {
  if (separator !== '\r\n\r\n' || /(?<!\r)\n/.test(header)) return 'header lines end with LF instead of CRLF';
  if (header.length + separator.length > MAX_HEADER_BYTES) return `a header part longer than ${MAX_HEADER_BYTES} bytes`;
  const bad = header.split('\r\n').find((line) => !/^[^:\r\n]+:[^\r\n]*$/.test(line));
  return bad === undefined ? undefined : `a header line that is not "Name: value": ${JSON.stringify(bad)}`;
}

function contentLength(header: string): number | undefined {
  for (const line of header.split(/\r?\n/)) {
    const match = /^\s*content-length\s*:\s*(\d+)\s*$/i.exec(line);
    if (match) return Number(match[1]);
  }
  return undefined;
}

const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

function bodyOutput(body: Buffer): ScannedOutput {
  if (body[0] === 0xef && body[1] === 0xbb && body[2] === 0xbf) return badBody('encoding', 'the body starts with a byte order mark', body);
  let text: string;
  try {
    text = UTF8.decode(body);
  } catch {
    return badBody('encoding', 'the body is not valid UTF-8', body);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return badBody('json-rpc', `the body is not JSON (${(error as Error).message})`, body);
  }
  const problem = envelopeProblem(value);
  if (problem) return badBody('json-rpc', problem, body);
  return { kind: 'message', message: value as Record<string, unknown>, bytes: body.length };
}

function badBody(category: BadFrameCategory, problem: string, bytes: Buffer): ScannedOutput {
  return { kind: 'bad-frame', category, problem, bytes };
}

function envelopeProblem(value: unknown): string | undefined {
  if (Array.isArray(value)) return 'the body is a JSON-RPC batch (an array), which the protocol does not use';
  if (typeof value !== 'object' || value === null) return 'the body is not a JSON object';
  const message = value as Record<string, unknown>;
  if (message['jsonrpc'] !== '2.0') return 'the body has no "jsonrpc": "2.0"';
  if (typeof message['method'] === 'string') return undefined;
  const id = message['id'];
  if ((typeof id === 'number' || typeof id === 'string') && ('result' in message || 'error' in message)) return undefined;
  return 'the body is neither a request nor an answer';
}
