export type { CallInFlight, CallOutcome, FaultKind, HandlerFault } from '@syncmgr/protocol';
import type { HandlerFault } from '@syncmgr/protocol';

/** Carries a fault through the promise chain of a handler's run. */
export class HandlerFaultError extends Error {
  override readonly name = 'HandlerFaultError';

  constructor(readonly fault: HandlerFault) {
    super(fault.reason);
  }
}
