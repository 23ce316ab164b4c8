import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { hashPassword } from '../mail-sync/accounts.js';

/** The class ID the demo registers the mail sample under, and the demo account's password. */
export const MAIL_SYNC_CLSID = 'e5f6a7b8-c9d0-4e1f-8a2b-3c4d5e6f7a8b';
export const DEMO_MAIL_USER = 'alice';
export const DEMO_MAIL_PASSWORD = 'demo';

const MESSAGES: Record<string, Record<string, string>> = {
  inbox: {
    '0001.eml': 'From: bob@example.com\nSubject: Lunch on Friday?\n\nThe usual place.\n',
    '0002.eml': 'From: carol@example.com\nSubject: Minutes of the sync meeting\n\nAttached.\n',
  },
  archive: {
    '0001.eml': 'From: dave@example.com\nSubject: Old news\n\nFrom last year.\n',
  },
};

/** A local "mail server" (mailbox folders of .eml files), an account file and the mail sample's config. */
export async function prepareMailSample(samples: string): Promise<string> {
  const root = path.join(samples, 'mail');
  for (const [mailbox, messages] of Object.entries(MESSAGES)) {
    for (const [name, text] of Object.entries(messages)) {
      await mkdir(path.join(root, 'server', mailbox), { recursive: true });
      await writeFile(path.join(root, 'server', mailbox, name), text);
    }
  }
  await writeFile(path.join(root, 'accounts.json'), JSON.stringify({ users: { [DEMO_MAIL_USER]: hashPassword(DEMO_MAIL_PASSWORD) } }, null, 2) + '\n', {
    mode: 0o600,
  });
  const config = path.join(root, 'mail-sync.json');
  const mailboxes = Object.keys(MESSAGES).map((folder) => ({ name: folder.charAt(0).toUpperCase() + folder.slice(1), folder }));
  await writeFile(config, JSON.stringify({ user: DEMO_MAIL_USER, accountFile: 'accounts.json', server: 'server', local: 'local', mailboxes }, null, 2) + '\n');
  return config;
}
