import { existsSync, readFileSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { EnableModeless, EstablishConnection, HResult, Initialize, PrepareForSync, Prompt, ShowProperties, SyncMgrErrorCodes } from '@syncmgr/protocol';
import { DEFAULT_START_TIMEOUT_SECONDS, type PromptAnswers, type PromptRequest, type UserInterface, type UserNotAskedReason } from '@syncmgr/host';
import { answersTo, paramsReceived, type FixtureRecord } from './support/fixture-record.js';
import { fixtureItemId as itemId, fixtureRecords, registerFixture, type FixtureArgs, type Timeouts } from './support/fixtures.js';
import { managerPerTest } from './support/manager-per-test.js';

// Long enough for a loaded machine: these handlers are well behaved, and a hang would be the host's fault.
const PATIENT: Timeouts = { hangTimeoutSeconds: 5, startTimeoutSeconds: DEFAULT_START_TIMEOUT_SECONDS };

/** A user who answers prompts from a script, and remembers what was asked. */
class ScriptedUser implements UserInterface {
  readonly asked: PromptRequest[] = [];
  constructor(private readonly answer: (request: PromptRequest) => PromptAnswers | undefined) {}
  prompt(request: PromptRequest): Promise<PromptAnswers | undefined> {
    this.asked.push(request);
    return Promise.resolve(this.answer(request));
  }
}

// EnableModeless, prompts, connection profiles and properties, with real handler processes.
describe('the SyncMgr contract with a user and the network', () => {
  const manager = managerPerTest();
  const file = (name: string) => path.join(manager().home.root, name);
  const register = (fixture: string, args: FixtureArgs = {}) => registerFixture(manager(), fixture, args, PATIENT);
  const records = (clsid: string) => fixtureRecords(manager(), clsid);

  it('grants the modeless token to one handler at a time, and answers or refuses their prompts', async () => {
    const names = ['alpha', 'beta', 'gamma'];
    const clsids = await Promise.all(names.map((name) => register('prompts-holding-the-token', { name, holdMs: 300 })));
    const user = new ScriptedUser((request) => (request.handlerName === 'beta' ? undefined : { user: 'alice', password: `secret of ${request.handlerName}` }));
    const report = await manager().sync({ userInterface: user });
    expect(report.handlers.every((h) => h.result === 'succeeded')).toBe(true);

    const byName = Object.fromEntries(await Promise.all(names.map(async (name, i) => [name, await records(clsids[i]!)] as const)));
    // Each handler stamps its token records with a clock they all share, so merged they are in the order they happened.
    const holds = Object.entries(byName)
      .flatMap(([name, lines]) => lines.flatMap((l: FixtureRecord) => ('token' in l ? [{ at: BigInt(l.at), what: `${l.token} ${name}` }] : [])))
      .sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0))
      .map((hold) => hold.what);
    expect(holds).toHaveLength(6);
    for (let i = 0; i < holds.length; i += 2) {
      expect(holds[i]).toMatch(/^held /);
      expect(holds[i + 1]).toBe(holds[i]!.replace('held', 'released')); // nobody else in between
    }
    const prompts = Object.fromEntries(names.map((name) => [name, answersTo(byName[name]!, Prompt.method)[0]]));
    expect(prompts['alpha']).toEqual({ hr: HResult.S_OK, answers: { user: 'alice', password: 'secret of alpha' } });
    expect(prompts['beta']).toEqual({ hr: HResult.S_FALSE });
    expect(user.asked.map((r) => r.fields.map((f) => f.kind))).toEqual([
      ['text', 'secret'],
      ['text', 'secret'],
      ['text', 'secret'],
    ]);
  });

  it('answers EnableModeless with S_FALSE when no user can be asked, and refuses a prompt without the token', async () => {
    const asking = await register('prompts-holding-the-token', { name: 'unattended' });
    const sneaky = await register('prompts-without-the-token', { name: 'sneaky' });
    const session = await manager().createSession();
    const notAsked: [string, UserNotAskedReason][] = [];
    session.on('userNotAsked', (handler, reason) => notAsked.push([handler.clsid, reason]));
    const report = await session.run();
    // The one that asked is told why, once; the sneaky one never asked, so there is nothing to tell.
    expect(notAsked).toEqual([[asking, 'no-user-interface']]);
    expect(report.handlers.find((h) => h.clsid === asking)!.log).toContainEqual(
      expect.objectContaining({ source: 'host', text: expect.stringMatching(/terminal/) }),
    );
    const refusals = (await records(sneaky)).flatMap((l) => ('refusedWith' in l && l.callback === Prompt.method ? [l.refusedWith] : []));
    expect(refusals).toEqual([SyncMgrErrorCodes.OutOfPhase]);
    const asked = await records(asking);
    expect(answersTo(asked, EnableModeless.method)).toEqual([{ hr: HResult.S_FALSE }]);
    expect(answersTo(asked, Prompt.method)).toEqual([]);
    expect(report.handlers.find((h) => h.name === 'sneaky')!.log).toContainEqual(expect.objectContaining({ level: 'error', source: 'host' }));
  });

  it('does not let handlers of an unattended event bother the user, even with a user interface', async () => {
    const clsid = await register('prompts-holding-the-token', { name: 'idle' });
    const user = new ScriptedUser(() => ({}));
    const session = await manager().createSession({ event: 'idle', handlers: [clsid], userInterface: user });
    const notAsked: UserNotAskedReason[] = [];
    session.on('userNotAsked', (_handler, reason) => notAsked.push(reason));
    await session.run();
    expect(user.asked).toEqual([]);
    expect(notAsked).toEqual(['unattended-event']);
    const [init] = paramsReceived(await records(clsid), Initialize.method);
    expect(init).toEqual({ syncMgrFlags: 0x4 });
  });

  it('brings a connection profile up once for the session and down after the last handler', async () => {
    const events = file('connection-events.txt');
    const appends = (line: string) => [process.execPath, '-e', `require('node:fs').appendFileSync(${JSON.stringify(events)}, '${line}\\n')`];
    await writeFile(
      file('config.json'),
      JSON.stringify({
        connections: { vpn: { up: appends('up'), down: appends('down') } },
        defaultConnection: 'vpn',
      }),
      { mode: 0o600 },
    );
    const handlers = {
      first: await register('establishes-a-connection', { name: 'first', connection: 'vpn' }),
      // Asks for the default profile, and works longest: the connection must outlast the others.
      second: await register('establishes-a-connection', { name: 'second', ticks: 6 }),
      lost: await register('establishes-a-connection', { name: 'lost', connection: 'dial-up' }),
    };
    const session = await manager().createSession();
    let downBeforeEnd = '';
    // Read at once, as each handler finishes: the profile must still be up then.
    session.on('handlerFinished', () => void (downBeforeEnd += existsSync(events) && readFileSync(events, 'utf8').includes('down') ? 'x' : ''));
    const report = await session.run();

    expect(await readFile(events, 'utf8')).toBe('up\ndown\n');
    expect(downBeforeEnd).toBe('');
    const answers: Record<string, unknown> = {};
    for (const [name, clsid] of Object.entries(handlers))
      answers[name] = answersTo(await records(clsid), EstablishConnection.method).map((a) => (a as { hr: number }).hr);
    expect(answers).toEqual({ first: [HResult.S_OK], second: [HResult.S_OK], lost: [HResult.E_FAIL] });
    const lost = report.handlers.find((h) => h.name === 'lost')!;
    expect(lost.result).toBe('succeeded');
    expect(lost.log).toContainEqual(expect.objectContaining({ level: 'error', source: 'host', text: expect.stringContaining('"dial-up"') }));
  });

  it('shows properties on a settings instance and enumerates again after S_SYNCMGR_ENUMITEMS', async () => {
    const clsid = await register('shows-properties-and-asks-to-enumerate-again', { name: 'props' });
    const outcome = await manager().showProperties(clsid, itemId(2));
    expect(outcome.hr).toBe(HResult.S_SYNCMGR_ENUMITEMS);
    expect(outcome.enumeration?.items.map((i) => i.itemId)).toEqual([itemId(1), itemId(2)]);
    expect(outcome.reenumerated?.items.map((i) => i.itemId)).toEqual([itemId(1)]);
    const lines = await records(clsid);
    expect(paramsReceived(lines, Initialize.method)).toEqual([{ syncMgrFlags: 0x103 }]);
    expect(paramsReceived(lines, ShowProperties.method)).toEqual([{ itemId: itemId(2) }]);
    expect(paramsReceived(lines, PrepareForSync.method)).toEqual([]);
    await expect(manager().showProperties(clsid, itemId(9))).rejects.toMatchObject({ name: 'HostError', code: 'USAGE' });
  });
});
