import { readFile } from 'node:fs/promises';
import { HostError } from '../errors.js';
import { isCheckId, type CheckId } from './check-catalogue.js';

/**
 * Reads an expected-failures file: one check id per line; `#` starts a comment (say why there).
 * An id the kit does not know is refused, so a typo cannot hide a failure.
 */
export async function readExpectedFailures(file: string): Promise<Set<CheckId>> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new HostError('USAGE', `cannot read the expected-failures file ${file}: ${(error as Error).message}`, { cause: error });
  }
  return parseExpectedFailures(text, file);
}

export function parseExpectedFailures(text: string, file: string): Set<CheckId> {
  const ids = new Set<CheckId>();
  for (const [index, line] of text.split(/\r?\n/).entries()) {
    const id = line.replace(/#.*/, '').trim();
    if (id === '') continue;
    if (!isCheckId(id)) throw new HostError('USAGE', `${file}:${index + 1}: "${id}" is not a check of the kit (see syncmgr conformance --list)`);
    ids.add(id);
  }
  return ids;
}
