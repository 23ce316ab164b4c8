import path from 'node:path';
import {
  stableItemId,
  type Guid,
  type HostContext,
  type ItemContext,
  type ItemResult,
  type PhaseContext,
  type ShowErrorResult,
  type SyncHandler,
  type SyncItem,
} from '@syncmgr/handler-sdk';
import type { Mailbox, MailConfig } from './config.js';
import { LOGON_ERROR_ID, MailLogon } from './logon.js';
import { downloadMailbox, type DownloadSummary } from './mailbox.js';

export { LOGON_ERROR_ID } from './logon.js';

/** The namespace of mail-sync's item IDs: an item's ID is derived from the user and the mailbox folder. */
export const MAIL_SYNC_NAMESPACE: Guid = '9ba1cd09-867d-43ec-b618-8a8d80293f03';

/** An item of mail-sync: one mailbox. */
export interface MailboxItem extends SyncItem {
  mailbox: Mailbox;
}

// A subject can be as long as a message; the status line shows its start.
const MAX_SUBJECT_SHOWN = 100;

/**
 * The mail-sync handler: one item per mailbox, each "downloaded" from the server folder. It needs
 * a password, asked for in PrepareForSync when the session may bother the user; a failed logon
 * is an actionable log entry whose ShowError asks again and retries the items that failed.
 */
export function createMailSyncHandler(config: MailConfig): SyncHandler<MailboxItem> {
  const logon = new MailLogon(config);
  return {
    handlerInfo: { handlerName: 'Mail (sample)', handlerFlags: 0 },
    enumItems: () => config.mailboxes.map((mailbox) => toItem(config, mailbox)),
    prepareForSync: (_items, ctx) => logOn(logon, ctx),
    synchronizeItem: (item, ctx) => syncMailbox(config, logon, item, ctx),
    showError: (errorId, ctx) => (errorId === LOGON_ERROR_ID ? retryLogon(logon, ctx) : undefined),
  };
}

function toItem(config: MailConfig, mailbox: Mailbox): MailboxItem {
  return { itemId: stableItemId(MAIL_SYNC_NAMESPACE, `${config.user}/${mailbox.folder}`), itemName: mailbox.name, mailbox };
}

async function logOn(logon: MailLogon, ctx: PhaseContext): Promise<'decline' | void> {
  if (logon.loggedOn) return;
  // Nothing can be downloaded without a password, and this session may not ask for one.
  if (!ctx.mayBotherUser) {
    process.stderr.write('mail-sync: declining: no password yet, and this session may not ask the user for one\n');
    return 'decline';
  }
  const attempt = await logon.ask(ctx);
  if (attempt.outcome === 'refused') return 'decline';
  // Prepare still succeeds: the items fail "not logged on", and the entry's ShowError retries them.
  if (attempt.outcome === 'failed') await ctx.logError('error', attempt.message, { errorId: LOGON_ERROR_ID });
}

async function retryLogon(logon: MailLogon, ctx: HostContext): Promise<ShowErrorResult | void> {
  if (!logon.loggedOn) {
    const attempt = await logon.ask(ctx, 'The last logon failed. Enter the password again to download the mailboxes that failed.');
    if (attempt.outcome !== 'loggedOn') {
      const why = attempt.outcome === 'failed' ? attempt.message : 'the user did not answer';
      process.stderr.write(`mail-sync: no retry: ${why}\n`);
      return;
    }
  }
  await ctx.deleteLogError(LOGON_ERROR_ID);
  return { retryItemIds: logon.waitingItems };
}

async function syncMailbox(config: MailConfig, logon: MailLogon, item: MailboxItem, ctx: ItemContext): Promise<ItemResult> {
  if (!logon.loggedOn) {
    logon.markWaiting(item.itemId);
    return { status: 'failed', text: 'not logged on' };
  }
  logon.markRan(item.itemId);
  const { folder } = item.mailbox;
  const summary = await downloadMailbox(path.join(config.server, folder), path.join(config.local, folder), {
    beforeMessage: async ({ number, total, subject }) => {
      await ctx.progress({ text: `${number} of ${total}: ${shorten(subject)}`, value: number - 1, max: total });
      ctx.throwIfStopped();
    },
  });
  if (summary.downloaded > 0) await ctx.progress({ value: summary.downloaded, max: summary.downloaded });
  // Explicit: every message is local now, even if a cancel arrives with the last report.
  return { status: 'succeeded', text: describeDownload(summary) };
}

/** "downloaded 3 messages (7 already here)". */
export function describeDownload({ downloaded, present }: DownloadSummary): string {
  const messages = `${downloaded} message${downloaded === 1 ? '' : 's'}`;
  const already = present > 0 ? ` (${present} already here)` : '';
  return downloaded === 0 ? `no new messages${already}` : `downloaded ${messages}${already}`;
}

function shorten(subject: string): string {
  return subject.length <= MAX_SUBJECT_SHOWN ? subject : `${subject.slice(0, MAX_SUBJECT_SHOWN - 1)}…`;
}
