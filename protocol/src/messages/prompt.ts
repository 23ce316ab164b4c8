import { defineRequest } from '../method-descriptor.js';
import type { HResultValue } from '../wire-types.js';

// Extension. A handler in another process cannot open a window in the host's terminal, so the host
// shows its dialogs: between EnableModeless(true) answered S_OK and EnableModeless(false), the
// handler holding the token may ask the host to prompt the user.

/** One input of a prompt. */
export interface PromptField {
  /**
   * The key of the answer.
   * @pattern ^[A-Za-z_][A-Za-z0-9_]*$
   */
  name: string;
  /** What the user is asked. */
  label: string;
  /** text: shown as typed; secret: never echoed; confirm: yes or no. */
  kind: 'text' | 'secret' | 'confirm';
  /** Offered when the user just presses Enter (never for secrets). */
  default?: string | boolean;
}

export interface PromptParams {
  /** A title naming what is asked, e.g. "Log on to mail.example.com". */
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
  /** S_OK: answered; S_FALSE: the user refused (or no user can be asked). */
  hr: HResultValue;
  /** Present with S_OK: one answer per field, strings for text and secret, booleans for confirm. */
  answers?: Record<string, string | boolean>;
}

/** Extension: the dialog a handler would have shown while holding the EnableModeless token. */
export const Prompt = defineRequest<PromptParams, PromptResult>({
  method: 'callback/prompt',
  direction: 'handlerToHost',
  mirrors: 'extension (a dialog shown between EnableModeless(TRUE) and EnableModeless(FALSE))',
  paramsSchema: 'PromptParams',
  resultSchema: 'PromptResult',
});
