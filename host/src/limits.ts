import { DEFAULT_MAX_MESSAGE_BYTES } from '@syncmgr/protocol';

/**
 * What one handler, and one session's handlers together, may cost the host. Stores are bounded in
 * bytes (measured as UTF-8) as well as in counts; every number has a default and can be set per
 * SyncManager.
 */
export interface HostLimits {
  /** The largest message body read from a handler, in bytes. */
  maxMessageBytes: number;
  /** Messages read from a handler and not yet handled; past it the host stops reading (backpressure). */
  maxPendingMessages: number;
  /**
   * Bytes of messages read from a handler and not yet handled; past it the host stops reading
   * (backpressure). One message is always read, however large (up to maxMessageBytes).
   */
  maxPendingBytes: number;
  /** LogError entries kept per handler and session; later ones are counted, not kept. */
  maxLogEntries: number;
  /** Bytes of log entries kept per handler and session; past it entries are counted, not kept. */
  maxLogBytes: number;
  /**
   * Bytes of log entries kept by all the handlers of one session together; past it further entries
   * of any handler are counted, not kept, so that many handlers together cannot exhaust the host.
   */
  maxSessionLogBytes: number;
  /**
   * The longest text kept from a handler (a log entry's text, an item's name or status text), in
   * UTF-8 bytes; a longer one is cut and ends with "… [truncated N bytes]".
   */
  maxTextBytes: number;
  /** The tail of a handler's stderr kept for failure reasons, in bytes. */
  stderrTailBytes: number;
}

export const DEFAULT_LIMITS: Readonly<HostLimits> = {
  maxMessageBytes: DEFAULT_MAX_MESSAGE_BYTES,
  maxPendingMessages: 256,
  maxPendingBytes: 2 * DEFAULT_MAX_MESSAGE_BYTES,
  maxLogEntries: 10_000,
  maxLogBytes: 1024 * 1024,
  maxSessionLogBytes: 64 * 1024 * 1024,
  maxTextBytes: 4 * 1024,
  stderrTailBytes: 64 * 1024,
};
