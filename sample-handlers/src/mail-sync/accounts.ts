import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { CodedError } from '../shared/coded-error.js';

/**
 * One user of the account file `{"users": {"alice": {"salt", "sha256"}}}`: sha256 is the hex
 * SHA-256 of the UTF-8 bytes of salt (the hex string as written) followed by the password.
 */
export interface AccountEntry {
  salt: string;
  sha256: string;
}

/** Why a logon could not be checked, or why hashPassword refused its salt. */
export type AccountErrorCode = 'ACCOUNTS_UNREADABLE' | 'ACCOUNTS_INVALID' | 'INVALID_SALT';

/** A problem with the account file itself (not a wrong password); the message names the file. */
export class AccountError extends CodedError<AccountErrorCode> {
  override readonly name = 'AccountError';
}

/** The outcome of a logon: why it failed, if it did. */
export type LogonCheck = { ok: true } | { ok: false; reason: 'wrong password' | 'unknown user' };

const HEX = /^(?:[0-9a-fA-F]{2})*$/;
const SHA256_HEX = /^[0-9a-fA-F]{64}$/;

/** An account entry for a password: a random 16-byte salt unless one (hex) is given. */
export function hashPassword(password: string, salt: string = randomBytes(16).toString('hex')): AccountEntry {
  if (!HEX.test(salt)) throw new AccountError('INVALID_SALT', `salt "${salt}" is not a hex string`);
  return { salt, sha256: digest(salt, password).toString('hex') };
}

/** Checks a user's password against the account file, read afresh so edits apply at once. */
export async function checkLogon(accountFile: string, user: string, password: string): Promise<LogonCheck> {
  const entry = (await readAccounts(accountFile)).get(user);
  // An unknown user costs a hash and a comparison too, so timing does not tell which users exist.
  const expected = Buffer.from(entry?.sha256 ?? '00'.repeat(32), 'hex');
  const matches = timingSafeEqual(digest(entry?.salt ?? '', password), expected);
  if (!entry) return { ok: false, reason: 'unknown user' };
  return matches ? { ok: true } : { ok: false, reason: 'wrong password' };
}

async function readAccounts(accountFile: string): Promise<Map<string, AccountEntry>> {
  let json: unknown;
  try {
    json = JSON.parse(await readFile(accountFile, 'utf8'));
  } catch (error) {
    const unreadable = !(error instanceof SyntaxError);
    const what = unreadable ? 'cannot be read' : 'is not valid JSON';
    throw new AccountError(unreadable ? 'ACCOUNTS_UNREADABLE' : 'ACCOUNTS_INVALID', `account file "${accountFile}" ${what}: ${messageOf(error)}`, {
      cause: error,
    });
  }
  const invalid = (problem: string): AccountError => new AccountError('ACCOUNTS_INVALID', `account file "${accountFile}": ${problem}`);
  const users = isRecord(json) ? json['users'] : undefined;
  if (!isRecord(users)) throw invalid('expected an object with a "users" object');
  const accounts = new Map<string, AccountEntry>();
  for (const [user, entry] of Object.entries(users)) {
    if (!isRecord(entry) || typeof entry['salt'] !== 'string' || !HEX.test(entry['salt'])) throw invalid(`users.${user}.salt must be a hex string`);
    if (typeof entry['sha256'] !== 'string' || !SHA256_HEX.test(entry['sha256'])) throw invalid(`users.${user}.sha256 must be 64 hex digits`);
    accounts.set(user, { salt: entry['salt'], sha256: entry['sha256'] });
  }
  return accounts;
}

function digest(salt: string, password: string): Buffer {
  return createHash('sha256')
    .update(salt + password, 'utf8')
    .digest();
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
