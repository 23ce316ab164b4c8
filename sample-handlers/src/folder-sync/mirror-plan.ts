import path from 'node:path';
import type { SourceTree, TreeEntry } from './folder-scan.js';

/** A file to copy, by its path relative to both roots. */
export interface FileCopy {
  relative: string;
  entry: TreeEntry;
}

/** What makes the target a mirror of the source. Each list is in an order that can be applied. */
export interface MirrorPlan {
  /** Target paths to delete (topmost only; a directory goes with its contents). */
  removals: string[];
  /** Directories to create, parents first. */
  directories: string[];
  copies: FileCopy[];
  totalBytes: number;
}

/** Compares the trees. Paths under an unreadable source path are left alone in the target. */
export function planMirror(source: SourceTree, target: ReadonlyMap<string, TreeEntry>): MirrorPlan {
  const removals = planRemovals(source, target);
  const removed = (relative: string): boolean => isAtOrUnder(relative, removals);
  const directories: string[] = [];
  const copies: FileCopy[] = [];
  for (const [relative, entry] of [...source.entries].sort(byPath)) {
    const existing = removed(relative) ? undefined : target.get(relative);
    if (entry.kind === 'directory' && existing?.kind !== 'directory') directories.push(relative);
    if (entry.kind === 'file' && !isSameFile(entry, existing)) copies.push({ relative, entry });
  }
  const totalBytes = copies.reduce((sum, copy) => sum + copy.entry.size, 0);
  return { removals: [...removals], directories, copies, totalBytes };
}

function planRemovals(source: SourceTree, target: ReadonlyMap<string, TreeEntry>): Set<string> {
  const removals = new Set<string>();
  for (const [relative, existing] of [...target].sort(byPath)) {
    if (isAtOrUnder(relative, removals) || isAtOrUnder(relative, source.unknown)) continue;
    const wanted = source.entries.get(relative);
    if (!wanted || wanted.kind !== existing.kind) removals.add(relative);
  }
  return removals;
}

// Size and modification time decide, as robocopy does; times compare at millisecond precision,
// which is what the copy preserves.
function isSameFile(wanted: TreeEntry, existing: TreeEntry | undefined): boolean {
  return existing?.kind === 'file' && existing.size === wanted.size && Math.floor(existing.mtimeMs) === Math.floor(wanted.mtimeMs);
}

function isAtOrUnder(relative: string, roots: ReadonlySet<string>): boolean {
  for (let current = relative; current !== '.' && current !== ''; current = path.dirname(current)) {
    if (roots.has(current)) return true;
  }
  return false;
}

function byPath([a]: [string, unknown], [b]: [string, unknown]): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
