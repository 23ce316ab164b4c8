import { copyFile, mkdir, readdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { readSubject } from './message-header.js';
import { CodedError } from '../shared/coded-error.js';

/** The message about to be downloaded: its position among the new ones, and its subject. */
export interface MessageProgress {
  /** 1-based. */
  number: number;
  total: number;
  subject: string;
}

/** Hooks of downloadMailbox. */
export interface DownloadHooks {
  /** Awaited before each message; throwing (e.g. after a skip or cancel) stops the download there. */
  beforeMessage(progress: MessageProgress): Promise<void>;
}

/** What a download did. */
export interface DownloadSummary {
  downloaded: number;
  /** Messages that were already local. */
  present: number;
}

/** Why a mailbox could not be downloaded. */
export type MailboxErrorCode = 'SERVER_UNAVAILABLE' | 'LOCAL_UNAVAILABLE';

/** A mailbox folder that cannot be read or written; the message names the folder. */
export class MailboxError extends CodedError<MailboxErrorCode> {
  override readonly name = 'MailboxError';
}

/**
 * "Downloads" a mailbox: copies every *.eml message of the server folder that the local
 * folder does not have yet, in name order, each through a temporary file.
 */
export async function downloadMailbox(serverDir: string, localDir: string, hooks: DownloadHooks): Promise<DownloadSummary> {
  const onServer = await listMessages(serverDir).catch((error: unknown) => {
    throw new MailboxError('SERVER_UNAVAILABLE', `server mailbox "${serverDir}" cannot be read: ${causeOf(error)}`, { cause: error });
  });
  const local = await prepareLocal(localDir);
  const missing = onServer.filter((name) => !local.has(name));
  for (const [index, name] of missing.entries()) {
    const subject = (await readSubject(path.join(serverDir, name))) ?? '(no subject)';
    await hooks.beforeMessage({ number: index + 1, total: missing.length, subject });
    await copyMessage(path.join(serverDir, name), path.join(localDir, name));
  }
  return { downloaded: missing.length, present: onServer.length - missing.length };
}

async function prepareLocal(localDir: string): Promise<Set<string>> {
  try {
    await mkdir(localDir, { recursive: true });
    return new Set(await listMessages(localDir));
  } catch (error) {
    throw new MailboxError('LOCAL_UNAVAILABLE', `local mailbox "${localDir}" cannot be used: ${causeOf(error)}`, { cause: error });
  }
}

/** The *.eml files of a folder (hidden ones excluded, as a shell's glob would), sorted by name. */
async function listMessages(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile() && entry.name.endsWith('.eml') && !entry.name.startsWith('.'))
    .map((entry) => entry.name)
    .sort();
}

// A message stopped halfway must not look downloaded next time, so it appears only whole.
async function copyMessage(from: string, to: string): Promise<void> {
  const temporary = path.join(path.dirname(to), `.${path.basename(to)}.mail-sync-${process.pid}.tmp`);
  try {
    await copyFile(from, temporary);
    await rename(temporary, to);
  } catch (error) {
    await rm(temporary, { force: true });
    throw new Error(`cannot download "${from}" to "${to}": ${causeOf(error)}`, { cause: error });
  }
}

/** "no such file or directory (ENOENT)": Node's message without the code and the path repeated. */
function causeOf(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const { code } = error as NodeJS.ErrnoException;
  if (!code) return error.message;
  return `${error.message.replace(`${code}: `, '').replace(/, \w+ '.*'$/, '')} (${code})`;
}
