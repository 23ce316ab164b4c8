import { mkdir, readdir } from 'node:fs/promises';
import path from 'node:path';
import { execa } from 'execa';
import { inRepo } from './support/repo-paths.js';
import { SCRATCH_CLSID, SCRATCH_ITEMS, writeScratchProject } from './support/scratch-project.js';
import { tempDir } from './support/temp-dir.js';

const PACKAGES = ['protocol', 'host', 'handler-sdk'];
// Packing runs each package's prepack (an incremental build); installing may fetch third-party packages.
const PACK_TIMEOUT_MS = 120_000;
const INSTALL_TIMEOUT_MS = 300_000;
const RUN_TIMEOUT_MS = 60_000;
const SETUP_TIMEOUT_MS = PACKAGES.length * PACK_TIMEOUT_MS + INSTALL_TIMEOUT_MS + RUN_TIMEOUT_MS;

// The outer `npm test` exports npm_* settings (the workspace, its prefix) that must not leak into a project elsewhere.
const cleanEnv = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.toLowerCase().startsWith('npm_')));
const run = (file: string, args: string[], cwd: string, timeout: number) => execa(file, args, { cwd, env: cleanEnv, extendEnv: false, timeout });

interface ScratchOutput {
  report: { handlers: { clsid: string; result: string; items: { name: string; status: string; text?: string }[] }[] };
  statuses: string[];
}

describe('the packed packages, installed in a project outside the repository', () => {
  let dir: string;
  let remove: () => Promise<void>;
  let project: string;

  beforeAll(async () => {
    ({ dir, remove } = await tempDir('syncmgr-packages-'));
    const tarballs = path.join(dir, 'tarballs');
    project = path.join(dir, 'project');
    await mkdir(tarballs);
    await mkdir(project);
    for (const name of PACKAGES) await run('npm', ['pack', '--pack-destination', tarballs, '--silent'], inRepo(name), PACK_TIMEOUT_MS);
    const files = (await readdir(tarballs)).map((file) => path.join(tarballs, file));
    await writeScratchProject(project, inRepo('node_modules', '@types'));
    await run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', ...files], project, INSTALL_TIMEOUT_MS);
  }, SETUP_TIMEOUT_MS);

  afterAll(() => remove());

  it(
    'compiles a handler on runHandler and an application on SyncManager against the installed types, and syncs',
    async () => {
      await run(process.execPath, [inRepo('node_modules', 'typescript', 'bin', 'tsc'), '-p', project], project, RUN_TIMEOUT_MS);
      const home = path.join(dir, 'home');
      const app = await run(process.execPath, ['app.js', home, path.join(project, 'handler.js')], project, RUN_TIMEOUT_MS);
      const { report, statuses } = JSON.parse(String(app.stdout)) as ScratchOutput;
      expect(report.handlers).toHaveLength(1);
      expect(report.handlers[0]).toMatchObject({ clsid: SCRATCH_CLSID, result: 'succeeded' });
      expect(report.handlers[0]!.items.map(({ name, status, text }) => ({ name, status, text }))).toEqual(
        SCRATCH_ITEMS.map((name) => ({ name, status: 'succeeded', text: `copied ${name}` })),
      );
      expect(statuses.filter((status) => status === 'succeeded')).toHaveLength(SCRATCH_ITEMS.length);

      const list = await run(path.join(project, 'node_modules', '.bin', 'syncmgr'), ['--home', home, 'list', '--json'], project, RUN_TIMEOUT_MS);
      expect(JSON.parse(String(list.stdout))).toEqual([expect.objectContaining({ clsid: SCRATCH_CLSID, name: 'Scratch' })]);
    },
    3 * RUN_TIMEOUT_MS,
  );
});
