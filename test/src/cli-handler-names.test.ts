// Handlers are shown by their registered name, with their own name beside it when it differs: two
// registrations of one faulty program stay apart in the progress, the summary, the list and the
// JSON; two registrations under one name are told apart by a short class ID.
import { runCli } from './support/cli.js';
import { fixtureCommand, registerFixture } from './support/fixtures.js';
import { managerPerTest } from './support/manager-per-test.js';

interface JsonReport {
  handlers: { clsid: string; name: string; ownName?: string; result: string; items: { status: string }[] }[];
}

// The first 8 hex digits differ, so the short class IDs do too.
const HANG_SYNC = '1a2b3c4d-0000-4000-8000-000000000001';
const FLOOD = '5e6f7a8b-0000-4000-8000-000000000002';
const FAULTY = fixtureCommand('hangs', { in: 'synchronize', name: 'faulty' });

describe('handler names in the CLI', () => {
  const manager = managerPerTest();
  const home = () => manager().home.root;

  const register = async (clsid: string, name: string, command: readonly string[]) => {
    const run = await runCli(home(), ['register', clsid, '--name', name, '--hang-timeout', '1', '--start-timeout', '5', '--', ...command]);
    expect(run.exitCode).toBe(0);
  };

  it('shows two registrations of one faulty program by their registered names, its own name beside', async () => {
    await register(HANG_SYNC, 'hang-sync', FAULTY);
    await register(FLOOD, 'flood', FAULTY);
    const good = await registerFixture(manager(), 'well-behaved', { items: 2, name: 'good' });

    const text = await runCli(home(), ['sync']);
    expect(text.exitCode).toBe(1);
    const summary = text.stdout.slice(text.stdout.indexOf('\nsession '));
    expect(summary).toMatch(/^ {2}✖ hang-sync \(faulty\): failed — /m);
    expect(summary).toMatch(/^ {2}✖ flood \(faulty\): failed — /m);
    expect(summary).toMatch(/^ {2}● good: succeeded$/m);
    expect(summary).not.toMatch(/^ {2}✖ faulty: /m);
    expect(text.stdout).toMatch(/^\[hang-sync \(faulty\)\] failed: /m);
    expect(text.stdout).toMatch(/^\[flood \(faulty\)\] prepare$/m);

    const json = await runCli(home(), ['sync', '--json']);
    expect(json.exitCode).toBe(1);
    const { handlers } = JSON.parse(json.stdout) as JsonReport;
    expect(handlers).toEqual([
      expect.objectContaining({ clsid: HANG_SYNC, name: 'hang-sync', ownName: 'faulty', result: 'failed' }),
      expect.objectContaining({ clsid: FLOOD, name: 'flood', ownName: 'faulty', result: 'failed' }),
      expect.objectContaining({ clsid: good, name: 'good', ownName: 'good', result: 'succeeded' }),
    ]);
    expect(handlers[2]?.items.map((i) => i.status)).toEqual(['succeeded', 'succeeded']);

    const list = await runCli(home(), ['results', '--list']);
    expect(list.stdout.split('\n')[0]).toContain('hang-sync (faulty): failed, flood (faulty): failed, good: succeeded');
  }, 60_000);

  it('tells two registrations under one name apart by a short class ID', async () => {
    const command = fixtureCommand('well-behaved', { items: 1, name: 'mail' });
    await register(HANG_SYNC, 'mail', command);
    await register(FLOOD, 'mail', command);

    const text = await runCli(home(), ['sync']);
    expect(text.exitCode).toBe(0);
    expect(text.stdout).toMatch(/^ {2}● mail \{1a2b3c4d\}: succeeded$/m);
    expect(text.stdout).toMatch(/^ {2}● mail \{5e6f7a8b\}: succeeded$/m);
    expect(text.stdout).toMatch(/^\[mail \{1a2b3c4d\}\] prepare$/m);

    const json = await runCli(home(), ['results', '--list', '--json']);
    const [newest] = JSON.parse(json.stdout) as { handlers: unknown[] }[];
    expect(newest?.handlers).toEqual([
      { clsid: HANG_SYNC, name: 'mail', ownName: 'mail', result: 'succeeded' },
      { clsid: FLOOD, name: 'mail', ownName: 'mail', result: 'succeeded' },
    ]);
  }, 60_000);

  it('items, choose and doctor show the registered name with the handler’s own', async () => {
    await register(HANG_SYNC, 'hang-sync', fixtureCommand('well-behaved', { items: 1, name: 'faulty' }));
    expect((await runCli(home(), ['items', HANG_SYNC])).stdout).toContain(`{${HANG_SYNC}} hang-sync (faulty)\n`);
    expect((await runCli(home(), ['choose', '--event', 'manual'])).stdout).toContain(`{${HANG_SYNC}} hang-sync (faulty) — items for manual:`);
    expect((await runCli(home(), ['doctor'])).stdout).toContain(`{${HANG_SYNC}} hang-sync\n`);
    const items = JSON.parse((await runCli(home(), ['items', HANG_SYNC, '--json'])).stdout) as unknown;
    expect(items).toMatchObject({ name: 'hang-sync', ownName: 'faulty' });
    const [chosen] = JSON.parse((await runCli(home(), ['choose', '--event', 'manual', '--json'])).stdout) as unknown[];
    expect(chosen).toMatchObject({ name: 'hang-sync', ownName: 'faulty' });
  }, 60_000);
});
