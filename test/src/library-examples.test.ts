import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { codeBlocks } from './support/code-blocks.js';
import { inRepo } from './support/repo-paths.js';
import { messageOf, typeCheck } from './support/type-check.js';

const GUIDE = inRepo('host', 'LIBRARY.md');

// Each block is its own module in a folder inside test/, so '@syncmgr/host' resolves to the built workspace packages.
describe('the examples of host/LIBRARY.md', () => {
  const blocks = codeBlocks(GUIDE, 'ts');
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(inRepo('test'), '.library-examples-'));
  });

  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('has examples', () => {
    expect(blocks.length).toBeGreaterThanOrEqual(5);
  });

  it('all compile against the built packages', async () => {
    const files = await Promise.all(
      blocks.map(async (block) => {
        const file = path.join(dir, `line-${block.line}.ts`);
        await writeFile(file, block.code);
        return file;
      }),
    );
    const problems = typeCheck(files).map((diagnostic) => {
      const where = diagnostic.file ? `LIBRARY.md block at ${path.basename(diagnostic.file.fileName, '.ts')}` : 'LIBRARY.md';
      return `${where}: ${messageOf(diagnostic)}`;
    });
    expect(problems).toEqual([]);
  }, 120_000);
});
