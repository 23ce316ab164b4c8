import { chmod, mkdir, readdir, readFile, stat, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ChoiceStore, HostError, Registry, resolveHome, ResultsStore, type SessionReport } from '@syncmgr/host';
import { runCli } from './support/cli.js';
import { tempDir } from './support/temp-dir.js';

const CLSID = '6b29fc40-ca47-1067-b31d-00dd010662da';

describe('Registry', () => {
  let dir: string;
  let remove: () => Promise<void>;
  let registry: Registry;

  beforeEach(async () => {
    ({ dir, remove } = await tempDir());
    registry = new Registry(resolveHome(dir));
  });
  afterEach(() => remove());

  it('persists an entry atomically, owner-only, and finds it under any GUID spelling', async () => {
    await registry.register({ clsid: CLSID, name: 'Mail', command: ['node', 'mail.js', '--flag with space'], events: ['idle'] });
    const file = path.join(dir, 'registry.json');
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect((await readdir(dir)).sort()).toEqual(['registry.json']);
    const entry = await new Registry(resolveHome(dir)).get(`{${CLSID.toUpperCase()}}`);
    expect(entry).toMatchObject({ clsid: CLSID, name: 'Mail', command: ['node', 'mail.js', '--flag with space'], events: ['idle'] });
    expect((JSON.parse(await readFile(file, 'utf8')) as { handlers: Record<string, { name: string }> }).handlers[CLSID]?.name).toBe('Mail');
  });

  it('unregisters, and names the registry file when a class ID is unknown', async () => {
    await registry.register({ clsid: CLSID, name: 'Mail', command: ['true'], events: [] });
    expect(await registry.unregister(CLSID)).toBe(true);
    expect(await registry.unregister(CLSID)).toBe(false);
    await expect(registry.get(CLSID)).rejects.toThrow(/no handler is registered as \{6b29fc40.*registry\.json/);
  });

  it('reports a corrupt file with its path and never overwrites it', async () => {
    const file = path.join(dir, 'registry.json');
    await writeFile(file, '{"version": 1, "handlers": {', { mode: 0o600 });
    const attempt = registry.register({ clsid: CLSID, name: 'Mail', command: ['true'], events: [] });
    await expect(attempt).rejects.toThrow(HostError);
    await expect(attempt).rejects.toThrow(`${file} is corrupt`);
    expect(await readFile(file, 'utf8')).toBe('{"version": 1, "handlers": {');
  });

  it('rejects an entry of the wrong shape in the file, naming the field', async () => {
    const file = path.join(dir, 'registry.json');
    const entry = { clsid: CLSID, name: 'Mail', command: 'node mail.js', events: [], registeredAt: '' };
    await writeFile(file, JSON.stringify({ version: 1, handlers: { [CLSID]: entry } }), { mode: 0o600 });
    await expect(registry.list()).rejects.toThrow(/"command" must be a non-empty array of strings/);
  });

  it('refuses a registry file that other users can write, saying how to fix it', async () => {
    await registry.register({ clsid: CLSID, name: 'Mail', command: ['true'], events: [] });
    const file = path.join(dir, 'registry.json');
    await chmod(file, 0o666);
    await expect(registry.list()).rejects.toThrow(`chmod go-w ${file}`);
  });

  it('reports a corrupt results file with its path and leaves it as it is', async () => {
    await mkdir(path.join(dir, 'results'), { mode: 0o700 });
    const file = path.join(dir, 'results', '0d0d0d0d-0000-4000-8000-000000000000.json');
    await writeFile(file, '{"sessionId": ', { mode: 0o600 });
    const run = await runCli(dir, ['results']);
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain(`${file} is corrupt`);
    expect(await readFile(file, 'utf8')).toBe('{"sessionId": ');
  });

  it('refuses a home that other users can write, saying how to fix it', async () => {
    await chmod(dir, 0o777);
    const run = await runCli(dir, ['sync']);
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain(`${dir} is writable by other users`);
    expect(run.stderr).toContain(`chmod 700 ${dir}`);
    await chmod(dir, 0o700);
  });

  it('loses nothing when 20 `syncmgr register` processes write at once', async () => {
    const ids = Array.from({ length: 20 }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`);
    const runs = await Promise.all(ids.map((id, i) => runCli(dir, ['register', id, '--name', `handler ${i}`, '--', 'true'])));
    expect(runs.map((r) => r.exitCode)).toEqual(ids.map(() => 0));
    const listed = await runCli(dir, ['list', '--json']);
    const entries = JSON.parse(listed.stdout) as { clsid: string; name: string; command: string[] }[];
    expect(entries.map((e) => e.clsid).sort()).toEqual(ids);
    expect(entries.every((e) => e.command[0] === 'true')).toBe(true);
  }, 60_000);
});

describe('ChoiceStore', () => {
  const item = (n: number, flags = 0) => ({ itemId: `00000000-0000-4000-8000-00000000000${n}`, itemName: `item ${n}`, flags, itemState: 1 });
  let remove: () => Promise<void>;
  let store: ChoiceStore;

  beforeEach(async () => {
    let dir: string;
    ({ dir, remove } = await tempDir());
    store = new ChoiceStore(resolveHome(dir));
  });
  afterEach(() => remove());

  it('settles a listing against the choices stored now: a choice made while items were listed is kept', async () => {
    await store.choose('manual', CLSID, { [item(1).itemId]: false, [item(2).itemId]: false, [item(3).itemId]: false });
    const listing = await store.load('manual', CLSID);
    expect([item(1), item(2, 0x02)].map((i) => listing.isChecked(i))).toEqual([false, false]);
    await store.choose('manual', CLSID, { [item(4).itemId]: false }); // another client, meanwhile
    await store.settle('manual', CLSID, listing, false);
    // item 1 listed: kept; item 2 TEMPORARY: forgotten; item 3 not listed by a complete listing: forgotten; item 4 new: kept.
    const after = await store.load('manual', CLSID);
    expect([1, 2, 3, 4].map((n) => after.stored[item(n).itemId])).toEqual([false, undefined, undefined, false]);
  });

  it('keeps the choices of unlisted items when the handler said the list is incomplete', async () => {
    await store.choose('idle', CLSID, { [item(3).itemId]: false });
    const checked = await store.reconcile('idle', CLSID, [item(1)], true);
    expect([...checked]).toEqual([item(1).itemId]);
    expect((await store.load('idle', CLSID)).stored).toEqual({ [item(3).itemId]: false });
  });
});

describe('ResultsStore', () => {
  let dir: string;
  let remove: () => Promise<void>;

  beforeEach(async () => ({ dir, remove } = await tempDir()));
  afterEach(() => remove());

  const sessionId = (n: number) => `0000000${n}-0000-4000-8000-000000000000`;
  const report = (n: number): SessionReport => ({ sessionId: sessionId(n), event: 'manual', startedAt: '', finishedAt: '', handlers: [] });
  /** The session IDs of the reports in results/, in file-name order. */
  const storedSessions = async () => (await readdir(path.join(dir, 'results'))).map((name) => name.split('.')[1]).sort();
  const fileOf = async (n: number) =>
    path.join(
      dir,
      'results',
      (await readdir(path.join(dir, 'results'))).find((name) => name.includes(sessionId(n)))!,
    );

  it('keeps the newest reports up to its limit, removing the oldest as it saves', async () => {
    const store = new ResultsStore(resolveHome(dir), 3);
    for (let n = 1; n <= 5; n++) await store.save(report(n));
    expect(await storedSessions()).toEqual([3, 4, 5].map(sessionId));
    expect((await store.load()).sessionId).toBe(sessionId(5));
    await expect(store.load('00000001')).rejects.toThrow(/no session in .*results match "00000001"/);
    expect(() => new ResultsStore(resolveHome(dir), 0)).toThrow(/at least 1, not 0/);
  });

  it('prunes by the order of saving: reports dated in the future neither evict the one just saved nor pass for the newest', async () => {
    const store = new ResultsStore(resolveHome(dir), 2);
    const year2100 = new Date('2100-01-01T00:00:00Z');
    for (const n of [1, 2]) {
      await store.save(report(n));
      await utimes(await fileOf(n), year2100, year2100);
    }
    await store.save(report(3));
    expect(await storedSessions()).toEqual([2, 3].map(sessionId));
    expect((await store.load()).sessionId).toBe(sessionId(3));
  });

  it('rewrites a report saved again (a retry) in its place, not as a new one', async () => {
    const store = new ResultsStore(resolveHome(dir), 2);
    for (const n of [1, 2, 1]) await store.save(report(n));
    expect(await storedSessions()).toEqual([1, 2].map(sessionId));
    expect((await store.load()).sessionId).toBe(sessionId(2));
  });
});
