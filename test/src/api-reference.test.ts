import { execa } from 'execa';
import { inRepo, repoRoot } from './support/repo-paths.js';

// TypeDoc converts all three packages' sources: on a loaded 2-core machine that takes up to a minute.
const TYPEDOC_TIMEOUT_MS = 180_000;

describe('the generated API reference', () => {
  it(
    'documents every public symbol of host and handler-sdk (typedoc.json validation, warnings are errors)',
    async () => {
      const typedoc = inRepo('node_modules', 'typedoc', 'bin', 'typedoc');
      const result = await execa(process.execPath, [typedoc, '--emit', 'none'], { cwd: repoRoot, reject: false, timeout: TYPEDOC_TIMEOUT_MS });
      const warnings = `${result.stdout}\n${result.stderr}`.split('\n').filter((line) => /\[(warning|error)\]/.test(line));
      expect(warnings).toEqual([]);
      expect(result.exitCode).toBe(0);
    },
    TYPEDOC_TIMEOUT_MS + 10_000,
  );
});
