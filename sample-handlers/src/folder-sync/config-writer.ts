import { open, realpath, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';

/**
 * Replaces a config file with new JSON atomically: a temporary file in the same folder (so the
 * rename stays on one file system), flushed, then renamed over the old one. A reader sees the
 * old file or the new one, never half of either; the old file's permissions are kept.
 */
export async function writeConfigAtomically(file: string, json: unknown): Promise<void> {
  // Through a symbolic link, the rename must replace the file it points to, not the link.
  const target = await realpath(file).catch(() => file);
  const mode = (await stat(target).catch(() => undefined))?.mode ?? 0o644;
  const temporary = path.join(path.dirname(target), `.${path.basename(target)}.folder-sync-${process.pid}.tmp`);
  try {
    const handle = await open(temporary, 'w', mode & 0o777);
    try {
      await handle.writeFile(`${JSON.stringify(json, null, 2)}\n`, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temporary, target);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}
