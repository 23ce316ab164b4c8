import { randomBytes, timingSafeEqual } from 'node:crypto';
import { chmod, lstat, mkdir, open, rm } from 'node:fs/promises';
import { HostError } from '../errors.js';
import type { DaemonPaths } from './daemon-paths.js';

/** 256 bits: guessing it over a loopback socket is out of reach. */
const TOKEN_BYTES = 32;

/**
 * A fresh token for the WebSocket listener, written to paths.token (mode 0600) in the owner-only
 * runtime folder, made 0700 if missing. A folder others can enter is refused: the token would be
 * readable by them, and the listener would protect nothing.
 */
export async function writeNewToken(paths: Pick<DaemonPaths, 'runtime' | 'token'>): Promise<string> {
  await mkdir(paths.runtime, { recursive: true, mode: 0o700 });
  const folder = await lstat(paths.runtime);
  if (!folder.isDirectory()) throw new HostError('STATE_IO', `${paths.runtime} is not a folder: the token cannot be kept there`);
  if (folder.uid !== process.getuid?.() || (folder.mode & 0o077) !== 0) {
    throw new HostError('STATE_IO', `${paths.runtime} is not owner-only (mode 0700 and yours): the token is not written there`);
  }
  const token = randomBytes(TOKEN_BYTES).toString('base64url');
  // A token left by an earlier run is replaced; 'wx' then refuses a file (or link) put there meanwhile.
  await rm(paths.token, { force: true });
  const file = await open(paths.token, 'wx', 0o600);
  try {
    await file.writeFile(`${token}\n`);
    await chmod(paths.token, 0o600); // the umask cannot widen it, but be explicit
  } finally {
    await file.close();
  }
  return token;
}

/** Compares in constant time; a length mismatch is a refusal (timingSafeEqual needs equal lengths). */
export function tokenMatches(expected: string, given: string | undefined): boolean {
  if (given === undefined) return false;
  const a = Buffer.from(expected, 'utf8');
  const b = Buffer.from(given, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}
