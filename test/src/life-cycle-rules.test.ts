// The life-cycle rules of PROTOCOL.md §4–5 that a handler written from the spec alone found the host
// breaking, each against a fixture named for what it does.
import path from 'node:path';
import { sessionSucceeded, type PromptAnswers, type PromptRequest, type UserInterface } from '@syncmgr/host';
import { checkAnswers } from '@syncmgr/host/internal/session/prompt-answers.js';
import { SyncMgrErrorCodes, type PromptParams } from '@syncmgr/protocol';
import { prepareMailSample } from '@syncmgr/sample-handlers/demo';
import { fixtureRecords, registerFixture } from './support/fixtures.js';
import { managerPerTest } from './support/manager-per-test.js';
import { repoRoot } from './support/paths.js';

describe('the handler life cycle, as PROTOCOL.md states it', () => {
  const manager = managerPerTest();

  it('fails a handler whose handshake answers an unsupported major protocolVersion (§5.1), before Initialize', async () => {
    const clsid = await registerFixture(manager(), 'answers-unsupported-version');
    const [handler] = (await manager().sync({ handlers: [clsid] })).handlers;
    expect(handler).toMatchObject({ result: 'failed', fault: { kind: 'unsupported-version', phase: 'handshake' }, items: [] });
  });

  it('refuses a callback sent after SetProgressCallback {enabled:false} with OutOfPhase, and keeps it out of the results (§4.3, §4.4)', async () => {
    const clsid = await registerFixture(manager(), 'calls-back-after-release');
    const [handler] = (await manager().sync({ handlers: [clsid] })).handlers;
    expect(handler?.result).toBe('succeeded');
    expect(await fixtureRecords(manager(), clsid)).toContainEqual({ callback: 'callback/logError', refusedWith: SyncMgrErrorCodes.OutOfPhase });
    expect(handler?.log.filter((entry) => entry.source !== 'host')).toEqual([]);
  });

  it('takes a Synchronize completed with E_FAIL as completed with errors, not a fault: each item keeps its status (§5.4)', async () => {
    const clsid = await registerFixture(manager(), 'completes-synchronize-with-e-fail');
    const report = await manager().sync({ handlers: [clsid] });
    const [handler] = report.handlers;
    expect(handler?.result).toBe('completedWithErrors');
    expect(handler?.fault).toBeUndefined();
    expect(handler?.items.map((item) => item.status)).toEqual(['succeeded', 'failed']);
    expect(sessionSucceeded(report)).toBe(false);
  });

  it('does not follow a PrepareForSync whose items were all cancelled with Synchronize (§4.4)', async () => {
    const clsid = await registerFixture(manager(), 'stops-every-item-on-cancel-in-prepare');
    const session = await manager().createSession({ handlers: [clsid] });
    session.on('itemProgress', (_handler, item) => item.status === 'updating' && session.cancel());
    const [handler] = (await session.run()).handlers;
    expect(handler?.result).toBe('succeeded');
    expect(handler?.items.map((item) => item.status)).toEqual(['stopped', 'stopped']);
    expect(await fixtureRecords(manager(), clsid)).not.toContainEqual({ received: 'synchronize/synchronize' });
  });

  it('refuses a prompt whose user interface answers a field the prompt does not ask: the handler gets S_FALSE, the client a warning', async () => {
    const config = await prepareMailSample(manager().home.root);
    const mailMain = path.join(repoRoot, 'sample-handlers', 'dist', 'mail-sync', 'main.js');
    const clsid = 'e5f6a7b8-c9d0-4e1f-8a2b-3c4d5e6f7a8b';
    await manager().registry.register({ clsid, name: 'mail', command: [process.execPath, mailMain, '--config', config], events: [] });
    const asked: PromptRequest[] = [];
    const user: UserInterface = {
      prompt: (request) => (asked.push(request), Promise.resolve({ user: 'alice', password: 'secret', admin: true } satisfies PromptAnswers)),
    };
    const session = await manager().createSession({ handlers: [clsid], userInterface: user });
    const warnings: string[] = [];
    session.on('warning', (text) => warnings.push(text));
    const [handler] = (await session.run()).handlers;
    expect(asked).toHaveLength(1);
    expect(warnings).toHaveLength(1);
    expect(handler?.items.every((item) => item.status !== 'succeeded')).toBe(true);
  });
});

describe('the answers a user interface gives to a prompt', () => {
  const prompt: PromptParams = {
    title: 'Log on',
    fields: [
      { name: 'user', label: 'User', kind: 'text', default: 'alice' },
      { name: 'password', label: 'Password', kind: 'secret' },
      { name: 'remember', label: 'Remember me', kind: 'confirm', default: false },
    ],
  };

  it('are passed on when they are exactly the fields, of their types', () => {
    expect(checkAnswers(prompt, { user: 'bob', password: 'pw', remember: true })).toEqual({ answers: { user: 'bob', password: 'pw', remember: true } });
  });

  it('take a field default where an answer is left out, as Enter would, but never for a secret', () => {
    expect(checkAnswers(prompt, { password: 'pw' })).toEqual({ answers: { user: 'alice', password: 'pw', remember: false } });
    expect(checkAnswers(prompt, { user: 'bob' })).toHaveProperty('problem');
  });

  it('are refused when they name a field the prompt does not have, or give the wrong type', () => {
    expect(checkAnswers(prompt, { password: 'pw', admin: true })).toHaveProperty('problem');
    expect(checkAnswers(prompt, { password: 'pw', remember: 'yes' })).toHaveProperty('problem');
    expect(checkAnswers(prompt, { password: 7 as unknown as string })).toHaveProperty('problem');
  });
});
