import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { CodedError } from '../shared/coded-error.js';

/** One mailbox: its display name and its folder under both the server and the local folder. */
export interface Mailbox {
  name: string;
  /** Relative to the server and local folders, as written in the config. */
  folder: string;
}

/** mail-sync's config, with every path absolute. */
export interface MailConfig {
  user: string;
  accountFile: string;
  server: string;
  local: string;
  mailboxes: Mailbox[];
}

/** Why the config cannot be used; main turns it into exit code 2. */
export type MailConfigErrorCode = 'CONFIG_UNREADABLE' | 'CONFIG_INVALID';

/** A config file that is missing, unreadable or malformed; the message names the file and the field. */
export class MailConfigError extends CodedError<MailConfigErrorCode> {
  override readonly name = 'MailConfigError';
}

// SyncMgr's MAX_SYNCMGRITEMNAME: a mailbox's name becomes its item's display name.
const MAX_NAME_LENGTH = 128;

type Invalid = (problem: string) => MailConfigError;

/**
 * Reads `{"user", "accountFile", "server", "local", "mailboxes": [{"name", "folder"}]}`.
 * accountFile, server and local resolve against the config file's directory.
 */
export async function loadMailConfig(file: string): Promise<MailConfig> {
  const configPath = path.resolve(file);
  let json: unknown;
  try {
    json = JSON.parse(await readFile(configPath, 'utf8'));
  } catch (error) {
    const code = error instanceof SyntaxError ? 'CONFIG_INVALID' : 'CONFIG_UNREADABLE';
    const what = code === 'CONFIG_INVALID' ? 'is not valid JSON' : 'cannot be read';
    throw new MailConfigError(code, `config file "${configPath}" ${what}: ${messageOf(error)}`, { cause: error });
  }
  const invalid: Invalid = (problem) => new MailConfigError('CONFIG_INVALID', `config file "${configPath}": ${problem}`);
  return parseMailConfig(json, path.dirname(configPath), invalid);
}

function parseMailConfig(json: unknown, baseDir: string, invalid: Invalid): MailConfig {
  if (!isRecord(json)) throw invalid('expected an object with "user", "accountFile", "server", "local" and "mailboxes"');
  const text = (field: string): string => nonEmptyString(json[field], field, invalid);
  const config: MailConfig = {
    user: text('user'),
    accountFile: path.resolve(baseDir, text('accountFile')),
    server: path.resolve(baseDir, text('server')),
    local: path.resolve(baseDir, text('local')),
    mailboxes: parseMailboxes(json['mailboxes'], invalid),
  };
  if (isSameOrInside(config.local, config.server) || isSameOrInside(config.server, config.local)) {
    throw invalid(`server "${config.server}" and local "${config.local}" overlap; downloads would land on the server`);
  }
  return config;
}

function parseMailboxes(value: unknown, invalid: Invalid): Mailbox[] {
  if (!Array.isArray(value)) throw invalid('"mailboxes" must be an array of {"name", "folder"}');
  const seen = new Map<string, number>();
  return value.map((entry: unknown, index) => {
    const where = `mailboxes[${index}]`;
    if (!isRecord(entry)) throw invalid(`${where} must be an object with "name" and "folder"`);
    const name = nonEmptyString(entry['name'], `${where}.name`, invalid);
    if (name.length > MAX_NAME_LENGTH) throw invalid(`${where}.name is ${name.length} characters long; at most ${MAX_NAME_LENGTH} are allowed`);
    const folder = checkFolder(nonEmptyString(entry['folder'], `${where}.folder`, invalid), where, invalid);
    const first = seen.get(folder);
    if (first !== undefined) throw invalid(`${where}.folder "${folder}" repeats mailboxes[${first}].folder`);
    seen.set(folder, index);
    return { name, folder };
  });
}

// The folder is joined under both the server and the local folder, so it must stay inside them.
function checkFolder(folder: string, where: string, invalid: Invalid): string {
  // "a", "a/" and "./a" name one folder, so they must compare (and derive item IDs) alike.
  const normalized = path.normalize(folder).replace(/[\\/]+$/, '');
  if (path.isAbsolute(folder) || normalized === '.' || normalized === '' || normalized.split(path.sep).includes('..')) {
    throw invalid(`${where}.folder "${folder}" must be a relative path inside the server and local folders`);
  }
  return normalized;
}

function nonEmptyString(value: unknown, where: string, invalid: Invalid): string {
  if (typeof value !== 'string' || value.trim() === '') throw invalid(`${where} must be a non-empty string`);
  return value;
}

function isSameOrInside(inner: string, outer: string): boolean {
  const relative = path.relative(outer, inner);
  return !(relative === '..' || relative.startsWith(`..${path.sep}`) || path.isAbsolute(relative));
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
