import { SyncMgrFlag } from '@syncmgr/protocol';

/** What started a session: SYNCMGRFLAG's event codes by name. */
export const SYNC_EVENTS = {
  /** Logon: only the handlers registered for it. */
  connect: SyncMgrFlag.SYNCMGRFLAG_CONNECT,
  /** Logoff: only the handlers registered for it. */
  pendingdisconnect: SyncMgrFlag.SYNCMGRFLAG_PENDINGDISCONNECT,
  /** The user asked (`syncmgr sync`); every handler, and the user may be asked. */
  manual: SyncMgrFlag.SYNCMGRFLAG_MANUAL,
  /** The machine is idle: only the handlers registered for it. */
  idle: SyncMgrFlag.SYNCMGRFLAG_IDLE,
  /** An application asked (UpdateItems), with its cookie; the user may be asked. */
  invoke: SyncMgrFlag.SYNCMGRFLAG_INVOKE,
  /** A schedule: every handler. */
  scheduled: SyncMgrFlag.SYNCMGRFLAG_SCHEDULED,
} as const;
/** An event by name, as SessionOptions.event takes it. */
export type SyncEvent = keyof typeof SYNC_EVENTS;

/** True when the text names a SyncEvent. */
export function isSyncEvent(text: string): text is SyncEvent {
  return text in SYNC_EVENTS;
}

/** The dwSyncMgrFlags of Initialize: the event, plus MAYBOTHERUSER when a user can be asked. */
export function syncMgrFlagsFor(event: SyncEvent, mayBotherUser: boolean): number {
  return SYNC_EVENTS[event] | (mayBotherUser ? SyncMgrFlag.SYNCMGRFLAG_MAYBOTHERUSER : 0);
}

/** Events a person is there for: the only ones whose handlers may be given SYNCMGRFLAG_MAYBOTHERUSER. */
export function userMayBeAsked(event: SyncEvent): boolean {
  return event === 'manual' || event === 'invoke';
}
