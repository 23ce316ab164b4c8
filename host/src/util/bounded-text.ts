/** A text cut to a byte budget, and how many UTF-8 bytes were cut off. */
export interface BoundedText {
  text: string;
  /** UTF-8 bytes removed (0 when the text fitted). */
  cutBytes: number;
}

const encoder = new TextEncoder();

/** The text's size as UTF-8, measured without encoding a copy. */
export function utf8Bytes(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

/**
 * Keeps at most maxBytes of the text's UTF-8, cut at a character boundary and followed by a visible
 * marker. Only the kept prefix is encoded, so a 16 MiB text costs maxBytes, not 16 MiB, to cut.
 */
export function boundText(text: string, maxBytes: number): BoundedText {
  // A UTF-16 code unit is at most 3 UTF-8 bytes: short texts need no measuring.
  if (text.length * 3 <= maxBytes) return { text, cutBytes: 0 };
  const total = utf8Bytes(text);
  if (total <= maxBytes) return { text, cutBytes: 0 };
  const { read } = encoder.encodeInto(text.slice(0, maxBytes), new Uint8Array(maxBytes));
  const kept = text.slice(0, read);
  const cutBytes = total - utf8Bytes(kept);
  return { text: `${kept}${truncationMarker(cutBytes)}`, cutBytes };
}

/** What ends a truncated text, so that readers see it is not whole. */
export function truncationMarker(cutBytes: number): string {
  return `… [truncated ${cutBytes} bytes]`;
}
