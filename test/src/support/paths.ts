import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (tests run from test/dist/src/...). */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');

/** A compiled fixture under test/dist/fixtures. */
export function fixture(name: string): string {
  return path.join(repoRoot, 'test', 'dist', 'fixtures', name);
}

export const cliPath = path.join(repoRoot, 'host', 'bin', 'syncmgr.js');
export const folderSyncMain = path.join(repoRoot, 'sample-handlers', 'dist', 'folder-sync', 'main.js');
export const tarSnapshotMain = path.join(repoRoot, 'sample-handlers', 'python', 'tar_snapshot.py');
