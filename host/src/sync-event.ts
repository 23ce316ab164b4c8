import { SyncMgrFlag } from '@syncmgr/protocol';

/** What started a session: SYNCMGRFLAG's event codes by name. */
export const SYNC_EVENTS = {
  connect: SyncMgrFlag.SYNCMGRFLAG_CONNECT,
  pendingdisconnect: SyncMgrFlag.SYNCMGRFLAG_PENDINGDISCONNECT,
  manual: SyncMgrFlag.SYNCMGRFLAG_MANUAL,
  idle: SyncMgrFlag.SYNCMGRFLAG_IDLE,
  invoke: SyncMgrFlag.SYNCMGRFLAG_INVOKE,
  scheduled: SyncMgrFlag.SYNCMGRFLAG_SCHEDULED,
} as const;
export type SyncEvent = keyof typeof SYNC_EVENTS;

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
