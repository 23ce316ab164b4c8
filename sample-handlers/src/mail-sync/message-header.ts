import { open } from 'node:fs/promises';

// Headers come first and are short; a message body may be huge, so only its start is read.
const HEADER_BYTES = 64 * 1024;
const ENCODED_WORD = /=\?([^?\s]+)\?([bBqQ])\?([^?\s]*)\?=/g;

/** The decoded Subject: header of a .eml file, or undefined when it has none. */
export async function readSubject(file: string): Promise<string | undefined> {
  const handle = await open(file, 'r');
  try {
    const buffer = Buffer.alloc(HEADER_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, HEADER_BYTES, 0);
    return subjectOf(buffer.subarray(0, bytesRead).toString('latin1'));
  } finally {
    await handle.close();
  }
}

/** The Subject header of a message's text (read as latin1, byte for byte), unfolded and decoded. */
export function subjectOf(text: string): string | undefined {
  const headerEnd = text.search(/\r?\n\r?\n/);
  const header = headerEnd === -1 ? text : text.slice(0, headerEnd);
  // RFC 5322 folding: a line starting with white space continues the previous header. The fold
  // becomes one space, as mail readers show it.
  const unfolded = header.replace(/\r?\n[ \t]+/g, ' ');
  const line = unfolded.split(/\r?\n/).find((candidate) => /^subject:/i.test(candidate));
  if (line === undefined) return undefined;
  return decodeHeaderValue(line.slice('subject:'.length).trim());
}

/** Decodes RFC 2047 encoded words; other bytes are taken as UTF-8, as modern mail sends them. */
export function decodeHeaderValue(value: string): string {
  // White space between two adjacent encoded words is not part of the text (RFC 2047, 6.2).
  const joined = value.replace(/(\?=)\s+(?==\?)/g, '$1');
  let decoded = '';
  let last = 0;
  for (const match of joined.matchAll(ENCODED_WORD)) {
    decoded += rawText(joined.slice(last, match.index)) + decodeWord(match[1] ?? '', match[2] ?? '', match[3] ?? '', match[0]);
    last = match.index + match[0].length;
  }
  return decoded + rawText(joined.slice(last));
}

function decodeWord(charset: string, encoding: string, text: string, original: string): string {
  const bytes =
    encoding.toUpperCase() === 'B'
      ? Buffer.from(text, 'base64')
      : Buffer.from(
          text.replace(/_/g, ' ').replace(/=([0-9A-Fa-f]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))),
          'latin1',
        );
  try {
    // RFC 2231 allows a language after the charset: "utf-8*en".
    return new TextDecoder(charset.split('*')[0], { fatal: true }).decode(bytes);
  } catch {
    return original;
  }
}

function rawText(latin1: string): string {
  const bytes = Buffer.from(latin1, 'latin1');
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return latin1;
  }
}
