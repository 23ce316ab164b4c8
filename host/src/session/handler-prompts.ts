import { ResponseError } from 'vscode-jsonrpc/node';
import { HandlerPhases, HResult, SyncMgrErrorCodes, type Guid, type HResultResult, type PromptParams, type PromptResult } from '@syncmgr/protocol';
import type { HandlerConnection } from '../transport/handler-connection.js';
import type { HandlerLifeCycle } from './handler-life-cycle.js';
import type { ModelessToken } from './modeless-token.js';
import { checkAnswers } from './prompt-answers.js';
import type { UserInterface, UserNotAskedReason } from './user-interface.js';

/** Who may be asked for one handler: the session's token and user, and the handler's own flags. */
export interface PromptAccess {
  token: ModelessToken;
  /** The user to ask; absent when nobody can be asked. */
  ui?: UserInterface;
  /** SYNCMGRFLAG_MAYBOTHERUSER was given to this instance. */
  mayBotherUser: boolean;
  clsid: Guid;
  handlerName: string;
  /** A problem that belongs to no phase of the handler: the session warns its clients. */
  warn(text: string): void;
  /** Something the host did to this handler, as an entry in its results. */
  note(text: string): void;
  /** The handler asked for the user in a phase where one may be asked, and nobody could be: the session tells its clients. */
  notAsked(reason: UserNotAskedReason): void;
}

// Said in the handler's results, which are read long after the session, when nobody could be asked.
const NOT_ASKED_NOTES: Record<UserNotAskedReason, string> = {
  'no-user-interface': 'the handler asked for the user (EnableModeless) and was told no: this session had nobody to ask; run it on a terminal to answer',
  'unattended-event': 'the handler asked for the user (EnableModeless) and was told no: this event runs unattended; run a manual sync on a terminal to answer',
};

/** One handler's side of the EnableModeless token (§4.7) and its prompts. */
export class HandlerPrompts {
  /** The prompt shown for this handler now, if any: aborted when the handler loses the token. */
  private open: AbortController | undefined;
  /** The reasons the clients were told: a handler that asks again is told once, so hints and notes do not repeat. */
  private readonly notAskedFor = new Set<UserNotAskedReason>();

  constructor(
    private readonly access: PromptAccess,
    private readonly life: HandlerLifeCycle,
    private readonly connection: () => HandlerConnection,
  ) {}

  /** EnableModeless: S_OK once the token is this handler's (waiting while another holds it), S_FALSE when it may not ask now. */
  async enableModeless(enable: boolean): Promise<HResultResult> {
    if (!enable) return { hr: this.giveBack() ? HResult.S_OK : HResult.S_FALSE };
    if (!this.mayAskNow()) {
      this.tellNotAsked();
      return { hr: HResult.S_FALSE };
    }
    await this.connection().whileWaitingOnHost(this.access.token.acquire(this.access.clsid, () => this.onTokenRevoked()));
    return { hr: HResult.S_OK };
  }

  /** The prompt extension, for the handler holding the token. */
  async prompt(params: PromptParams): Promise<PromptResult | ResponseError<void>> {
    const { token, ui, clsid, handlerName } = this.access;
    if (!ui || !token.holds(clsid)) {
      return this.life.refuse(
        SyncMgrErrorCodes.OutOfPhase,
        'callback/prompt needs the EnableModeless token: call callback/enableModeless {enable: true} first',
      );
    }
    if (this.open) return this.life.refuse(SyncMgrErrorCodes.OutOfPhase, 'a prompt of this handler is already open: wait for its answer');
    const open = (this.open = new AbortController());
    try {
      const answers = await this.connection().whileWaitingOnHost(ui.prompt({ ...params, handlerName, clsid }, open.signal));
      if (!answers || open.signal.aborted) return { hr: HResult.S_FALSE };
      const checked = checkAnswers(params, answers);
      if ('answers' in checked) return { hr: HResult.S_OK, answers: checked.answers };
      this.access.warn(`the prompt "${params.title}" of ${handlerName} was refused: the user interface ${checked.problem}`);
      return { hr: HResult.S_FALSE };
    } finally {
      if (this.open === open) this.open = undefined;
    }
  }

  /** Closes this handler's open prompt (its answers must reach no one) and releases the token; false when it held none. */
  giveBack(): boolean {
    this.open?.abort();
    this.open = undefined;
    return this.access.token.release(this.access.clsid);
  }

  // Past the deadline the token has gone to the next waiter already; the prompt shown under it closes.
  private onTokenRevoked(): void {
    this.open?.abort();
    this.open = undefined;
    const seconds = this.access.token.deadlineMs / 1000;
    this.access.note(`the handler held the EnableModeless token past its deadline of ${seconds} s: the host took it back and closed its open prompt`);
  }

  /**
   * A handler declined because it needs the user (S_FALSE from PrepareForSync): why nobody could be
   * asked, told to the clients as for a refused EnableModeless; undefined when the user could have been.
   */
  declinedForWantOfUser(): UserNotAskedReason | undefined {
    const reason = this.reasonNotAsked();
    if (reason) this.tell(reason);
    return reason;
  }

  private reasonNotAsked(): UserNotAskedReason | undefined {
    if (!this.access.ui) return 'no-user-interface';
    return this.access.mayBotherUser ? undefined : 'unattended-event';
  }

  // Not in a phase where no handler may ask: that is the handler's mistake, not the session's.
  private tellNotAsked(): void {
    if (HandlerPhases[this.life.phase].userInterface === 'never') return;
    const reason = this.access.ui ? 'unattended-event' : 'no-user-interface';
    // Its results say so too: unlike a decline's reason, a refused EnableModeless leaves no other trace.
    if (this.tell(reason)) this.access.note(NOT_ASKED_NOTES[reason]);
  }

  // True the first time for this reason.
  private tell(reason: UserNotAskedReason): boolean {
    if (this.notAskedFor.has(reason)) return false;
    this.notAskedFor.add(reason);
    this.access.notAsked(reason);
    return true;
  }

  private mayAskNow(): boolean {
    if (!this.access.ui) return false;
    const rule = HandlerPhases[this.life.phase].userInterface;
    return rule === 'userInitiated' || (rule === 'withMayBotherUser' && this.access.mayBotherUser);
  }
}
