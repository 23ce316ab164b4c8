import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { HResult, SyncMgrErrorCodes } from '@syncmgr/protocol';
import type { PromptAnswers, PromptRequest, UserInterface } from '@syncmgr/host';
import { itemId, readJournal, registerContract } from './support/journal.js';
import { managerPerTest } from './support/manager-per-test.js';

/** A user who answers prompts from a script, and remembers what was asked. */
class ScriptedUser implements UserInterface {
  readonly asked: PromptRequest[] = [];
  constructor(private readonly answer: (request: PromptRequest) => PromptAnswers | undefined) {}
  async prompt(request: PromptRequest): Promise<PromptAnswers | undefined> {
    this.asked.push(request);
    return this.answer(request);
  }
}

// EnableModeless, prompts, connection profiles and properties, with real handler processes.
describe('the SyncMgr contract with a user and the network', () => {
  const manager = managerPerTest();
  const file = (name: string) => path.join(manager().home.root, name);

  it('grants the modeless token to one handler at a time, and answers or refuses their prompts', async () => {
    for (const name of ['alpha', 'beta', 'gamma']) await registerContract(manager(), name, file('journal.jsonl'), { BEHAVIOUR: 'modeless', HOLD_MS: '300' });
    const user = new ScriptedUser((request) => (request.handlerName === 'beta' ? undefined : { user: 'alice', password: `secret of ${request.handlerName}` }));
    const report = await manager().sync({ userInterface: user });
    expect(report.handlers.every((h) => h.result === 'succeeded')).toBe(true);

    const lines = await readJournal(file('journal.jsonl'));
    const holds = lines.filter((l) => l.token).map((l) => `${l.token} ${l.name}`);
    expect(holds).toHaveLength(6);
    for (let i = 0; i < holds.length; i += 2) {
      expect(holds[i]).toMatch(/^held /);
      expect(holds[i + 1]).toBe(holds[i]!.replace('held', 'released')); // nobody else in between
    }
    const prompts = Object.fromEntries(lines.filter((l) => l.call === 'callback/prompt').map((l) => [l.name, l.result]));
    expect(prompts['alpha']).toEqual({ hr: HResult.S_OK, answers: { user: 'alice', password: 'secret of alpha' } });
    expect(prompts['beta']).toEqual({ hr: HResult.S_FALSE });
    expect(user.asked.map((r) => r.fields.map((f) => f.kind))).toEqual([['text', 'secret'], ['text', 'secret'], ['text', 'secret']]);
  });

  it('answers EnableModeless with S_FALSE when no user can be asked, and refuses a prompt without the token', async () => {
    await registerContract(manager(), 'unattended', file('journal.jsonl'), { BEHAVIOUR: 'modeless,prompt-without-token' });
    const report = await manager().sync();
    const lines = await readJournal(file('journal.jsonl'));
    const prompt = lines.find((l) => l.call === 'callback/prompt');
    expect(prompt?.error).toBe(SyncMgrErrorCodes.OutOfPhase);
    expect(lines.find((l) => l.call === 'callback/enableModeless')?.result).toEqual({ hr: HResult.S_FALSE });
    expect(report.handlers[0]!.log).toContainEqual(expect.objectContaining({ level: 'error', source: 'host' }));
  });

  it('does not let handlers of an unattended event bother the user, even with a user interface', async () => {
    const clsid = await registerContract(manager(), 'idle', file('journal.jsonl'), { BEHAVIOUR: 'modeless' });
    const user = new ScriptedUser(() => ({}));
    await manager().sync({ event: 'idle', handlers: [clsid], userInterface: user });
    expect(user.asked).toEqual([]);
    const [init] = (await readJournal(file('journal.jsonl'))).filter((l) => l.received === 'initialize');
    expect(init?.params).toEqual({ syncMgrFlags: 0x4 });
  });

  it('brings a connection profile up once for the session and down after the last handler', async () => {
    const events = file('connection-events.txt');
    const appends = (line: string) => [process.execPath, '-e', `require('node:fs').appendFileSync(${JSON.stringify(events)}, '${line}\\n')`];
    await writeFile(file('config.json'), JSON.stringify({
      connections: { vpn: { up: appends('up'), down: appends('down') } },
      defaultConnection: 'vpn',
    }), { mode: 0o600 });
    await registerContract(manager(), 'first', file('journal.jsonl'), { BEHAVIOUR: 'connect', CONNECTION: 'vpn' });
    await registerContract(manager(), 'second', file('journal.jsonl'), { BEHAVIOUR: 'connect,slow', TICKS: '6' });
    await registerContract(manager(), 'lost', file('journal.jsonl'), { BEHAVIOUR: 'connect', CONNECTION: 'dial-up' });
    const session = await manager().createSession();
    let downBeforeEnd = '';
    session.on('handlerFinished', async () => void (downBeforeEnd += (await readFile(events, 'utf8').catch(() => '')).includes('down') ? 'x' : ''));
    const report = await session.run();

    expect(await readFile(events, 'utf8')).toBe('up\ndown\n');
    expect(downBeforeEnd).toBe('');
    const answers = Object.fromEntries((await readJournal(file('journal.jsonl'))).filter((l) => l.call === 'callback/establishConnection').map((l) => [l.name, l.result?.hr]));
    expect(answers).toEqual({ first: HResult.S_OK, second: HResult.S_OK, lost: HResult.E_FAIL });
    const lost = report.handlers.find((h) => h.name === 'lost')!;
    expect(lost.result).toBe('succeeded');
    expect(lost.log).toContainEqual(expect.objectContaining({ level: 'error', source: 'host', text: expect.stringContaining('"dial-up"') }));
  });

  it('shows properties on a settings instance and enumerates again after S_SYNCMGR_ENUMITEMS', async () => {
    const clsid = await registerContract(manager(), 'props', file('journal.jsonl'), { BEHAVIOUR: 'properties' });
    const outcome = await manager().showProperties(clsid, itemId(2));
    expect(outcome.hr).toBe(HResult.S_SYNCMGR_ENUMITEMS);
    expect(outcome.enumeration?.items.map((i) => i.itemId)).toEqual([itemId(1), itemId(2)]);
    expect(outcome.reenumerated?.items.map((i) => i.itemId)).toEqual([itemId(1)]);
    const lines = await readJournal(file('journal.jsonl'));
    expect(lines.find((l) => l.received === 'initialize')?.params).toEqual({ syncMgrFlags: 0x103 });
    expect(lines.filter((l) => l.received === 'prepareForSync')).toEqual([]);
    await expect(manager().showProperties(clsid, itemId(9))).rejects.toMatchObject({ name: 'HostError', code: 'USAGE' });
  });
});
