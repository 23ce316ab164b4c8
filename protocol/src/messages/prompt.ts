import { UI_PHASES } from '../life-cycle.js';
import { defineRequest } from '../method-descriptor.js';
import type { HResultValue } from '../wire-types.js';

// Extension. A handler in another process cannot open a window in the host's terminal, so the host
// shows its dialogs: between EnableModeless(true) answered S_OK and EnableModeless(false), the
// handler holding the token may ask the host to prompt the user.

interface PromptFieldBase {
  /**
   * The key of the answer; unique within the prompt.
   * @pattern ^[A-Za-z_][A-Za-z0-9_]*$
   */
  name: string;
  /**
   * What the user is asked.
   * @minLength 1
   */
  label: string;
}

/** A line of text, shown as typed. */
export interface PromptTextField extends PromptFieldBase {
  kind: 'text';
  /** Offered when the user just presses Enter. */
  default?: string;
}

/** A secret (a password): never echoed, never defaulted. */
export interface PromptSecretField extends PromptFieldBase {
  kind: 'secret';
}

/** A yes-or-no question. */
export interface PromptConfirmField extends PromptFieldBase {
  kind: 'confirm';
  /** The answer when the user just presses Enter. */
  default?: boolean;
}

/** One input of a prompt. */
export type PromptField = PromptTextField | PromptSecretField | PromptConfirmField;

export interface PromptParams {
  /**
   * A title naming what is asked, e.g. "Log on to mail.example.com".
   * @minLength 1
   */
  title: string;
  /** An explanation shown above the fields. */
  text?: string;
  /**
   * The fields, in order.
   * @minItems 1
   * @maxItems 16
   */
  fields: PromptField[];
}

export interface PromptResult {
  /** S_OK: answered; S_FALSE: the user refused (Escape, Ctrl-D, or declined the dialog). */
  hr: HResultValue;
  /** Present with S_OK: one answer per field, strings for text and secret, booleans for confirm. */
  answers?: Record<string, string | boolean>;
}

/** Extension: the dialog a handler would have shown while holding the EnableModeless token. */
export const Prompt = defineRequest<PromptParams, PromptResult>({
  method: 'callback/prompt',
  direction: 'handlerToHost',
  mirrors: 'extension (a dialog shown between EnableModeless(TRUE) and EnableModeless(FALSE))',
  title: 'Prompt',
  paramsSchema: 'PromptParams',
  resultSchema: 'PromptResult',
  phases: UI_PHASES,
});
