import { access, constants, copyFile, mkdir, open, realpath, rename, rm, stat, utimes } from 'node:fs/promises';
import path from 'node:path';
import { isSameOrInside } from './config.js';
import { fsCause, scanSource, scanTarget, type Unreadable } from './folder-scan.js';
import { planMirror, type FileCopy, type MirrorPlan } from './mirror-plan.js';
import { CodedError } from '../shared/coded-error.js';

/** Where a mirror is: the file about to be copied (none at the end) and the bytes so far. */
export interface MirrorProgress {
  path?: string;
  bytesDone: number;
  totalBytes: number;
}

/** Hooks of mirrorFolder; both may be asynchronous, and the mirror waits for them. */
export interface MirrorOptions {
  /** Checked between files; when it aborts, mirrorFolder throws a MirrorAbortedError. */
  signal?: AbortSignal;
  onProgress?(progress: MirrorProgress): unknown;
  onUnreadable?(unreadable: Unreadable): unknown;
}

/** What a mirror did. */
export interface MirrorSummary {
  copied: number;
  removed: number;
  directoriesCreated: number;
  unreadable: number;
  bytesCopied: number;
}

/** Why a mirror could not run at all. */
export type MirrorErrorCode = 'SOURCE_UNAVAILABLE' | 'TARGET_UNAVAILABLE' | 'OVERLAPPING_FOLDERS';

/** A mirror that could not run; the message names the folder. */
export class MirrorError extends CodedError<MirrorErrorCode> {
  override readonly name = 'MirrorError';
}

/** Thrown when the signal aborts between files. */
export class MirrorAbortedError extends Error {
  override readonly name = 'AbortError';

  constructor() {
    super('the mirror was stopped');
  }
}

/**
 * Makes target a mirror of source: copies new and changed files (size or mtime differ,
 * mtime preserved), creates directories, and deletes what the source does not have.
 * A source file that cannot be read is reported through onUnreadable and skipped.
 */
export async function mirrorFolder(source: string, target: string, options: MirrorOptions = {}): Promise<MirrorSummary> {
  const checkStop = (): void => {
    if (options.signal?.aborted) throw new MirrorAbortedError();
  };
  await checkFolders(source, target);
  const sourceTree = await readTree('source', source, () => scanSource(source, checkStop));
  const plan = planMirror(sourceTree, await readTree('target', target, () => scanTarget(target)));
  const summary: MirrorSummary = { copied: 0, removed: 0, directoriesCreated: 0, unreadable: 0, bytesCopied: 0 };
  const reportUnreadable = async (unreadable: Unreadable): Promise<void> => {
    summary.unreadable++;
    await options.onUnreadable?.(unreadable);
  };
  for (const unreadable of sourceTree.unreadable) await reportUnreadable(unreadable);
  for (const relative of plan.removals) {
    checkStop();
    await rm(path.join(target, relative), { recursive: true, force: true });
    summary.removed++;
  }
  for (const relative of plan.directories) {
    await mkdir(path.join(target, relative), { recursive: true });
    summary.directoriesCreated++;
  }
  await copyFiles(source, target, plan, { ...options, checkStop, reportUnreadable, summary });
  return summary;
}

interface CopyRun extends MirrorOptions {
  checkStop(): void;
  reportUnreadable(unreadable: Unreadable): Promise<void>;
  summary: MirrorSummary;
}

async function copyFiles(source: string, target: string, plan: MirrorPlan, run: CopyRun): Promise<void> {
  const { summary } = run;
  for (const copy of plan.copies) {
    await run.onProgress?.({ path: copy.relative, bytesDone: summary.bytesCopied, totalBytes: plan.totalBytes });
    run.checkStop();
    const unreadable = await copyPreservingTime(path.join(source, copy.relative), path.join(target, copy.relative), copy);
    if (unreadable) await run.reportUnreadable(unreadable);
    else summary.copied++;
    summary.bytesCopied += copy.entry.size;
  }
  await run.onProgress?.({ bytesDone: plan.totalBytes, totalBytes: plan.totalBytes });
}

async function readTree<T>(role: 'source' | 'target', root: string, scan: () => Promise<T>): Promise<T> {
  try {
    return await scan();
  } catch (error) {
    if (error instanceof MirrorAbortedError) throw error;
    const code = role === 'source' ? 'SOURCE_UNAVAILABLE' : 'TARGET_UNAVAILABLE';
    throw new MirrorError(code, `${role} folder "${root}" cannot be read: ${fsCause(error)}`, { cause: error });
  }
}

async function checkFolders(source: string, target: string): Promise<void> {
  const sourceStat = await stat(source).catch((error: unknown) => {
    throw new MirrorError('SOURCE_UNAVAILABLE', `source folder "${source}" is unavailable: ${fsCause(error)}`, { cause: error });
  });
  if (!sourceStat.isDirectory()) throw new MirrorError('SOURCE_UNAVAILABLE', `source "${source}" is not a folder`);
  await access(source, constants.R_OK | constants.X_OK).catch((error: unknown) => {
    throw new MirrorError('SOURCE_UNAVAILABLE', `source folder "${source}" cannot be read: ${fsCause(error)}`, { cause: error });
  });
  await mkdir(target, { recursive: true }).catch((error: unknown) => {
    throw new MirrorError('TARGET_UNAVAILABLE', `target folder "${target}" cannot be created: ${fsCause(error)}`, { cause: error });
  });
  // Symbolic links can make folders overlap that the config's paths keep apart.
  const [realSource, realTarget] = await Promise.all([realpath(source), realpath(target)]);
  if (isSameOrInside(realSource, realTarget) || isSameOrInside(realTarget, realSource)) {
    throw new MirrorError('OVERLAPPING_FOLDERS', `source "${realSource}" and target "${realTarget}" overlap; not mirroring`);
  }
}

/** Copies through a temporary file, so a target file is never half-written. */
async function copyPreservingTime(from: string, to: string, copy: FileCopy): Promise<Unreadable | undefined> {
  const unreadable = await checkReadable(from);
  if (unreadable) return unreadable;
  const temporary = path.join(path.dirname(to), `.${path.basename(to)}.folder-sync-${process.pid}.tmp`);
  try {
    await copyFile(from, temporary);
    await utimes(temporary, copy.entry.atimeMs / 1000, copy.entry.mtimeMs / 1000);
    await rename(temporary, to);
    return undefined;
  } catch (error) {
    await rm(temporary, { force: true });
    // The source may have vanished between the scan and the copy: that is an unreadable file too.
    const vanished = await checkReadable(from);
    if (vanished) return vanished;
    throw new Error(`cannot write "${to}": ${fsCause(error)}`, { cause: error });
  }
}

async function checkReadable(file: string): Promise<Unreadable | undefined> {
  try {
    await (await open(file, 'r')).close();
    return undefined;
  } catch (error) {
    return { path: file, cause: fsCause(error) };
  }
}
