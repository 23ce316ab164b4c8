import type { HandlerReport, SessionReport, UserInterface } from '@syncmgr/host';
import { EnableModeless, HResult, Prompt } from '@syncmgr/protocol';
import { runCli } from './support/cli.js';
import { fixtureRecords, registerFixture, type FixtureArgs, type Timeouts } from './support/fixtures.js';
import { managerPerTest } from './support/manager-per-test.js';

// Faults that used to pass for others: each fixture runs beside a healthy handler, whose items all
// succeed, and fails with the kind of what it did.
describe('faults named for what the handler did', () => {
  const manager = managerPerTest();

  async function syncBesideHealthy(fixture: string, args: FixtureArgs, timeouts: Timeouts): Promise<HandlerReport> {
    await registerFixture(manager(), 'well-behaved', { items: 3, name: 'healthy' });
    const clsid = await registerFixture(manager(), fixture, { ...args, name: 'faulty' }, timeouts);
    const report: SessionReport = await manager().sync();
    const healthy = report.handlers.find((h) => h.name === 'healthy')!;
    expect(healthy.items.map((i) => i.status)).toEqual(['succeeded', 'succeeded', 'succeeded']);
    return report.handlers.find((h) => h.clsid === clsid)!;
  }

  it('a handler that closes its stdout and stays alive fails as closed-stdout, and the ladder ends it', async () => {
    // A generous hang timeout: the closed stream, not a silence, must be what ends it.
    const faulty = await syncBesideHealthy('closes-stdout-and-stays-alive', { in: 'synchronize' }, { startTimeoutSeconds: 60, hangTimeoutSeconds: 60 });
    expect(faulty.result).toBe('failed');
    expect(faulty.fault).toMatchObject({ kind: 'closed-stdout', phase: 'synchronize', call: { method: 'synchronize/synchronize' } });
    expect(faulty.fault).not.toHaveProperty('exitCode');
    // managerPerTest checks that no handler process is left.
  }, 60_000);

  it('a handler that sends many requests with one id fails with an invalid message naming the id, not as hung', async () => {
    const faulty = await syncBesideHealthy('reuses-one-request-id', { updates: 2000 }, { startTimeoutSeconds: 60, hangTimeoutSeconds: 60 });
    expect(faulty.result).toBe('failed');
    expect(faulty.fault).toMatchObject({ kind: 'invalid-message', phase: 'synchronize', reusedRequestId: 7 });
  }, 60_000);

  it('a handler that prints text on stdout before the handshake fails with a malformed message quoting the text', async () => {
    const faulty = await syncBesideHealthy('prints-text-before-handshake', {}, { startTimeoutSeconds: 60, hangTimeoutSeconds: 60 });
    expect(faulty.result).toBe('failed');
    expect(faulty.fault?.kind).toBe('malformed-message');
    expect(['start', 'handshake']).toContain(faulty.fault?.phase);
    // What follows the stray line (the handshake's answer) may arrive in the same read on a busy machine.
    expect(JSON.parse(faulty.fault?.strayOutput ?? '""')).toMatch(/^Starting my handler v1\.2\n/);
    expect(faulty.fault?.reason).toContain(faulty.fault!.strayOutput!);
  }, 60_000);
});

describe('timeouts a timer cannot hold', () => {
  const manager = managerPerTest();

  it('are refused by a session with HostError USAGE, before any handler starts', async () => {
    await registerFixture(manager(), 'well-behaved');
    await expect(manager().createSession({ hangTimeoutSeconds: 1e9 })).rejects.toMatchObject({ name: 'HostError', code: 'USAGE' });
  });

  it('are refused by the CLI with exit code 2, and 0 means none', async () => {
    await registerFixture(manager(), 'well-behaved', { items: 1 });
    expect((await runCli(manager().home.root, ['sync', '--hang-timeout', '1e9'])).exitCode).toBe(2);
    expect((await runCli(manager().home.root, ['sync', '--start-timeout', '3000000'])).exitCode).toBe(2);
    expect((await runCli(manager().home.root, ['sync', '--hang-timeout', '0', '--start-timeout', '0'])).exitCode).toBe(0);
  }, 60_000);
});

describe('the EnableModeless deadline', () => {
  const manager = managerPerTest();

  it('takes the token from a holder that keeps it past the deadline while sending progress, and grants the next', async () => {
    const patient = { startTimeoutSeconds: 60, hangTimeoutSeconds: 60 };
    await registerFixture(manager(), 'well-behaved', { items: 3, name: 'healthy' });
    const holders = [
      await registerFixture(manager(), 'holds-the-token-sending-progress', { items: 1, name: 'holder-a' }, patient),
      await registerFixture(manager(), 'holds-the-token-sending-progress', { items: 1, name: 'holder-b' }, patient),
    ];
    // A user who never answers: each prompt stays open until the host closes it.
    const shown: string[] = [];
    const user: UserInterface = {
      prompt: (request, signal) =>
        new Promise((resolve) => {
          shown.push(`shown ${request.handlerName}`);
          signal.addEventListener('abort', () => (shown.push(`closed ${request.handlerName}`), resolve(undefined)));
        }),
    };

    const report = await manager().sync({ userInterface: user, modelessDeadlineSeconds: 2 });

    const healthy = report.handlers.find((h) => h.name === 'healthy')!;
    expect(healthy.items.map((i) => i.status)).toEqual(['succeeded', 'succeeded', 'succeeded']);
    // One holder at a time: the second prompt is shown only once the first was closed at its deadline.
    const [first, second] = [shown[0]!.slice('shown '.length), shown[2]?.slice('shown '.length)];
    expect(shown).toEqual([`shown ${first}`, `closed ${first}`, `shown ${second}`, `closed ${second}`]);
    expect(new Set([first, second])).toEqual(new Set(['holder-a', 'holder-b']));
    for (const clsid of holders) {
      const holder = report.handlers.find((h) => h.clsid === clsid)!;
      expect(holder.items.map((i) => i.status)).toEqual(['succeeded']);
      expect(holder.log.filter((e) => e.source === 'host').map((e) => e.level)).toEqual(['warning']);
      const answers = (await fixtureRecords(manager(), clsid)).flatMap((r) => ('callback' in r && 'result' in r ? [[r.callback, r.result]] : []));
      // The closed prompt answers S_FALSE; giving back a token already taken answers S_FALSE too.
      expect(answers).toEqual([
        [EnableModeless.method, { hr: HResult.S_OK }],
        [Prompt.method, { hr: HResult.S_FALSE }],
        [EnableModeless.method, { hr: HResult.S_FALSE }],
      ]);
    }
  }, 60_000);
});
