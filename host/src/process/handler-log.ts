import { constants, createWriteStream, type WriteStream } from 'node:fs';
import { lstat, open, rename, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { HostError } from '../errors.js';

const ROTATE_AT_BYTES = 4 * 1024 * 1024;
const SESSION_CAP_BYTES = 1024 * 1024;

/** A per-handler log file of its stderr (<home>/logs/<clsid>.log), rotated, capped per session. */
export class HandlerLog {
  private written = 0;
  private truncated = false;

  private constructor(private readonly stream: WriteStream) {}

  /**
   * Opens (creating) the log in logsDir, which the caller has checked (ensureStateFolder); HostError
   * STATE_CORRUPT when the file is not a regular file of this user.
   */
  static async open(logsDir: string, clsid: string, header: string): Promise<HandlerLog> {
    const file = path.join(logsDir, `${clsid}.log`);
    const size = (await lstat(file).catch(() => undefined))?.size ?? 0;
    if (size > ROTATE_AT_BYTES) await rename(file, `${file}.1`);
    const stream = createWriteStream('', { fd: await openOwnLog(file) });
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

const LOG_OPEN_FLAGS = constants.O_WRONLY | constants.O_APPEND | constants.O_CREAT | constants.O_NOFOLLOW;

// O_NOFOLLOW: a symlink planted as the log would get the handler's stderr appended to its target.
// A hard link to someone else's file is caught by its owner.
async function openOwnLog(file: string): Promise<FileHandle> {
  let handle: FileHandle;
  try {
    handle = await open(file, LOG_OPEN_FLAGS, 0o600);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ELOOP') throw error;
    throw new HostError('STATE_CORRUPT', `${file} is a symbolic link, which could point anywhere: remove it`, { cause: error });
  }
  const info = await handle.stat();
  if (!info.isFile() || (process.getuid && info.uid !== process.getuid())) {
    await handle.close();
    throw new HostError('STATE_CORRUPT', `${file} is not a regular file of yours, so the handler's stderr will not be written to it: remove it`);
  }
  return handle;
}
