import type { Guid, HostContext, PromptParams } from '@syncmgr/handler-sdk';
import { AccountError, checkLogon } from './accounts.js';
import type { MailConfig } from './config.js';

/** The ErrorID of the "logon failed" entry: opening it (ShowError) asks for the password again. */
export const LOGON_ERROR_ID: Guid = 'a3de973d-c687-4752-93d0-840d415ab540';

/** How asking for a password went: the user refused, the logon worked, or it failed (and why). */
export type LogonAttempt = { outcome: 'refused' } | { outcome: 'loggedOn' } | { outcome: 'failed'; message: string };

/**
 * This instance's logon: the user whose password was verified (kept in memory only, for this
 * session), and the items that failed for want of a logon, which a successful retry runs again.
 */
export class MailLogon {
  #user: string | undefined;
  readonly #waiting = new Set<Guid>();

  constructor(private readonly config: MailConfig) {}

  /** True once a password was verified. */
  get loggedOn(): boolean {
    return this.#user !== undefined;
  }

  /** The items that failed with "not logged on" and have not run since. */
  get waitingItems(): Guid[] {
    return [...this.#waiting];
  }

  /** Records that an item could not run because nobody is logged on. */
  markWaiting(itemId: Guid): void {
    this.#waiting.add(itemId);
  }

  /** Records that an item ran logged on. */
  markRan(itemId: Guid): void {
    this.#waiting.delete(itemId);
  }

  /** Prompts for the password (through the host) and checks it against the account file. */
  async ask(ctx: HostContext, text?: string): Promise<LogonAttempt> {
    const answers = await ctx.prompt(this.#prompt(text));
    if (!answers) return { outcome: 'refused' };
    const typed = answers['user'];
    const user = typeof typed === 'string' && typed.trim() !== '' ? typed.trim() : this.config.user;
    const password = typeof answers['password'] === 'string' ? answers['password'] : '';
    try {
      const check = await checkLogon(this.config.accountFile, user, password);
      if (check.ok) this.#user = user;
      return check.ok ? { outcome: 'loggedOn' } : { outcome: 'failed', message: `Logon to mail as ${user} failed: ${check.reason}` };
    } catch (error) {
      // A broken account file is a failed logon the user can retry once it is fixed.
      if (error instanceof AccountError) return { outcome: 'failed', message: `Logon to mail as ${user} failed: ${error.message}` };
      throw error;
    }
  }

  #prompt(text: string | undefined): PromptParams {
    const request: PromptParams = {
      title: `Log on to mail as ${this.config.user}`,
      fields: [
        { name: 'user', label: 'User', kind: 'text', default: this.config.user },
        { name: 'password', label: 'Password', kind: 'secret' },
      ],
    };
    if (text !== undefined) request.text = text;
    return request;
  }
}
