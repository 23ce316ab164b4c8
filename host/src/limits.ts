import { DEFAULT_MAX_MESSAGE_BYTES } from '@syncmgr/protocol';

/** What one handler may cost the host; every number has a default and can be set per SyncManager. */
export interface HostLimits {
  /** The largest message body read from a handler, in bytes. */
  maxMessageBytes: number;
  /** Messages read from a handler and not yet handled; past it the host stops reading (backpressure). */
  maxPendingMessages: number;
  /** LogError entries kept per handler and session; later ones are counted, not kept. */
  maxLogEntries: number;
  /** The tail of a handler's stderr kept for failure reasons, in bytes. */
  stderrTailBytes: number;
}

export const DEFAULT_LIMITS: Readonly<HostLimits> = {
  maxMessageBytes: DEFAULT_MAX_MESSAGE_BYTES,
  maxPendingMessages: 256,
  maxLogEntries: 10_000,
  stderrTailBytes: 64 * 1024,
};
