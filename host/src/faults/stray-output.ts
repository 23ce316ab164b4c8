/** How much of a handler's stray stdout a fault quotes. */
export const STRAY_OUTPUT_BYTES = 256;

/** The first bytes a handler wrote to stdout that are not a frame, as a printable quoted string. */
export function quoteStrayOutput(bytes: Buffer): string {
  const shown = bytes.subarray(0, STRAY_OUTPUT_BYTES).toString('utf8');
  // JSON quoting escapes every control character, so the quote is one printable line.
  return JSON.stringify(shown) + (bytes.length > STRAY_OUTPUT_BYTES ? '…' : '');
}
