import { chmod, lstat, mkdir } from 'node:fs/promises';
import os from 'node:os';
import { HostError } from '../errors.js';

/**
 * Makes the daemon's runtime folder (mode 0700) and checks that it can be trusted: a folder made by
 * another user, or one that group or others can enter, could hold a socket of theirs in our place.
 */
export async function ensureRuntimeFolder(folder: string): Promise<void> {
  await mkdir(folder, { recursive: true, mode: 0o700 });
  const stat = await lstat(folder);
  const uid = os.userInfo().uid;
  if (!stat.isDirectory()) throw new HostError('UNSAFE_RUNTIME', `${folder} is not a folder: remove it, or choose another home`);
  if (stat.uid !== uid)
    throw new HostError('UNSAFE_RUNTIME', `${folder} belongs to uid ${stat.uid}, not to you (uid ${uid}): the daemon will not listen there`);
  if ((stat.mode & 0o077) !== 0) {
    // Only the leaf is ours to fix: mkdir made it 0700 unless it was there already.
    await chmod(folder, 0o700).catch(() => undefined);
    const again = await lstat(folder);
    if ((again.mode & 0o077) !== 0) {
      throw new HostError('UNSAFE_RUNTIME', `${folder} is open to group or others (mode ${(again.mode & 0o777).toString(8)}): make it 0700`);
    }
  }
}
