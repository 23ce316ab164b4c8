/** Keeps the last bytes a handler wrote to stderr, for failure reasons; memory stays bounded. */
export class StderrTail {
  private chunks: Buffer[] = [];
  private size = 0;
  private dropped = false;

  constructor(private readonly limitBytes = 64 * 1024) {}

  push(chunk: Buffer): void {
    this.chunks.push(chunk);
    this.size += chunk.length;
    while (this.size > this.limitBytes && this.chunks.length > 1) {
      this.size -= this.chunks.shift()?.length ?? 0;
      this.dropped = true;
    }
    const only = this.chunks[0];
    if (this.size > this.limitBytes && only !== undefined) {
      this.chunks = [only.subarray(only.length - this.limitBytes)];
      this.size = this.limitBytes;
      this.dropped = true;
    }
  }

  /** The last lines (at most maxLines), trimmed; '' when nothing was written. */
  lastLines(maxLines = 10): string {
    const text = Buffer.concat(this.chunks).toString('utf8').trimEnd();
    const lines = text.split('\n');
    const tail = lines.slice(-maxLines).join('\n');
    return this.dropped || lines.length > maxLines ? `…\n${tail}` : tail;
  }
}
