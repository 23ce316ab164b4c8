import type { Dirent, Stats } from 'node:fs';
import { lstat, readdir, stat } from 'node:fs/promises';
import path from 'node:path';

/** What a path is, for mirroring: symbolic links in the target count as 'other'. */
export type EntryKind = 'file' | 'directory' | 'other';

/** One path of a scanned tree, keyed by its path relative to the tree's root. */
export interface TreeEntry {
  kind: EntryKind;
  size: number;
  mtimeMs: number;
  atimeMs: number;
}

/** A source path that could not be read, and why. */
export interface Unreadable {
  path: string;
  cause: string;
}

/** The source tree as far as it could be read. */
export interface SourceTree {
  entries: Map<string, TreeEntry>;
  unreadable: Unreadable[];
  /** Relative paths whose contents are unknown: their target counterparts must be left alone. */
  unknown: Set<string>;
}

/** Reads the source tree, following symbolic links (and refusing link loops). */
export async function scanSource(root: string, checkStop: () => void): Promise<SourceTree> {
  const tree: SourceTree = { entries: new Map(), unreadable: [], unknown: new Set() };
  const rootStat = await stat(root);
  await walkSource(tree, root, '', new Set([identity(rootStat)]), checkStop);
  return tree;
}

async function walkSource(tree: SourceTree, dir: string, relDir: string, ancestors: Set<string>, checkStop: () => void): Promise<void> {
  checkStop();
  let dirents: Dirent[];
  try {
    dirents = await readdir(dir, { withFileTypes: true });
  } catch (error) {
    if (relDir === '') throw error;
    markUnreadable(tree, dir, relDir, fsCause(error));
    return;
  }
  for (const dirent of dirents) {
    const absolute = path.join(dir, dirent.name);
    const relative = path.join(relDir, dirent.name);
    const entry = await statOrReport(tree, absolute, relative, dirent.isSymbolicLink());
    if (!entry) continue;
    if (entry.isDirectory()) {
      if (ancestors.has(identity(entry))) {
        markUnreadable(tree, absolute, relative, 'symbolic link loop');
        continue;
      }
      tree.entries.set(relative, toEntry('directory', entry));
      await walkSource(tree, absolute, relative, new Set([...ancestors, identity(entry)]), checkStop);
    } else if (entry.isFile()) {
      tree.entries.set(relative, toEntry('file', entry));
    } else {
      tree.unknown.add(relative);
    }
  }
}

async function statOrReport(tree: SourceTree, absolute: string, relative: string, isLink: boolean): Promise<Stats | undefined> {
  try {
    return await stat(absolute);
  } catch (error) {
    const broken = isLink && (error as NodeJS.ErrnoException).code === 'ENOENT';
    markUnreadable(tree, absolute, relative, broken ? 'broken symbolic link' : fsCause(error));
    return undefined;
  }
}

/** Reads the target tree without following symbolic links. */
export async function scanTarget(root: string): Promise<Map<string, TreeEntry>> {
  const entries = new Map<string, TreeEntry>();
  const walk = async (dir: string, relDir: string): Promise<void> => {
    for (const dirent of await readdir(dir, { withFileTypes: true })) {
      const relative = path.join(relDir, dirent.name);
      const entry = await lstat(path.join(dir, dirent.name));
      const kind: EntryKind = entry.isDirectory() ? 'directory' : entry.isFile() ? 'file' : 'other';
      entries.set(relative, toEntry(kind, entry));
      if (kind === 'directory') await walk(path.join(dir, dirent.name), relative);
    }
  };
  await walk(root, '');
  return entries;
}

/** A short cause for a file-system error: "permission denied (EACCES)". */
export function fsCause(error: unknown): string {
  const { code, message } = error as NodeJS.ErrnoException;
  const known: Record<string, string> = {
    ENOENT: 'no longer exists',
    EACCES: 'permission denied',
    EPERM: 'operation not permitted',
    ELOOP: 'too many levels of symbolic links',
    EISDIR: 'is a directory',
    EIO: 'input/output error',
  };
  const text = (code && known[code]) ?? message ?? String(error);
  return code ? `${text} (${code})` : text;
}

function markUnreadable(tree: SourceTree, absolute: string, relative: string, cause: string): void {
  tree.unreadable.push({ path: absolute, cause });
  tree.unknown.add(relative);
}

function toEntry(kind: EntryKind, stats: { size: number; mtimeMs: number; atimeMs: number }): TreeEntry {
  return { kind, size: kind === 'file' ? stats.size : 0, mtimeMs: stats.mtimeMs, atimeMs: stats.atimeMs };
}

function identity(stats: { dev: number; ino: number }): string {
  return `${stats.dev}:${stats.ino}`;
}
