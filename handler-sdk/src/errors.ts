import type { ItemStopReason } from './handler.js';

/** What the SDK refused: a handler gave it something the host would reject, or misused the SDK. */
export type HandlerSdkErrorCode =
  | 'INVALID_HANDLER_INFO'
  | 'INVALID_ITEM'
  | 'INVALID_NAMESPACE'
  | 'UNKNOWN_ITEM'
  | 'NO_SYNCHRONIZE'
  | 'INVALID_OPTIONS'
  | 'INVALID_PROMPT'
  | 'INVALID_HRESULT'
  /** A completion was asked of a call that declares none (an SDK bug, not the handler's). */
  | 'NOT_ASYNCHRONOUS';

/** An error the SDK raises itself; `code` says which rule was broken. */
export class HandlerSdkError extends Error {
  /** Always 'HandlerSdkError'. */
  override readonly name = 'HandlerSdkError';

  constructor(
    /** Which rule was broken. */
    readonly code: HandlerSdkErrorCode,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

/** Thrown by ItemContext.throwIfStopped once the host skipped or cancelled the item. */
export class ItemStoppedError extends Error {
  // The standard name, so code that treats any AbortError as "stop quietly" handles it too.
  /** 'AbortError'. */
  override readonly name = 'AbortError';

  constructor(
    /** Whether the item was skipped or stopped. */
    readonly reason: ItemStopReason,
  ) {
    super(`the item was ${reason}`);
  }
}
