import type { Guid, PromptParams } from '@syncmgr/protocol';

/** A value or a promise of it: every handler method may be synchronous or asynchronous. */
export type Awaitable<T> = T | Promise<T>;

/** The event that started the session: SYNCMGRFLAG's low byte, by name. */
export type SyncEvent = 'connect' | 'pendingDisconnect' | 'manual' | 'idle' | 'invoke' | 'scheduled' | 'unknown';

/** What the host said about this session in Initialize (and the handshake). */
export interface SessionInfo {
  /** The raw dwSyncMgrFlags. */
  readonly syncMgrFlags: number;
  /** The event that started the session. */
  readonly event: SyncEvent;
  /** SYNCMGRFLAG_MAYBOTHERUSER: UI is allowed, bracketed by enableModeless. */
  readonly mayBotherUser: boolean;
  /** SYNCMGRFLAG_SETTINGS: a configuration-only instance; no sync follows. */
  readonly settings: boolean;
  /** The invoker's opaque bytes (UpdateItems), present only for the 'invoke' event. */
  readonly cookie: Buffer | undefined;
  /** The class ID the host started this process for. */
  readonly clsid: string | undefined;
}

/** The level of an entry on the host's results (error) tab. */
export type LogLevel = 'information' | 'warning' | 'error';

/** Optional fields of a log entry. */
export interface LogErrorOptions {
  /** The item the entry belongs to; an item's context fills this in. */
  itemId?: Guid;
  /** Makes the entry actionable: the host passes this ErrorID back to showError. */
  errorId?: Guid;
}

/** A prompt's answers by field name: strings for text and secret fields, booleans for confirm fields. */
export type PromptAnswers = Record<string, string | boolean>;

/**
 * Callbacks to the host, available in every phase. None of them rejects (failures go to stderr),
 * except prompt for a malformed request, which is a bug in the handler.
 */
export interface HostContext extends SessionInfo {
  /** Adds an entry to the host's results tab. */
  logError(level: LogLevel, text: string, options?: LogErrorOptions): Promise<void>;
  /** Withdraws an entry logged with this errorId (GUID_NULL: all of this handler's entries). */
  deleteLogError(errorId: Guid): Promise<void>;
  /** Asks for the UI token (true) or gives it back (false); resolves true when UI may be shown. */
  enableModeless(enable: boolean): Promise<boolean>;
  /**
   * Asks the user through the host: takes the UI token, sends callback/prompt, gives the token back.
   * Resolves to the answers, or undefined when no UI may be shown now or the user refused.
   * Throws a HandlerSdkError INVALID_PROMPT for a request the host would refuse.
   */
  prompt(request: PromptParams): Promise<PromptAnswers | undefined>;
  /** Asks the host to bring up a named network connection (null: the default); true once it is up. */
  establishConnection(connection?: string | null): Promise<boolean>;
}

/** An item's status as shown by the host: SYNCMGRSTATUS by name. */
export type ItemStatus = 'pending' | 'updating' | 'indeterminate' | 'paused' | 'resuming' | 'succeeded' | 'failed' | 'skipped' | 'stopped';

/** How an item ended. */
export type FinalItemStatus = 'succeeded' | 'failed' | 'skipped' | 'stopped';

/** Why an item's signal aborted: the user skipped it, or the host cancelled it. */
export type ItemStopReason = 'skipped' | 'stopped';

/** The host's answer to a progress report (S_OK, S_SYNCMGR_CANCELITEM, S_SYNCMGR_CANCELALL). */
export type ProgressVerdict = 'continue' | 'cancelItem' | 'cancelAll';

/** A progress report; each field given sets its mask bit. Numbers are clamped to int32. */
export interface ProgressUpdate {
  /** The status text (SYNCMGRPROGRESSITEM_STATUSTEXT). */
  text?: string;
  /** Progress so far, out of max (SYNCMGRPROGRESSITEM_PROGVALUE). */
  value?: number;
  /** The value at which the item is done (SYNCMGRPROGRESSITEM_MAXVALUE). */
  max?: number;
  /** The item's status (SYNCMGRPROGRESSITEM_STATUSTYPE). */
  status?: ItemStatus;
}

/** The context of a whole phase (prepareForSync, or a handler's own synchronize). */
export interface PhaseContext extends HostContext {
  /** Aborts (reason 'skipped' or 'stopped') when the host skips or cancels that item. */
  signalFor(itemId: Guid): AbortSignal;
  /**
   * Reports one item's progress without waiting: resolves at once to the latest verdict for it (a
   * final status: to its own answer); a cancel verdict aborts the signals it concerns when it comes.
   */
  progress(itemId: Guid, update: ProgressUpdate): Promise<ProgressVerdict>;
}

/** The context of one item in synchronizeItem. logError is attributed to the item. */
export interface ItemContext extends HostContext {
  /** The item being synchronized. */
  readonly itemId: Guid;
  /** Aborts with reason 'skipped' or 'stopped' when the host skips or cancels this item. */
  readonly signal: AbortSignal;
  /** Throws an ItemStoppedError once the signal aborted; the item then ends skipped or stopped. */
  throwIfStopped(): void;
  /**
   * Reports progress without waiting for the host: resolves at once to the latest verdict the host
   * gave for this item ('continue' before any). The verdict to this report, when it comes, aborts
   * the signal (S_SYNCMGR_CANCELITEM) or every item's (S_SYNCMGR_CANCELALL). While one report of
   * this item is in flight, later ones are merged (later fields win) and sent when it returns.
   */
  progress(update: ProgressUpdate): Promise<ProgressVerdict>;
}

