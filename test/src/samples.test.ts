import { execFileSync } from 'node:child_process';
import { mkdir, readFile, readdir, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { SyncManager, type HandlerReport } from '@syncmgr/host';
import { folderSyncMain, tarSnapshotMain } from './support/paths.js';
import { handlersOfThisHost } from './support/processes.js';
import { tempDir } from './support/temp-dir.js';

const FOLDER_SYNC = '11111111-aaaa-4aaa-8aaa-000000000001';
const TAR_SNAPSHOT = '11111111-aaaa-4aaa-8aaa-000000000002';

async function writeTree(root: string, files: Record<string, string>): Promise<void> {
  for (const [name, content] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(root, name)), { recursive: true });
    await writeFile(path.join(root, name), content);
  }
}

// Both samples do real work through the real host: files are mirrored and archived for real.
describe('the sample handlers through the host', () => {
  let dir: string;
  let remove: () => Promise<void>;
  let manager: SyncManager;

  beforeEach(async () => {
    ({ dir, remove } = await tempDir());
    manager = new SyncManager({ home: path.join(dir, 'home') });
    await writeTree(path.join(dir, 'docs'), { 'a.txt': 'alpha', 'deep/b.txt': 'beta' });
    await writeTree(path.join(dir, 'pics'), { 'c.svg': '<svg/>' });
    await writeTree(path.join(dir, 'mirror/docs'), { 'stale.txt': 'no longer in the source' });
    await symlink(path.join(dir, 'nowhere'), path.join(dir, 'docs', 'broken-link'));
    await writeFile(
      path.join(dir, 'folder-sync.json'),
      JSON.stringify({
        pairs: [
          { name: 'Docs', source: 'docs', target: 'mirror/docs' },
          { name: 'Pics', source: 'pics', target: 'mirror/pics' },
        ],
      }),
    );
    await writeFile(
      path.join(dir, 'tar.json'),
      JSON.stringify({
        archiveDir: 'archives',
        folders: [
          { name: 'Docs', path: 'docs' },
          { name: 'Pics', path: 'pics' },
        ],
      }),
    );
    await mkdir(path.join(dir, 'archives'));
    await manager.registry.register({
      clsid: FOLDER_SYNC,
      name: 'folder-sync',
      command: [process.execPath, folderSyncMain, '--config', path.join(dir, 'folder-sync.json')],
      events: [],
    });
    await manager.registry.register({
      clsid: TAR_SNAPSHOT,
      name: 'tar-snapshot',
      command: ['python3', tarSnapshotMain, '--config', path.join(dir, 'tar.json')],
      events: [],
    });
  });

  afterEach(async () => {
    expect(handlersOfThisHost()).toEqual([]);
    await remove();
  });

  const byClsid = (handlers: HandlerReport[], clsid: string) => handlers.find((h) => h.clsid === clsid)!;

  it('mirrors the folders and archives them, logging the unreadable file against its item', async () => {
    const report = await manager.sync();
    const folderSync = byClsid(report.handlers, FOLDER_SYNC);
    const tar = byClsid(report.handlers, TAR_SNAPSHOT);
    expect(folderSync.items.map((i) => [i.name, i.status])).toEqual([
      ['Docs', 'succeeded'],
      ['Pics', 'succeeded'],
    ]);
    expect(tar.items.map((i) => [i.name, i.status])).toEqual([
      ['Docs', 'succeeded'],
      ['Pics', 'succeeded'],
    ]);

    expect(await readFile(path.join(dir, 'mirror/docs/deep/b.txt'), 'utf8')).toBe('beta');
    expect((await readdir(path.join(dir, 'mirror/docs'))).sort()).toEqual(['a.txt', 'deep']);
    const docsId = folderSync.items[0]!.itemId;
    expect(folderSync.log).toContainEqual(expect.objectContaining({ level: 'warning', itemId: docsId, text: expect.stringContaining('broken-link') }));

    const archives = (await readdir(path.join(dir, 'archives'))).sort();
    expect(archives).toEqual([expect.stringMatching(/^docs-.*\.tar\.gz$/), expect.stringMatching(/^pics-.*\.tar\.gz$/)]);
    const listed = execFileSync('tar', ['-tzf', path.join(dir, 'archives', archives[0]!)], { encoding: 'utf8' });
    expect(listed).toMatch(/a\.txt/);
    expect(listed).toMatch(/deep\/b\.txt/);
    expect(tar.log).toContainEqual(expect.objectContaining({ level: 'warning', itemId: tar.items[0]!.itemId }));
  }, 30_000);

  it('keeps item IDs stable from one session to the next', async () => {
    const first = await manager.sync();
    const second = await manager.sync();
    const ids = (report: typeof first) => report.handlers.flatMap((h) => h.items.map((i) => i.itemId)).sort();
    expect(ids(second)).toEqual(ids(first));
  }, 30_000);

  it('stops every item of both samples when the session is cancelled', async () => {
    const session = await manager.createSession();
    session.on('handlerPhase', (_handler, phase) => phase === 'synchronize' && session.cancel());
    const report = await session.run();
    for (const handler of report.handlers) {
      expect(handler.result).toBe('succeeded');
      expect(handler.items.map((i) => i.status)).toEqual(['stopped', 'stopped']);
    }
  }, 30_000);
});
