// The git-mirror sample (Python, on the Python SDK) mirroring real local repositories through the
// real host: git clone --mirror, then git fetch --prune, with item IDs stable across sessions.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { SyncManager, type HandlerReport, type ItemState, type PromptRequest, type UserInterface } from '@syncmgr/host';
import { handlersOfThisHost } from './support/processes.js';
import { inRepo } from './support/repo-paths.js';
import { tempDir } from './support/temp-dir.js';
import { commit, git, makeRepository } from './support/git-repositories.js';

const GIT_MIRROR = '11111111-aaaa-4aaa-8aaa-0000000000a1';
const gitMirrorMain = inRepo('sample-handlers', 'git-mirror', 'git_mirror.py');
const silentSsh = inRepo('test', 'fixtures', 'python', 'silent_ssh.py');

// The sample's own unit tests (parsing git's progress, the config), one jest test per Python test,
// through the SDK's JSON-line runner (see python-sdk.test.ts).
const MARKER = '@@syncmgr-python-test ';
const unitRun = spawnSync('python3', [inRepo('handler-sdk', 'python', 'tests', 'json_runner.py'), inRepo('sample-handlers', 'git-mirror', 'tests')], {
  encoding: 'utf8',
  env: { ...process.env, PYTHONDONTWRITEBYTECODE: '1' },
});
const unitRecords = unitRun.stdout
  .split('\n')
  .filter((line) => line.startsWith(MARKER))
  .map((line) => JSON.parse(line.slice(MARKER.length)) as { id?: string; outcome?: string; message?: string | null; summary?: { tests: number } });
const unitTests = unitRecords.filter((record) => record.id !== undefined);

