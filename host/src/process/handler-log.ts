import { createWriteStream, type WriteStream } from 'node:fs';
import { mkdir, rename, stat } from 'node:fs/promises';
import path from 'node:path';

const ROTATE_AT_BYTES = 4 * 1024 * 1024;
const SESSION_CAP_BYTES = 1024 * 1024;

/** A per-handler log file of its stderr (<home>/logs/<clsid>.log), rotated, capped per session. */
export class HandlerLog {
  private written = 0;
  private truncated = false;

  private constructor(private readonly stream: WriteStream) {}

  static async open(logsDir: string, clsid: string, header: string): Promise<HandlerLog> {
    await mkdir(logsDir, { recursive: true, mode: 0o700 });
    const file = path.join(logsDir, `${clsid}.log`);
    const size = (await stat(file).catch(() => undefined))?.size ?? 0;
    if (size > ROTATE_AT_BYTES) await rename(file, `${file}.1`);
    const stream = createWriteStream(file, { flags: 'a', mode: 0o600 });
    stream.on('error', () => undefined); // a full disk must not take the host down
    stream.write(`\n=== ${new Date().toISOString()} ${header}\n`);
    return new HandlerLog(stream);
  }

  write(chunk: Buffer): void {
    if (this.truncated) return;
    if (this.written + chunk.length > SESSION_CAP_BYTES) {
      this.stream.write(`\n[stderr truncated after ${SESSION_CAP_BYTES} bytes this session]\n`);
      this.truncated = true;
      return;
    }
    this.written += chunk.length;
    this.stream.write(chunk);
  }

  /** Resolves once the file descriptor is closed, not merely flushed. */
  close(): Promise<void> {
    return new Promise((resolve) => {
      this.stream.once('close', resolve);
      this.stream.end();
    });
  }
}
