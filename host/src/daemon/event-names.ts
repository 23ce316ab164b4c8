import type { SessionEventName } from '@syncmgr/protocol';
import { isSyncEvent, type SyncEvent } from '../sync-event.js';

// The daemon's API spells events as protocol/ does (camelCase); the host's sessions as the CLI does.
const TO_SYNC_EVENT: Record<SessionEventName, SyncEvent> = {
  manual: 'manual',
  invoke: 'invoke',
  connect: 'connect',
  pendingDisconnect: 'pendingdisconnect',
  idle: 'idle',
  scheduled: 'scheduled',
};

/** The host's SyncEvent for a protocol event name. */
export function syncEventOf(event: SessionEventName): SyncEvent {
  return TO_SYNC_EVENT[event];
}

/** The protocol's name for a report's event (as saved by a session); 'manual' for one it does not know. */
export function sessionEventNameOf(event: string): SessionEventName {
  if (!isSyncEvent(event)) return 'manual';
  return event === 'pendingdisconnect' ? 'pendingDisconnect' : event;
}
