import type { HandlerPhase } from '@syncmgr/protocol';

/** The kinds of failure a handler can have, each named in its result's reason. */
export type FaultKind =
  | 'spawn-failed'
  | 'exited'
  | 'killed'
  | 'start-timeout'
  | 'unsupported-version'
  | 'hang-timeout'
  | 'malformed-message'
  | 'oversized-message'
  | 'invalid-message'
  | 'failed-hresult'
  | 'cancel-ignored'
  | 'host-stopped';

/** Whether the request in flight when the handler failed ran: COM's RPC_E_SERVERDIED vs RPC_E_SERVERDIED_DNE. */
export type CallOutcome = 'did-not-run' | 'may-have-run' | 'ran-without-completing';

export interface CallInFlight {
  method: string;
  outcome: CallOutcome;
}

/** Why a handler failed: what, in which phase, and what the process said. */
export interface HandlerFault {
  kind: FaultKind;
  phase: HandlerPhase;
  /** One sentence for people, naming the cause and the phase. */
  reason: string;
  exitCode?: number;
  signal?: string;
  call?: CallInFlight;
  stderrTail?: string;
}

/** Carries a fault through the promise chain of a handler's run. */
export class HandlerFaultError extends Error {
  override readonly name = 'HandlerFaultError';

  constructor(readonly fault: HandlerFault) {
    super(fault.reason);
  }
}
