// The life of one handler instance, declared once: its phases, what each allows, and the moves
// between them. Every method descriptor names the phases it is legal in (method-descriptor.ts);
// host, SDK and PROTOCOL.md §4.2–4.3 all read these tables.

/** Who may be asked something while a phase is open (the EnableModeless token, §4.7). */
export type PhaseUserInterface =
  /** No UI: EnableModeless is answered S_FALSE. */
  | 'never'
  /** The token only for an instance initialized with SYNCMGRFLAG_MAYBOTHERUSER. */
  | 'withMayBotherUser'
  /** The user started this (ShowError, ShowProperties): the token whenever a user is there. */
  | 'userInitiated';

export interface PhaseSpec {
  /** What is going on, for the spec's tables. */
  readonly summary: string;
  /** How the phase reads in a sentence ("the handler exited … during PrepareForSync"). */
  readonly during: string;
  /** The handler holds ISyncMgrSynchronizeCallback: it may send progress, log entries and the rest. */
  readonly holdsCallback: boolean;
  readonly userInterface: PhaseUserInterface;
}

/** The phases of a handler instance, in the order a session passes through them. */
export const HandlerPhases = {
  start: {
    summary: 'the process is being started; nothing has been sent',
    during: 'while starting',
    holdsCallback: false,
    userInterface: 'never',
  },
  handshake: {
    summary: '`syncmgr/handshake` sent; a supported answer moves on',
    during: 'during the handshake',
    holdsCallback: false,
    userInterface: 'never',
  },
  initialize: {
    summary: '`synchronize/initialize` sent',
    during: 'during Initialize',
    holdsCallback: false,
    userInterface: 'never',
  },
  handlerInfo: {
    summary: '`synchronize/getHandlerInfo` sent',
    during: 'during GetHandlerInfo',
    holdsCallback: false,
    userInterface: 'never',
  },
  enumeration: {
    summary: '`synchronize/enumSyncMgrItems` sent; its enumerator is paged with `enumItems/*`',
    during: 'during item enumeration',
    holdsCallback: false,
    userInterface: 'never',
  },
  ready: {
    summary: '`synchronize/setProgressCallback {enabled:true}` sent: the handler holds the callback, nothing is asked yet',
    during: 'while ready to prepare',
    holdsCallback: true,
    userInterface: 'never',
  },
  prepare: {
    summary: '`synchronize/prepareForSync` sent, its completion awaited: a skip window',
    during: 'during PrepareForSync',
    holdsCallback: true,
    userInterface: 'withMayBotherUser',
  },
  synchronize: {
    summary: '`synchronize/synchronize` sent, its completion awaited: a skip window',
    during: 'during Synchronize',
    holdsCallback: true,
    userInterface: 'withMayBotherUser',
  },
  results: {
    summary: 'Synchronize completed and an actionable entry can be opened: the host awaits nothing (§4.5)',
    during: 'while its results were open',
    holdsCallback: true,
    userInterface: 'never',
  },
  showError: {
    summary: '`synchronize/showError` sent, its completion awaited',
    during: 'during ShowError',
    holdsCallback: true,
    userInterface: 'userInitiated',
  },
  properties: {
    summary: '`synchronize/showProperties` sent to a settings instance, its completion awaited',
    during: 'during ShowProperties',
    holdsCallback: false,
    userInterface: 'userInitiated',
  },
  shutdown: {
    summary: 'teardown begun: `setProgressCallback {enabled:false}` if it held the callback, then `syncmgr/shutdown`',
    during: 'during shutdown',
    holdsCallback: false,
    userInterface: 'never',
  },
  done: {
    summary: 'the process has exited',
    during: 'after it finished',
    holdsCallback: false,
    userInterface: 'never',
  },
} as const satisfies Record<string, PhaseSpec>;

/** A stage of one handler instance's life; faults name the one they happened in. */
export type HandlerPhase = keyof typeof HandlerPhases;

/** Every phase, in order. */
export const HANDLER_PHASES = Object.keys(HandlerPhases) as readonly HandlerPhase[];

/** The phases in which the handler holds the callback. */
export const CALLBACK_PHASES: readonly HandlerPhase[] = HANDLER_PHASES.filter((phase) => HandlerPhases[phase].holdsCallback);

/** The phases in which a handler may be granted the EnableModeless token and prompt. */
export const UI_PHASES: readonly HandlerPhase[] = HANDLER_PHASES.filter((phase) => HandlerPhases[phase].userInterface !== 'never');