interface RepositoryEntry {
  name: string;
  source: string;
  mirror: string;
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe("git-mirror's Python unit tests", () => {
  it('ran to their end and found tests', () => {
    expect({ summary: unitRecords.at(-1)?.summary, stderr: unitRecords.at(-1)?.summary ? '' : unitRun.stderr }).toEqual({
      summary: { tests: unitTests.length },
      stderr: '',
    });
    expect(unitTests.length).toBeGreaterThan(0);
  });

  it.each(unitTests.map((record) => [record.id!, record] as const))('%s', (_id, record) => {
    if (record.outcome === 'failed' || record.outcome === 'error') throw new Error(`${record.outcome}:\n${record.message ?? ''}`);
    expect(['passed', 'skipped']).toContain(record.outcome);
  });
});

describe('the git-mirror sample through the host', () => {
  let dir: string;
  let remove: () => Promise<void>;
  let manager: SyncManager;
  let configPath: string;

  async function configure(repositories: RepositoryEntry[], env: Record<string, string> = {}): Promise<void> {
    await writeFile(configPath, JSON.stringify({ repositories }));
    await manager.registry.register({ clsid: GIT_MIRROR, name: 'git-mirror', command: ['python3', gitMirrorMain, '--config', configPath], events: [], env });
  }

  const handlerOf = (handlers: HandlerReport[]): HandlerReport => handlers.find((h) => h.clsid === GIT_MIRROR)!;
  const statuses = (handler: HandlerReport) => handler.items.map((item) => [item.name, item.status]);
  const head = (gitDir: string, ref = 'main') => git(dir, '--git-dir', gitDir, 'rev-parse', ref);

  beforeEach(async () => {
    ({ dir, remove } = await tempDir('syncmgr-git-mirror-'));
    manager = new SyncManager({ home: path.join(dir, 'home') });
    configPath = path.join(dir, 'git-mirror.json');
  });

  afterEach(async () => {
    expect(handlersOfThisHost()).toEqual([]);
    await remove();
  });

  it('clones each repository the first time, fetches new commits the next, with IDs stable across sessions', async () => {
    const alpha = await makeRepository(dir, 'alpha', 3);
    const beta = await makeRepository(dir, 'beta', 1);
    await configure([
      { name: 'alpha', source: 'alpha', mirror: 'mirrors/alpha.git' },
      { name: 'beta', source: beta, mirror: path.join(dir, 'mirrors', 'beta.git') },
    ]);

    const session = await manager.createSession();
    const progress: ItemState[] = [];
    session.on('itemProgress', (_handler, item) => progress.push(item));
    const first = handlerOf((await session.run()).handlers);
    expect(statuses(first)).toEqual([
      ['alpha', 'succeeded'],
      ['beta', 'succeeded'],
    ]);
    expect(head(path.join(dir, 'mirrors', 'alpha.git'))).toBe(git(alpha, 'rev-parse', 'HEAD'));
    // git's own counters ("Receiving objects:  33% (1/3)") arrive as value and max.
    const counted = progress.filter((item) => item.name === 'alpha' && item.maxValue !== undefined);
    expect(counted.length).toBeGreaterThan(0);
    expect(counted.every((item) => item.progValue! <= item.maxValue!)).toBe(true);

    await commit(alpha, 'later.txt', 'a later commit');
    git(alpha, 'branch', 'topic');
    const second = handlerOf((await manager.sync()).handlers);
    expect(statuses(second)).toEqual(statuses(first));
    expect(head(path.join(dir, 'mirrors', 'alpha.git'))).toBe(git(alpha, 'rev-parse', 'HEAD'));
    expect(head(path.join(dir, 'mirrors', 'alpha.git'), 'topic')).toBe(git(alpha, 'rev-parse', 'HEAD'));
    expect(second.items.map((item) => item.itemId)).toEqual(first.items.map((item) => item.itemId));
  }, 60_000);

  it('fails only the item whose source is missing, with an actionable entry whose retry succeeds once it is back', async () => {
    await makeRepository(dir, 'present', 1);
    await configure([
      { name: 'present', source: 'present', mirror: 'mirrors/present.git' },
      { name: 'absent', source: 'absent', mirror: 'mirrors/absent.git' },
    ]);

    const session = await manager.createSession({ holdForErrors: true });
    const handler = handlerOf((await session.run()).handlers);
    expect(statuses(handler)).toEqual([
      ['present', 'succeeded'],
      ['absent', 'failed'],
    ]);
    const absent = handler.items[1]!;
    const entry = handler.log.find((e) => e.itemId === absent.itemId)!;
    expect(entry).toEqual(expect.objectContaining({ level: 'error', actionable: true, errorId: expect.any(String) }));
    expect(handler.log.filter((e) => e.level === 'error')).toHaveLength(1);
    expect(existsSync(path.join(dir, 'mirrors', 'absent.git'))).toBe(false);

    // The user brings the source back, then opens the entry: ShowError retries just that item.
    await makeRepository(dir, 'absent', 2);
    const retried = handlerOf((await session.showError(GIT_MIRROR, entry.errorId!)).handlers);
    expect(statuses(retried)).toEqual([
      ['present', 'succeeded'],
      ['absent', 'succeeded'],
    ]);
    expect(head(path.join(dir, 'mirrors', 'absent.git'))).toBe(git(path.join(dir, 'absent'), 'rev-parse', 'HEAD'));
    await session.close();
  }, 60_000);

  it("asks for an item's new mirror folder in its properties, saves it, and the next sync mirrors there", async () => {
    await makeRepository(dir, 'alpha', 1);
    await configure([{ name: 'alpha', source: 'alpha', mirror: 'mirrors/alpha.git' }]);
    const first = handlerOf((await manager.sync()).handlers);
    const asked: PromptRequest[] = [];
    const user: UserInterface = {
      prompt: (request) => {
        asked.push(request);
        return Promise.resolve({ mirror: 'elsewhere/alpha.git' });
      },
    };

    const outcome = await manager.showProperties(GIT_MIRROR, first.items[0]!.itemId, { userInterface: user });
    expect(outcome.hr).toBe(0);
    expect(asked.map((request) => request.fields)).toEqual([[expect.objectContaining({ name: 'mirror', kind: 'text', default: 'mirrors/alpha.git' })]]);
    const saved = JSON.parse(readFileSync(configPath, 'utf8')) as { repositories: RepositoryEntry[] };
    expect(saved.repositories[0]!.mirror).toBe('elsewhere/alpha.git');

    const second = handlerOf((await manager.sync()).handlers);
    expect(statuses(second)).toEqual([['alpha', 'succeeded']]);
    expect(second.items[0]!.itemId).toBe(first.items[0]!.itemId);
    expect(head(path.join(dir, 'elsewhere', 'alpha.git'))).toBe(git(path.join(dir, 'alpha'), 'rev-parse', 'HEAD'));
  }, 60_000);

  it('ends the git child when the item is cancelled, and leaves no half mirror', async () => {
    const record = path.join(dir, 'silent-ssh.json');
    await configure([{ name: 'remote', source: 'ssh://git.example.invalid/remote.git', mirror: 'mirrors/remote.git' }], {
      GIT_SSH_COMMAND: `python3 ${silentSsh}`,
      SILENT_SSH_RECORD: record,
    });

    const session = await manager.createSession();
    // Cancel once git has started its (silent) transport: the handler's next report gets the verdict.
    let cancelled = false;
    session.on('itemProgress', () => {
      if (!cancelled && existsSync(record)) {
        cancelled = true;
        session.cancel();
      }
    });
    const handler = handlerOf((await session.run()).handlers);
    expect(cancelled).toBe(true);
    expect(statuses(handler)).toEqual([['remote', 'stopped']]);
    const ancestors = JSON.parse(readFileSync(record, 'utf8')) as { pid: number; name: string }[];
    const gitProcess = ancestors.find((p) => p.name.startsWith('git'));
    expect(gitProcess).toBeDefined();
    expect(isRunning(gitProcess!.pid)).toBe(false);
    expect(existsSync(path.join(dir, 'mirrors', 'remote.git'))).toBe(false);
    expect(existsSync(path.join(dir, 'mirrors', 'remote.git.partial'))).toBe(false);
  }, 60_000);
});
