import { SyncMgrFlag, type InitializeParams } from '@syncmgr/protocol';
import type { SessionInfo, SyncEvent } from './handler.js';

const EVENTS = new Map<number, SyncEvent>([
  [SyncMgrFlag.SYNCMGRFLAG_CONNECT, 'connect'],
  [SyncMgrFlag.SYNCMGRFLAG_PENDINGDISCONNECT, 'pendingDisconnect'],
  [SyncMgrFlag.SYNCMGRFLAG_MANUAL, 'manual'],
  [SyncMgrFlag.SYNCMGRFLAG_IDLE, 'idle'],
  [SyncMgrFlag.SYNCMGRFLAG_INVOKE, 'invoke'],
  [SyncMgrFlag.SYNCMGRFLAG_SCHEDULED, 'scheduled'],
]);

/** The session as Initialize describes it, decoded for handler code. */
export function sessionInfoFrom(params: InitializeParams, clsid: string | undefined): SessionInfo {
  const flags = params.syncMgrFlags >>> 0;
  return {
    syncMgrFlags: flags,
    event: EVENTS.get(flags & SyncMgrFlag.SYNCMGRFLAG_EVENTMASK) ?? 'unknown',
    mayBotherUser: (flags & SyncMgrFlag.SYNCMGRFLAG_MAYBOTHERUSER) !== 0,
    settings: (flags & SyncMgrFlag.SYNCMGRFLAG_SETTINGS) !== 0,
    cookie: typeof params.cookie === 'string' ? Buffer.from(params.cookie, 'base64') : undefined,
    clsid,
  };
}
