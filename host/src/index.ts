/**
 * The SyncMgr host as a library: `SyncManager` (registry, sessions, item choices, properties, results), `Session` and its events, and the reports.
 *
 * @packageDocumentation
 * @module @syncmgr/host
 */
export { HostError, isConfigurationError, type HostErrorCode } from './errors.js';
export { resolveHome, type HomePaths } from './store/home.js';
export { Registry } from './registry/registry.js';
export { parseClsid, REGISTER_EVENTS, registerFlagsOf, type RegisterEvent, type RegistryEntry } from './registry/registry-entry.js';
export type { HandlerPhase as Phase } from '@syncmgr/protocol';
export type { LeftoverProcess } from './process/leftover-sweep.js';
export type { CallInFlight, CallOutcome, FaultKind, HandlerFault } from './faults/handler-fault.js';
export { isFinal, itemStatusOf, type ItemOutcome, type ItemStatus } from './item-status.js';
export { sessionSucceeded, type HandlerReport, type HandlerResult, type ItemReport, type LogEntry, type LogLevel, type SessionReport } from './report.js';
export type { EnumerationTotals, HandlerRef, ItemSelection, ItemState, SessionEvents } from './session/session-events.js';
export {
  DEFAULT_CANCEL_GRACE_SECONDS,
  DEFAULT_HANG_TIMEOUT_SECONDS,
  DEFAULT_START_TIMEOUT_SECONDS,
  Session,
  type ActionableEntry,
  type SessionOptions,
} from './session/session.js';
export { DEFAULT_MODELESS_DEADLINE_SECONDS } from './session/modeless-token.js';
export type { Enumeration } from './session/enumeration.js';
export type { PropertiesOutcome, SettingsOutcome } from './session/handler-settings.js';
export type { PromptAnswers, PromptRequest, UserInterface, UserNotAskedReason } from './session/user-interface.js';
export { ChoiceStore } from './store/choice-store.js';
export type { ConnectionProfile, HostConfig } from './store/host-config.js';
export { DEFAULT_KEPT_RESULTS, ResultsStore } from './store/results-store.js';
export type { StateFileStatus } from './store/state-review.js';
export { isSyncEvent, SYNC_EVENTS, type SyncEvent } from './sync-event.js';
export {
  SyncManager,
  type CheckedItem,
  type CreateSessionOptions,
  type DoctorResult,
  type HandlerInspection,
  type ItemChoicesResult,
  type PropertiesResult,
  type SettingsOptions,
  type SyncManagerEvents,
  type SyncManagerOptions,
} from './sync-manager.js';