/** What synchronizeItem returns; returning nothing means succeeded. */
export interface ItemResult {
  /** How the item ended; default 'succeeded'. */
  status?: FinalItemStatus;
  /** The final status text. */
  text?: string;
}

/**
 * An item as a handler lists it. A handler may add fields of its own: synchronizeItem
 * receives the very object enumItems produced, and only the SyncMgrItem fields travel.
 */
export interface SyncItem {
  /** A GUID stable across sessions (see stableItemId). */
  itemId: Guid;
  /** The display name, 1 to 128 characters. */
  itemName: string;
  /** SYNCMGRITEMSTATE_*: the default check state; CHECKED when omitted. */
  itemState?: number;
  /** SYNCMGRITEM_* bits; 0 when omitted. */
  flags?: number;
  /** A file path, file: URI or data: URI of an image. */
  icon?: string;
  /** When the item last synchronized; setting it sets SYNCMGRITEM_LASTUPDATETIME. */
  lastUpdate?: string | Date;
}

/** The handler's name (1 to 32 characters), SYNCMGRHANDLER_* flags (0 when omitted) and icon. */
export interface HandlerInfo {
  /** The name the host shows, 1 to 32 characters. */
  handlerName: string;
  /** SYNCMGRHANDLER_* bits (SyncMgrHandlerFlags); 0 when omitted. */
  handlerFlags?: number;
  /** A file path, file: URI or data: URI of an image. */
  icon?: string;
}

/** Items as a list, any iterable, or an async iterable (read page by page, never all at once). */
export type ItemsSource<Item> = Iterable<Item> | AsyncIterable<Item>;

/** What enumItems returns; missingItems: the list is knowingly incomplete (S_SYNCMGR_MISSINGITEMS). */
export type EnumItemsResult<Item> =
  | ItemsSource<Item>
  | {
      /** The items. */
      items: ItemsSource<Item>;
      /** True when the list is knowingly incomplete; default false. */
      missingItems?: boolean;
    };

/** What showError returns; retryItemIds asks the host to prepare and synchronize them again. */
export interface ShowErrorResult {
  /** Items of this handler to run again (S_SYNCMGR_RETRYSYNC); none or empty: S_OK, no retry. */
  retryItemIds?: readonly Guid[];
}

/**
 * A SyncMgr handler: implement what you need. Either synchronizeItem (the SDK runs the items,
 * reports their progress and final status) or synchronize (you run the whole phase).
 */
export interface SyncHandler<Item extends SyncItem = SyncItem> {
  /** GetHandlerInfo's answer, or a function computing it. */
  handlerInfo: HandlerInfo | ((session: SessionInfo) => Awaitable<HandlerInfo>);
  /** The items; called for each EnumSyncMgrItems and possibly again for enumItems/reset and clone. */
  enumItems(session: SessionInfo): Awaitable<EnumItemsResult<Item>>;
  /** Synchronizes one item; throwing fails it (the SDK logs the message for the item). */
  synchronizeItem?(item: Item, ctx: ItemContext): Awaitable<ItemResult | void>;
  /**
   * How many items synchronizeItem runs at once, a positive integer; 1 by default (one after the
   * other, in the host's order). runHandler's concurrency option, when given, wins over it.
   */
  concurrency?: number;
  /** Return false to decline the session (S_FALSE). Default: take part. */
  initialize?(session: SessionInfo): Awaitable<boolean | void>;
  /** Runs after PrepareForSync was answered; 'decline' completes with S_FALSE, a throw with E_FAIL. */
  prepareForSync?(items: readonly Item[], ctx: PhaseContext): Awaitable<'decline' | void>;
  /** Runs the whole Synchronize phase, reporting each item's final status itself; replaces synchronizeItem. */
  synchronize?(items: readonly Item[], ctx: PhaseContext): Awaitable<void>;
  /**
   * Shows an item's properties (itemId undefined: the handler's). Returns the completion's HRESULT
   * (S_SYNCMGR_ENUMITEMS or S_SYNCMGR_ITEMDELETED make the host enumerate again); nothing: S_OK;
   * a throw: E_FAIL.
   */
  showProperties?(itemId: Guid | undefined, ctx: HostContext): Awaitable<number | void>;
  /**
   * Handles the user's activation of an actionable log entry, usually after Synchronize completed.
   * Returning retryItemIds makes the host call prepareForSync and synchronize again for just those
   * items, on this instance; a throw completes with E_FAIL.
   */
  showError?(errorId: Guid, ctx: HostContext): Awaitable<ShowErrorResult | void>;
}

/** Options of runHandler. */
export interface RunHandlerOptions {
  /** The name reported in the handshake, for the host's logs. */
  name?: string;
  /** The version reported in the handshake. */
  version?: string;
  /** How many items synchronizeItem may run at once; overrides the handler's own concurrency; 1 by default. */
  concurrency?: number;
}