/** The phases after Initialize was accepted and before teardown. */
export const INITIALIZED_PHASES: readonly HandlerPhase[] = [
  'handlerInfo',
  'enumeration',
  'ready',
  'prepare',
  'synchronize',
  'results',
  'showError',
  'properties',
];

/** One move of the state machine: from a phase to another, and what makes it. */
export interface PhaseTransition {
  readonly from: HandlerPhase;
  readonly to: HandlerPhase;
  readonly when: string;
}

/**
 * The host's moves, in order. A phase is entered when the host *sends* the call that opens it,
 * so that a completion arriving before that call's answer is already in phase. Besides these,
 * any phase moves straight to `done` when the handler faults (it exits, hangs or breaks a
 * message) or is ended at the user's request: the host then ends it by the ladder (§7).
 */
export const PHASE_TRANSITIONS: readonly PhaseTransition[] = [
  { from: 'start', to: 'handshake', when: 'the process is spawned; `syncmgr/handshake` is sent' },
  { from: 'handshake', to: 'initialize', when: 'the handshake answered a supported `protocolVersion`; `synchronize/initialize` is sent' },
  { from: 'handshake', to: 'shutdown', when: 'a settings instance only checked the handshake (`syncmgr doctor`)' },
  { from: 'initialize', to: 'handlerInfo', when: 'initialize answered `S_OK`; `synchronize/getHandlerInfo` is sent' },
  { from: 'initialize', to: 'shutdown', when: 'initialize answered `S_FALSE` (declined) or another HRESULT (failed)' },
  { from: 'handlerInfo', to: 'enumeration', when: 'getHandlerInfo answered `S_OK`; `synchronize/enumSyncMgrItems` is sent' },
  { from: 'handlerInfo', to: 'shutdown', when: 'getHandlerInfo failed' },
  { from: 'enumeration', to: 'ready', when: 'items were chosen; `synchronize/setProgressCallback {enabled:true}` is sent' },
  { from: 'enumeration', to: 'properties', when: 'a settings instance: `synchronize/showProperties` is sent' },
  { from: 'enumeration', to: 'shutdown', when: 'no item was chosen, the enumeration failed, or a settings instance is done' },
  { from: 'ready', to: 'prepare', when: '`synchronize/prepareForSync` is sent' },
  { from: 'ready', to: 'shutdown', when: 'setProgressCallback answered ≠ `S_OK`' },
  { from: 'prepare', to: 'synchronize', when: 'prepareForSyncCompleted `S_OK` and no cancel of every item: `synchronize/synchronize` is sent' },
  { from: 'prepare', to: 'shutdown', when: 'prepareForSync answered ≠ `S_OK`, completed ≠ `S_OK`, or every item was cancelled' },
  { from: 'prepare', to: 'results', when: 'the same, and an actionable entry can be opened (or it was a retry)' },
  { from: 'synchronize', to: 'results', when: 'synchronizeCompleted came and an actionable entry can be opened (or it was a retry)' },
  { from: 'synchronize', to: 'shutdown', when: 'synchronizeCompleted came and nothing can be opened, or synchronize answered ≠ `S_OK`' },
  { from: 'results', to: 'showError', when: 'the user opens an entry: `synchronize/showError` is sent' },
  { from: 'results', to: 'shutdown', when: 'the client closes the session' },
  { from: 'showError', to: 'prepare', when: 'showErrorCompleted `S_SYNCMGR_RETRYSYNC`: `synchronize/prepareForSync {itemIds}` is sent (the retry)' },
  { from: 'showError', to: 'results', when: 'showError answered ≠ `S_OK`, or completed with another HRESULT' },
  { from: 'properties', to: 'enumeration', when: 'showPropertiesCompleted `S_SYNCMGR_ENUMITEMS` or `S_SYNCMGR_ITEMDELETED`: enumerate again' },
  { from: 'properties', to: 'shutdown', when: 'showProperties answered ≠ `S_OK`, or completed with another HRESULT' },
  { from: 'shutdown', to: 'done', when: 'shutdown answered (or the ladder ended it) and the process exited' },
];

/** True when the state machine allows moving from one phase to the other (a fault ends any phase). */
export function canMove(from: HandlerPhase, to: HandlerPhase): boolean {
  if (to === 'done') return from !== 'done';
  return PHASE_TRANSITIONS.some((move) => move.from === from && move.to === to);
}
