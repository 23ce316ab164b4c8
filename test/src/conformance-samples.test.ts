// Every sample handler, and the README's TypeScript example, keeps the contract: the kit passes
// with an empty expected-failures file. Each is configured with one item that fails, so its log
// entries, ShowError and retry are exercised too; the tables land in artifacts/conformance/.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import ts from 'typescript';
import { DEMO_MAIL_USER, prepareMailSample } from '@syncmgr/sample-handlers/demo';
import { codeBlocks } from './support/code-blocks.js';
import { idsWith, keepTable, runKit, statusOf, type KitRun } from './support/conformance-run.js';
import { makeRepository } from './support/git-repositories.js';
import { folderSyncMain, tarSnapshotMain } from './support/paths.js';
import { inRepo } from './support/repo-paths.js';
import { tempDir } from './support/temp-dir.js';
import { messageOf, typeCheck } from './support/type-check.js';

const RAN = ['pass', 'warning'];

let dir: string;
let remove: () => Promise<void>;
let empty: string;

beforeAll(async () => {
  ({ dir, remove } = await tempDir('syncmgr-conformance-samples-'));
  empty = path.join(dir, 'expected-failures.txt');
  await writeFile(empty, '');
});
afterAll(() => remove());

async function folders(...names: string[]): Promise<void> {
  for (const name of names) {
    await mkdir(path.join(dir, 'sources', name), { recursive: true });
    await writeFile(path.join(dir, 'sources', name, `${name}.txt`), `the ${name} folder\n`);
  }
}

async function json(name: string, value: unknown): Promise<string> {
  const file = path.join(dir, name);
  await writeFile(file, JSON.stringify(value));
  return file;
}

/** Runs the kit with the empty expected-failures file, keeps the table, and expects it to pass. */
async function conformance(name: string, command: readonly string[], options: readonly string[] = []): Promise<KitRun> {
  const run = await runKit(dir, ['--expected-failures', empty, ...options], command);
  await keepTable(name, run);
  expect(idsWith(run, 'fail')).toEqual([]);
  expect(run.exitCode).toBe(0);
  return run;
}

describe('syncmgr conformance on the samples, with an empty expected-failures file', () => {
  beforeAll(() => folders('documents', 'pictures'));

  it('folder-sync (TypeScript, on the SDK)', async () => {
    const pairs = ['documents', 'pictures', 'unplugged'].map((folder) => ({ name: folder, source: `sources/${folder}`, target: `mirror/${folder}` }));
    const run = await conformance('folder-sync', [process.execPath, folderSyncMain, '--config', await json('folder-sync.json', { pairs })]);
    for (const id of ['enumerator.skip', 'enumerator.reset', 'enumerator.clone', 'modeless.show-properties', 'lifecycle.exit-on-parent-death']) {
      expect([id, statusOf(run, id)]).toEqual([id, 'pass']);
    }
  }, 300_000);

  it('mail-sync (TypeScript, on the SDK), logging on with a wrong password', async () => {
    const config = await prepareMailSample(path.join(dir, 'mail'));
    const mailSync = inRepo('sample-handlers', 'dist', 'mail-sync', 'main.js');
    const run = await conformance(
      'mail-sync',
      [process.execPath, mailSync, '--config', config],
      ['--answer', `user=${DEMO_MAIL_USER}`, '--answer', 'password=wrong'],
    );
    for (const id of ['modeless.token', 'modeless.refusal', 'log.levels', 'log.show-error']) expect([id, statusOf(run, id)]).toEqual([id, 'pass']);
  }, 300_000);

  it('tar-snapshot (Python, no SDK)', async () => {
    await mkdir(path.join(dir, 'archives'), { recursive: true });
    const config = await json('tar-snapshot.json', {
      archiveDir: 'archives',
      folders: ['documents', 'pictures', 'unplugged'].map((folder) => ({ name: folder, path: `sources/${folder}` })),
    });
    const run = await conformance('tar-snapshot', ['python3', tarSnapshotMain, '--config', config]);
    for (const id of ['log.levels', 'verdicts.cancel-item', 'lifecycle.exit-on-parent-death']) expect([id, statusOf(run, id)]).toEqual([id, 'pass']);
  }, 300_000);

  it('git-mirror (Python, on the Python SDK)', async () => {
    const repositories = [
      { name: 'alpha', source: await makeRepository(dir, 'alpha', 3), mirror: 'mirrors/alpha.git' },
      { name: 'beta', source: await makeRepository(dir, 'beta', 2), mirror: 'mirrors/beta.git' },
      { name: 'unplugged', source: path.join(dir, 'no-such-repository'), mirror: 'mirrors/unplugged.git' },
    ];
    const gitMirror = inRepo('sample-handlers', 'git-mirror', 'git_mirror.py');
    const run = await conformance('git-mirror', ['python3', gitMirror, '--config', await json('git-mirror.json', { repositories })]);
    for (const id of ['log.levels', 'log.show-error', 'modeless.token', 'modeless.refusal', 'modeless.show-properties', 'lifecycle.exit-on-parent-death']) {
      expect([id, statusOf(run, id)]).toEqual([id, 'pass']);
    }
  }, 300_000);

  it("the README's TypeScript example", async () => {
    const readme = inRepo('README.md');
    const example = codeBlocks(readme, 'ts').find((block) => block.code.includes('runHandler(handler)'));
    expect(example).toBeDefined();
    // Beside the workspace's node_modules, so '@syncmgr/handler-sdk' resolves as it would for a user.
    const folder = await mkdtemp(path.join(inRepo('test'), '.readme-example-'));
    try {
      const source = path.join(folder, 'bookmarks.mts');
      await writeFile(source, example?.code ?? '');
      expect(typeCheck([source]).map(messageOf)).toEqual([]);
      const { outputText } = ts.transpileModule(example?.code ?? '', { compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 } });
      const file = path.join(folder, 'bookmarks.mjs');
      await writeFile(file, outputText);
      const run = await conformance('readme-example', [process.execPath, file]);
      expect(RAN).toContain(statusOf(run, 'verdicts.cancel-all'));
      expect(statusOf(run, 'session.final-status')).toBe('pass');
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  }, 300_000);
});
