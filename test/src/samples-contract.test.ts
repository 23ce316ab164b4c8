import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { HResult } from '@syncmgr/protocol';
import type { PromptAnswers, PromptRequest, UserInterface } from '@syncmgr/host';
import { DEMO_MAIL_PASSWORD, LOGON_ERROR_ID, prepareMailSample } from '@syncmgr/sample-handlers/demo';
import { runCli } from './support/cli.js';
import { managerPerTest } from './support/manager-per-test.js';
import { folderSyncMain, repoRoot } from './support/paths.js';

const MAIL = 'e5f6a7b8-c9d0-4e1f-8a2b-3c4d5e6f7a8b';
const FOLDERS = 'a3b1c8e2-5d4f-4e6a-9b7c-1d2e3f405162';
const mailMain = path.join(repoRoot, 'sample-handlers', 'dist', 'mail-sync', 'main.js');

/** Answers each prompt with the next scripted answer; records the prompts. */
class ScriptedUser implements UserInterface {
  readonly asked: PromptRequest[] = [];
  constructor(private readonly answers: (PromptAnswers | undefined)[]) {}
  prompt(request: PromptRequest): Promise<PromptAnswers | undefined> {
    this.asked.push(request);
    return Promise.resolve(this.answers.shift());
  }
}

// The samples grown into the whole contract: a logon prompt, ShowError and retry, properties.
describe('the samples and the whole contract', () => {
  const manager = managerPerTest();
  const root = () => manager().home.root;

  async function registerMail(): Promise<string> {
    const config = await prepareMailSample(root());
    await manager().registry.register({ clsid: MAIL, name: 'mail', command: [process.execPath, mailMain, '--config', config], events: [] });
    return path.join(root(), 'mail');
  }

  it('mail-sync asks for a logon, logs an actionable error when it fails, and retries after ShowError', async () => {
    const mail = await registerMail();
    const user = new ScriptedUser([{ user: 'alice', password: 'wrong' }, { password: DEMO_MAIL_PASSWORD }]);
    const session = await manager().createSession({ userInterface: user, holdForErrors: true });
    const first = await session.run();
    expect(first.handlers[0]!.items.map((i) => [i.status, i.text])).toEqual([
      ['failed', 'not logged on'],
      ['failed', 'not logged on'],
    ]);
    expect(user.asked[0]!.fields.find((f) => f.name === 'password')?.kind).toBe('secret');
    const [entry] = session.actionableEntries();
    expect(entry?.entry).toMatchObject({
      level: 'error',
      errorId: LOGON_ERROR_ID,
      text: expect.stringMatching(/Logon to mail as alice failed: wrong password/),
    });

    const retried = await session.showError(MAIL, LOGON_ERROR_ID);
    expect(retried.handlers[0]!.items.map((i) => i.status)).toEqual(['succeeded', 'succeeded']);
    expect(retried.handlers[0]!.log.some((e) => e.errorId === LOGON_ERROR_ID)).toBe(false);
    await session.close();
    expect((await readdir(path.join(mail, 'local', 'inbox'))).sort()).toEqual(['0001.eml', '0002.eml']);
    expect(user.asked).toHaveLength(2);
  });

  it('mail-sync declines to prepare when nobody can be asked', async () => {
    await registerMail();
    const [handler] = (await manager().sync()).handlers;
    expect(handler).toMatchObject({ result: 'declined' });
    expect(handler!.items.map((i) => i.status)).toEqual(['skipped', 'skipped']);
  });

  it.each([[['--no-prompt']], [['--json']], [[]]])('syncmgr sync %j says how to answer the logon nobody could be asked for', async (flags) => {
    await registerMail();
    const run = await runCli(root(), ['sync', ...flags]);
    expect(run.exitCode).toBe(0); // declined: its items are skipped, which is not a failure
    const hints = run.stderr.split('\n').filter((line) => line.includes(`run \`syncmgr sync --handler ${MAIL}\` on a terminal`));
    expect(hints).toHaveLength(1);
    expect(hints[0]).toContain(flags[0] ?? 'not a terminal');
  });

  it('folder-sync edits a pair through its item properties and the host enumerates the changed items', async () => {
    const config = path.join(root(), 'pairs.json');
    await mkdir(path.join(root(), 'docs'));
    await writeFile(config, JSON.stringify({ pairs: [{ name: 'Docs', source: 'docs', target: 'mirror' }] }));
    await manager().registry.register({ clsid: FOLDERS, name: 'folders', command: [process.execPath, folderSyncMain, '--config', config], events: [] });
    const before = (await manager().inspect(FOLDERS)).enumeration!.items;
    const user = new ScriptedUser([
      { source: 'docs', target: 'elsewhere' },
      { name: 'More', source: 'docs', target: 'more', confirm: true },
    ]);

    const edited = await manager().showProperties(FOLDERS, before[0]!.itemId, { userInterface: user });
    expect(edited.hr).toBe(HResult.S_SYNCMGR_ENUMITEMS);
    expect(edited.reenumerated?.items).toHaveLength(1);
    expect(edited.reenumerated?.items[0]!.itemId).not.toBe(before[0]!.itemId);
    expect((JSON.parse(await readFile(config, 'utf8')) as { pairs: { target: string }[] }).pairs[0]?.target).toBe('elsewhere');

    const added = await manager().showProperties(FOLDERS, undefined, { userInterface: user });
    expect(added.hr).toBe(HResult.S_SYNCMGR_ENUMITEMS);
    expect(added.reenumerated?.items.map((i) => i.itemName)).toEqual(['Docs', 'More']);
  });
});
