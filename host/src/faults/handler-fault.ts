import type { HandlerPhase } from '@syncmgr/protocol';

/**
 * The kinds of failure a handler can have, each named in its result's reason: it could not be
 * started ('spawn-failed'), exited or was killed, closed its stdout while alive ('closed-stdout'), missed the handshake ('start-timeout') or left
 * a call unanswered ('hang-timeout'), sent a message that is not JSON, too large or not the
 * protocol's ('malformed-message', 'oversized-message', 'invalid-message'), failed a call with an
 * error HRESULT ('failed-hresult'), ignored a cancel past the grace period ('cancel-ignored'), or
 * was ended by Session.abort ('host-stopped').
 */
export type FaultKind =
  /** The command could not be started (missing, not executable, bad working directory). */
  | 'spawn-failed'
  /** The process exited on its own before it was shut down. */
  | 'exited'
  /** The process closed its stdout but went on running: it can say nothing more, so the ladder ends it. */
  | 'closed-stdout'
  /** The process was ended by a signal it did not get from the host's ladder. */
  | 'killed'
  /** No answer to the handshake within the start timeout. */
  | 'start-timeout'
  /** The handshake answered a protocol version whose major version is not this host's. */
  | 'unsupported-version'
  /** The host awaited a message (an answer, a completion) and none came within the hang timeout. */
  | 'hang-timeout'
  /** Bytes that are not a Content-Length frame of JSON. */
  | 'malformed-message'
  /** A frame over the message size limit. */
  | 'oversized-message'
  /** A message of the wrong shape for its method (checked against the JSON Schema). */
  | 'invalid-message'
  /** The handler answered a call with a failure HRESULT (Initialize, GetHandlerInfo, the enumeration, PrepareForSync, Synchronize). */
  | 'failed-hresult'
  /** It did not complete its phase within the cancel grace after every item was cancelled. */
  | 'cancel-ignored'
  /** The host ended it: at the user's request, or because the host could not go on driving it. */
  | 'host-stopped';

/** Whether the request in flight when the handler failed ran: COM's RPC_E_SERVERDIED vs RPC_E_SERVERDIED_DNE. */
export type CallOutcome = 'did-not-run' | 'may-have-run' | 'ran-without-completing';

/** The host's request a handler was answering when it failed. */
export interface CallInFlight {
  /** The JSON-RPC method, e.g. 'synchronize/synchronize'. */
  method: string;
  /** Whether it ran. */
  outcome: CallOutcome;
}

/** Why a handler failed: what, in which phase, and what the process said. */
export interface HandlerFault {
  /** What kind of failure it was. */
  kind: FaultKind;
  /** The phase the handler was in when it failed. */
  phase: HandlerPhase;
  /** One sentence for people, naming the cause and the phase. */
  reason: string;
  /** The process's exit code, when it exited. */
  exitCode?: number;
  /** The signal that ended the process, when one did (e.g. 'SIGKILL'). */
  signal?: string;
  /** The request in flight when it failed, and whether it ran. */
  call?: CallInFlight;
  /** The id a request of the handler reused while the first request with it was unanswered. */
  reusedRequestId?: number | string;
  /** What the handler wrote to stdout that is not a frame, quoted printably (at most STRAY_OUTPUT_BYTES bytes of it). */
  strayOutput?: string;
  /** The last bytes the handler wrote to stderr (at most HostLimits.stderrTailBytes). */
  stderrTail?: string;
}

/** Carries a fault through the promise chain of a handler's run. */
export class HandlerFaultError extends Error {
  override readonly name = 'HandlerFaultError';

  constructor(readonly fault: HandlerFault) {
    super(fault.reason);
  }
}
