import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { CodedError } from '../shared/coded-error.js';

/** One folder pair of the config: source is mirrored into target. Paths are absolute. */
export interface FolderPair {
  name: string;
  source: string;
  target: string;
}

/** Why the config cannot be used; main turns it into exit code 2. */
export type ConfigErrorCode = 'CONFIG_UNREADABLE' | 'CONFIG_INVALID';

/** A config file that is missing, unreadable or malformed; the message names the file. */
export class ConfigError extends CodedError<ConfigErrorCode> {
  override readonly name = 'ConfigError';
}

// SyncMgr's MAX_SYNCMGRITEMNAME: the pair's name becomes the item's display name.
const MAX_NAME_LENGTH = 128;

/** The config's JSON as written: relative paths unresolved, unknown fields kept for a rewrite. */
export type ConfigJson = Record<string, unknown> & { pairs: unknown[] };

/** A config file as read: its absolute path, its JSON as written, and its pairs (index for index). */
export interface ConfigDocument {
  file: string;
  json: ConfigJson;
  pairs: FolderPair[];
}

/**
 * Reads and checks `{"pairs":[{"name","source","target"}]}`, keeping its JSON as written for
 * properties to edit. Relative paths resolve against the config file's directory.
 */
export async function readConfigDocument(file: string): Promise<ConfigDocument> {
  const configPath = path.resolve(file);
  let text: string;
  try {
    text = await readFile(configPath, 'utf8');
  } catch (error) {
    throw new ConfigError('CONFIG_UNREADABLE', `config file "${configPath}" cannot be read: ${messageOf(error)}`, { cause: error });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new ConfigError('CONFIG_INVALID', `config file "${configPath}" is not valid JSON: ${messageOf(error)}`, { cause: error });
  }
  const invalid = (problem: string): ConfigError => new ConfigError('CONFIG_INVALID', `config file "${configPath}": ${problem}`);
  const pairs = parsePairs(json, path.dirname(configPath), invalid);
  return { file: configPath, json: json as ConfigJson, pairs };
}

/** The pairs of a config's JSON, checked; invalid turns a problem into the error to throw. */
export function parsePairs(json: unknown, baseDir: string, invalid: (problem: string) => Error): FolderPair[] {
  const pairs = isRecord(json) ? json['pairs'] : undefined;
  if (!Array.isArray(pairs)) throw invalid('expected an object with a "pairs" array');
  const parsed = pairs.map((entry: unknown, index) => parsePair(entry, `pairs[${index}]`, baseDir, invalid));
  checkDistinct(parsed, invalid);
  return parsed;
}

function parsePair(entry: unknown, where: string, baseDir: string, invalid: (problem: string) => Error): FolderPair {
  if (!isRecord(entry)) throw invalid(`${where} must be an object with "name", "source" and "target"`);
  const text = (field: string): string => {
    const value = entry[field];
    if (typeof value !== 'string' || value.trim() === '') throw invalid(`${where}.${field} must be a non-empty string`);
    return value;
  };
  const name = text('name');
  if (name.length > MAX_NAME_LENGTH) throw invalid(`${where}.name is ${name.length} characters long; at most ${MAX_NAME_LENGTH} are allowed`);
  const source = path.resolve(baseDir, text('source'));
  const target = path.resolve(baseDir, text('target'));
  if (isSameOrInside(source, target) || isSameOrInside(target, source)) {
    throw invalid(`${where}: source "${source}" and target "${target}" overlap; a mirror would destroy one of them`);
  }
  return { name, source, target };
}

function checkDistinct(pairs: readonly FolderPair[], invalid: (problem: string) => Error): void {
  const seen = new Map<string, number>();
  pairs.forEach((pair, index) => {
    const key = `${pair.source}\0${pair.target}`;
    const first = seen.get(key);
    if (first !== undefined) throw invalid(`pairs[${index}] repeats pairs[${first}] (same source and target)`);
    seen.set(key, index);
  });
}

/** True when inner is outer itself or lies inside it. */
export function isSameOrInside(inner: string, outer: string): boolean {
  const relative = path.relative(outer, inner);
  const outside = relative === '..' || relative.startsWith(`..${path.sep}`) || path.isAbsolute(relative);
  return !outside;
}

/** True for a plain JSON object. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
