import type { Guid, PromptParams } from '@syncmgr/protocol';

/** A prompt as the host shows it: what the handler asked, and who asked (as registered, not as it claims). */
export interface PromptRequest extends PromptParams {
  /** The asking handler's registered name. */
  handlerName: string;
  /** Its class ID. */
  clsid: Guid;
}

/** The answers to a prompt: strings for text and secret fields, booleans for confirms. */
export type PromptAnswers = Record<string, string | boolean>;

/**
 * A user the host can ask: the terminal today, a dashboard tomorrow. A session without one
 * answers EnableModeless with S_FALSE, as mobsync did when unattended.
 */
export interface UserInterface {
  /**
   * Shows the prompt; resolves to the answers, or undefined when the user refused or the signal
   * aborted (the handler gave the token back, or its phase ended, before the user answered).
   */
  prompt(request: PromptRequest, signal: AbortSignal): Promise<PromptAnswers | undefined>;
}

/**
 * Why a handler that asked to bother the user (EnableModeless) was told S_FALSE where a user could
 * have answered: the session had no user interface (piped, --json, --no-prompt, a library caller
 * without one), or its event runs unattended (connect, pendingdisconnect, idle, scheduled).
 */
export type UserNotAskedReason = 'no-user-interface' | 'unattended-event';
