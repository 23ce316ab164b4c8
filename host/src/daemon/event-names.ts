import type { SessionEventName } from '@syncmgr/protocol';
import { isSyncEvent, type SyncEvent } from '../sync-event.js';

/** The host's SyncEvent for a protocol event name: protocol/ names them as the host does. */
export function syncEventOf(event: SessionEventName): SyncEvent {
  return event;
}

/** The protocol's name for a report's event (as saved by a session); 'manual' for one it does not know. */
export function sessionEventNameOf(event: string): SessionEventName {
  return isSyncEvent(event) ? event : 'manual';
}
