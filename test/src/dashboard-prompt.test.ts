// A handler's prompt (EnableModeless, then callback/prompt) is answered in the page: OK gives the
// handler exactly what was typed; Cancel and Escape tell it the user declined (S_FALSE).
import { HResult, Prompt } from '@syncmgr/protocol';
import { fixtureRecords, registerFixture } from './support/fixtures.js';
import { answersTo } from './support/fixture-record.js';
import { dashboardPerTest } from './support/dashboard-page.js';
import { button, gone, shown } from './support/dashboard-locators.js';
import { screenshot } from './support/browser.js';

const dashboard = dashboardPerTest();

// The fixture asks, holding the token, for a logon titled "<name> logon": User (text, default alice) and Password (secret).
async function prompted() {
  const clsid = await registerFixture(dashboard.manager(), 'prompts-holding-the-token', { name: 'prompter' });
  const { page } = await dashboard.open();
  const sessionId = await dashboard.sync(clsid);
  const dialog = page.getByRole('dialog', { name: 'prompter logon', exact: true });
  await shown(dialog, 'the dialog of the prompt "prompter logon"');
  return { clsid, page, sessionId, dialog };
}

async function promptAnswers(clsid: string, sessionId: string): Promise<unknown[]> {
  await dashboard.finished(sessionId);
  return answersTo(await fixtureRecords(dashboard.manager(), clsid), Prompt.method);
}

dashboard.test('OK gives the handler the answers typed in the dialog', async () => {
  const { clsid, page, sessionId, dialog } = await prompted();
  expect(await dialog.getAttribute('aria-modal')).toBe('true');
  const password = dialog.getByLabel('Password', { exact: true });
  expect(await password.getAttribute('type')).toBe('password');
  await dialog.getByLabel('User', { exact: true }).fill('bob');
  await password.fill('hunter2');
  await screenshot(page, 'prompt');
  await button(dialog, 'OK').click();
  await gone(dialog, 'the answered dialog');
  expect(await promptAnswers(clsid, sessionId)).toEqual([{ hr: HResult.S_OK, answers: { user: 'bob', password: 'hunter2' } }]);
});

describe.each(['Cancel', 'Escape'])('%s', (how) => {
  dashboard.test('tells the handler the user declined (S_FALSE)', async () => {
    const { clsid, page, sessionId, dialog } = await prompted();
    if (how === 'Cancel') await button(dialog, 'Cancel').click();
    else await dialog.getByLabel('User', { exact: true }).press('Escape');
    await gone(dialog, 'the declined dialog');
    await screenshot(page, `prompt-${how.toLowerCase()}`);
    expect(await promptAnswers(clsid, sessionId)).toEqual([{ hr: HResult.S_FALSE }]);
  });
});

dashboard.test('a page opened while the handler already waits shows its prompt, from daemon/status', async () => {
  const clsid = await registerFixture(dashboard.manager(), 'prompts-holding-the-token', { name: 'prompter' });
  const sessionId = await dashboard.sync(clsid);
  await dashboard.event('the prompt', (e) => e.sessionId === sessionId && e.body.kind === 'prompt');
  const { page } = await dashboard.open();
  const dialog = page.getByRole('dialog', { name: 'prompter logon', exact: true });
  await shown(dialog, 'the prompt opened before the page');
  await dialog.getByLabel('Password', { exact: true }).fill('hunter2');
  await screenshot(page, 'prompt-opened-before-the-page');
  await button(dialog, 'OK').click();
  await gone(dialog, 'the answered dialog');
  expect(await promptAnswers(clsid, sessionId)).toEqual([{ hr: HResult.S_OK, answers: { user: 'alice', password: 'hunter2' } }]);
});
