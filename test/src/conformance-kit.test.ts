// The kit is shown to fail: a fixture that breaks the contract in known ways fails exactly those
// checks, an expected failure that passes is stale, and the file and command line are checked.
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { CHECKS } from '@syncmgr/host/internal/conformance/check-catalogue.js';
import { fixtureCommand } from './support/fixtures.js';
import { idsWith, runKit, statusOf, type KitRun } from './support/conformance-run.js';
import { tempDir } from './support/temp-dir.js';

const BROKEN = [
  'framing.frames-only', // a banner on stdout
  'handshake.required', // answers Initialize before the handshake
  'lifecycle.exit-on-parent-death', // no watchdog
  'session.items', // an item name of 200 characters
  'session.synchronize-completed-once', // SynchronizeCompleted twice…
  'session.callbacks-in-phase', // …the second out of phase, and a prompt without the token
  'enumerator.release', // a released enumerator still answers
  'verdicts.cancel-item', // CANCELITEM stops every item
  'verdicts.skip', // SetItemStatus is an unknown method
  'log.levels', // errorLevel 9
  'log.show-error', // a retry of an item it never listed
  'modeless.token', // a prompt before asking for the token
  'modeless.refusal', // the same prompt, in a session that refuses the token
].sort();

// The parent-death check waits the deadline out for this fixture; the other deadlines are met in milliseconds.
const DEADLINE = ['--deadline', '5'];
const BREAKS_CONTRACT = fixtureCommand('breaks-contract');

let dir: string;
let remove: () => Promise<void>;

beforeAll(async () => ({ dir, remove } = await tempDir('syncmgr-conformance-')));
afterAll(() => remove());

async function expectedFile(name: string, ids: readonly string[]): Promise<string> {
  const file = path.join(dir, name);
  await writeFile(file, `# checks breaks-contract fails on purpose\n${ids.map((id) => `${id}  # known`).join('\n')}\n`);
  return file;
}

describe('syncmgr conformance on a handler that breaks the contract', () => {
  let run: KitRun;
  let junit: string;

  beforeAll(async () => {
    const expected = await expectedFile('expected.txt', [...BROKEN, 'handshake.answer']);
    const junitFile = path.join(dir, 'junit.xml');
    run = await runKit(dir, [...DEADLINE, '--expected-failures', expected, '--junit', junitFile], BREAKS_CONTRACT);
    junit = await readFile(junitFile, 'utf8');
  }, 300_000);

  it('fails exactly the checks it breaks, and passes or skips the others', () => {
    expect(idsWith(run, 'fail').sort()).toEqual(BROKEN);
    expect(idsWith(run, 'pass')).toEqual(expect.arrayContaining(['verdicts.cancel-all', 'lifecycle.exit-on-stdin-close', 'session.final-status']));
    expect(idsWith(run, 'skipped')).toEqual(expect.arrayContaining(['enumerator.skip', 'enumerator.large-listing', 'log.delete']));
    expect(run.report?.checks.map((check) => check.id).sort()).toEqual(Object.keys(CHECKS).sort());
  });

  it('counts the listed failures as expected, and a listed check that passes as stale, failing the run', () => {
    const outcomes = new Map<string, string>(run.report?.checks.map((check) => [check.id, check.outcome]));
    for (const id of BROKEN) expect(outcomes.get(id)).toBe('expected-failure');
    expect(outcomes.get('handshake.answer')).toBe('stale');
    expect(run.report?.ok).toBe(false);
    expect(run.exitCode).toBe(1);
  });

  it('names and quotes the stray text, and gives each check its section', () => {
    const frames = run.report?.checks.find((check) => check.id === 'framing.frames-only');
    expect(frames?.section).toBe('§2.2 Streams');
    expect(frames?.details.join('\n')).toContain('"breaks-contract 1.0 starting\\n"');
    expect(run.stdout).toMatch(/STALE\s+handshake\.answer/);
  });

  it('writes JUnit XML with one testcase per check, the stale one failing', () => {
    expect(junit.match(/<testcase /g)).toHaveLength(Object.keys(CHECKS).length);
    expect(junit.match(/<failure /g)).toHaveLength(1);
    expect(junit).toContain('stale expected failure');
  });
});

describe('syncmgr conformance --only and its expected failures', () => {
  it('passes (exit 0) when the only failures are listed', async () => {
    const expected = await expectedFile('handshake.txt', ['handshake.required']);
    const run = await runKit(dir, ['--only', 'handshake', '--expected-failures', expected], BREAKS_CONTRACT);
    expect(run.exitCode).toBe(0);
    expect(new Set(run.report?.checks.map((check) => check.scenario))).toEqual(new Set(['handshake', 'process']));
  }, 120_000);

  it('refuses an expected-failures file naming no check of the kit (exit 2)', async () => {
    const expected = await expectedFile('typo.txt', ['handshake.requird']);
    const run = await runKit(dir, ['--only', 'handshake', '--expected-failures', expected], BREAKS_CONTRACT);
    expect(run.exitCode).toBe(2);
    expect(run.report).toBeUndefined();
  });

  it('refuses a command that cannot start, and no command at all (exit 2)', async () => {
    expect((await runKit(dir, [], [path.join(dir, 'no-such-handler')])).exitCode).toBe(2);
    expect((await runKit(dir, [], [])).exitCode).toBe(2);
  });

  it('refuses an unknown scenario (exit 2)', async () => {
    expect((await runKit(dir, ['--only', 'framng'], BREAKS_CONTRACT)).exitCode).toBe(2);
  });
});

describe('syncmgr conformance on handlers that do what the samples do not', () => {
  it('pages a listing of 10,000 items to its end', async () => {
    const run = await runKit(dir, ['--only', 'enumerator'], fixtureCommand('well-behaved', { items: 10_000 }));
    expect(statusOf(run, 'enumerator.large-listing')).toBe('pass');
    expect(statusOf(run, 'enumerator.pages')).toBe('pass');
  }, 120_000);

  it('takes a decline of Initialize (S_FALSE) followed by a clean shutdown', async () => {
    const run = await runKit(dir, ['--only', 'session'], fixtureCommand('declines'));
    expect(statusOf(run, 'session.initialize')).toBe('pass');
    expect(statusOf(run, 'session.initialize-decline')).toBe('pass');
    expect(run.exitCode).toBe(0);
  }, 120_000);

  it('follows DeleteLogError to the entries it withdraws', async () => {
    const run = await runKit(dir, ['--only', 'log'], fixtureCommand('clears-its-log'));
    expect(statusOf(run, 'log.delete')).toBe('pass');
    expect(statusOf(run, 'log.levels')).toBe('pass');
  }, 120_000);
});
