import { AbstractMessageWriter, type Message, type MessageWriter } from 'vscode-jsonrpc';

/** The little of a writable stream the writer needs (a Node stream fits; no Node types needed here). */
export interface WritableLike {
  write(chunk: string, encoding: 'utf8'): boolean;
  once(event: 'drain', listener: () => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
}

/**
 * Content-Length framing, as vscode-jsonrpc's StreamMessageWriter writes it, in one write per message:
 * header and body together (one system call, not two), and no wait for the write's callback unless
 * the stream asks for it (backpressure), so many messages can be in flight.
 */
export class FramedMessageWriter extends AbstractMessageWriter implements MessageWriter {
  private errors = 0;

  constructor(private readonly stream: WritableLike) {
    super();
    stream.on('error', (error) => this.fireError(error, undefined, ++this.errors));
  }

  write(message: Message): Promise<void> {
    const body = JSON.stringify(message);
    const accepted = this.stream.write(`Content-Length: ${byteLength(body)}\r\n\r\n${body}`, 'utf8');
    return accepted ? Promise.resolve() : new Promise((resolve) => this.stream.once('drain', resolve));
  }

  end(): void {}
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
