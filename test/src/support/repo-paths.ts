// Where the repository's folders are, seen from the compiled test (test/dist/src/support/*.js).
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root: test/dist/src/support → four levels up. */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..');

/** An absolute path inside the repository, from its root-relative parts. */
export function inRepo(...parts: string[]): string {
  return path.join(repoRoot, ...parts);
}
