import { lstat, readFile } from 'node:fs/promises';
import lockfile from 'proper-lockfile';
import writeFileAtomic from 'write-file-atomic';
import { HostError } from '../errors.js';

// Writers wait for each other: 20 concurrent `syncmgr register` runs must all land.
const LOCK_OPTIONS = { realpath: false, stale: 10_000, retries: { retries: 200, minTimeout: 5, maxTimeout: 50 } };

/** Reads a JSON state file; undefined when it does not exist. Corrupt or unsafe files raise, naming the path. */
export async function readStateFile(file: string): Promise<unknown> {
  let text: string;
  try {
    await refuseUnsafe(file);
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    if (error instanceof HostError) throw error;
    throw new HostError('STATE_IO', `cannot read ${file}: ${(error as Error).message}`, { cause: error });
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw corrupt(file, (error as Error).message);
  }
}

/** The error for a state file that cannot be trusted; the file is left exactly as it is. */
export function corrupt(file: string, why: string): HostError {
  return new HostError('STATE_CORRUPT', `${file} is corrupt (${why}). It was left untouched: repair it, or move it aside to start afresh.`);
}

/** Writes JSON atomically (temp file + rename), owner-only. */
export async function writeStateFile(file: string, value: unknown): Promise<void> {
  try {
    await writeFileAtomic(file, JSON.stringify(value, null, 2) + '\n', { mode: 0o600 });
  } catch (error) {
    throw unwritable(file, 'write', error) ?? new HostError('STATE_IO', `cannot write ${file}: ${(error as Error).message}`, { cause: error });
  }
}

// Why a path cannot be made or written, for the errno values a user can fix by choosing another home.
const UNWRITABLE_REASONS: Record<string, (action: 'create' | 'write') => string> = {
  ENOTDIR: () => 'part of that path is a file, not a folder',
  EACCES: (action) => (action === 'create' ? 'the folder above it is not writable by you' : 'it is not writable by you'),
  EPERM: (action) => (action === 'create' ? 'the folder above it is not writable by you' : 'it is not writable by you'),
  EROFS: () => 'it is on a read-only file system',
};

/**
 * HostError HOME_UNWRITABLE naming the path, why, and what to do, when `error` is one of those a
 * user fixes by choosing another home or making this one writable; undefined for any other error.
 */
export function unwritable(target: string, action: 'create' | 'write', error: unknown): HostError | undefined {
  const code = (error as NodeJS.ErrnoException).code ?? '';
  const reason = UNWRITABLE_REASONS[code];
  if (!reason) return undefined;
  return new HostError(
    'HOME_UNWRITABLE',
    `cannot ${action} ${target}: ${reason(action)} (${code}). Make it writable, or choose a home you can write with --home DIR or SYNCMGR_HOME.`,
    { cause: error },
  );
}

/** Runs a read-modify-write under an exclusive lock on the file. */
export async function withFileLock<T>(file: string, update: () => Promise<T>): Promise<T> {
  let release: () => Promise<void>;
  try {
    release = await lockfile.lock(file, LOCK_OPTIONS);
  } catch (error) {
    throw unwritable(`${file}.lock`, 'create', error) ?? new HostError('STATE_IO', `cannot lock ${file}: ${(error as Error).message}`, { cause: error });
  }
  try {
    return await update();
  } finally {
    await release();
  }
}

// A state file (or folder) others can write, or that someone else owns, would let them make this
// host run any command as you, or append to any file you can write. Checked without following symlinks.
export async function refuseUnsafe(file: string, kind: 'file' | 'folder' = 'file'): Promise<void> {
  const info = await lstat(file);
  const fix = kind === 'file' ? `run \`chmod go-w ${file}\`` : `run \`chmod 700 ${file}\``;
  if (info.isSymbolicLink()) {
    throw new HostError('STATE_CORRUPT', `${file} is a symbolic link, which could point anywhere: replace it with a real ${kind} you own`);
  }
  if (kind === 'folder' && !info.isDirectory()) {
    throw new HostError('STATE_CORRUPT', `${file} is not a folder: move it aside, or choose another home with --home DIR or SYNCMGR_HOME`);
  }
  if (process.getuid && info.uid !== process.getuid()) {
    throw new HostError('STATE_CORRUPT', `${file} belongs to user ${info.uid}, not to you, so it cannot be trusted: take ownership or remove it`);
  }
  if (info.mode & 0o022) {
    throw new HostError('STATE_CORRUPT', `${file} is writable by other users (mode ${(info.mode & 0o777).toString(8)}), so it cannot be trusted: ${fix}`);
  }
}
