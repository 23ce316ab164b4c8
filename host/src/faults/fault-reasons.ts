import { HandlerPhases, type HandlerPhase } from '@syncmgr/protocol';
import type { ExitInfo } from '../process/handler-process.js';
import type { CallInFlight, HandlerFault } from './handler-fault.js';

/** How the phase reads in a sentence: "during Synchronize". */
export function describePhase(phase: HandlerPhase): string {
  return HandlerPhases[phase].during;
}

const OUTCOME_TEXT = {
  'did-not-run': 'it did not run',
  'may-have-run': 'it may have run',
  'ran-without-completing': 'it was accepted but never completed',
} as const;

function callText(call: CallInFlight | undefined): string {
  return call ? ` while ${call.method} was in flight (${OUTCOME_TEXT[call.outcome]})` : '';
}

// A reason is read in one glance; the whole tail stays in the fault's stderrTail.
const REASON_LINE_CHARS = 240;

function stderrText(tail: string): string {
  if (!tail) return '';
  const lines = tail.split('\n').filter((line) => line.trim() !== '');
  const shown = lines.slice(-3).map((line) => (line.length > REASON_LINE_CHARS ? `…${line.slice(-REASON_LINE_CHARS)}` : line));
  return ` — stderr: ${shown.join(' | ')}`;
}

/** The fault of a process that ended on its own or by a signal. */
export function exitFault(exit: ExitInfo, phase: HandlerPhase, call: CallInFlight | undefined, stderrTail: string): HandlerFault {
  const how = exit.signal ? `was killed by ${exit.signal}` : `exited with code ${exit.code ?? 'unknown'}`;
  return {
    kind: exit.signal ? 'killed' : 'exited',
    phase,
    reason: `the handler ${how} ${describePhase(phase)}${callText(call)}${stderrText(stderrTail)}`,
    ...(exit.code !== null ? { exitCode: exit.code } : {}),
    ...(exit.signal ? { signal: exit.signal } : {}),
    ...(call ? { call } : {}),
    ...(stderrTail ? { stderrTail } : {}),
  };
}

/** The fault of a handler that closed its stdout and was still running when the host looked. */
export function closedStdoutFault(phase: HandlerPhase, call: CallInFlight | undefined, stderrTail: string): HandlerFault {
  return {
    kind: 'closed-stdout',
    phase,
    reason: `the handler closed its stdout ${describePhase(phase)}${callText(call)} but kept running, so it was ended by the ladder${stderrText(stderrTail)}`,
    ...(call ? { call } : {}),
    ...(stderrTail ? { stderrTail } : {}),
  };
}

/** The fault of a handler that did not answer the handshake within the start timeout. */
export function startTimeoutFault(timeoutMs: number, stderrTail: string): HandlerFault {
  return {
    kind: 'start-timeout',
    phase: 'handshake',
    reason: `the handler did not answer the handshake within the start timeout of ${timeoutMs / 1000} s${stderrText(stderrTail)}`,
    ...(stderrTail ? { stderrTail } : {}),
  };
}

/** The fault of a handler whose handshake answered a protocol version this host does not speak. */
export function unsupportedVersionFault(theirs: string, ours: string): HandlerFault {
  return {
    kind: 'unsupported-version',
    phase: 'handshake',
    reason: `the handler speaks protocol version ${JSON.stringify(theirs)}, but this host speaks ${ours}: their major versions must match (PROTOCOL.md §5.1)`,
  };
}

/** The fault of a handler that went silent while the host awaited something. */
export function hangFault(awaited: string, timeoutMs: number, phase: HandlerPhase, call: CallInFlight | undefined): HandlerFault {
  return {
    kind: 'hang-timeout',
    phase,
    reason: `the handler hung ${describePhase(phase)}: no message for ${timeoutMs / 1000} s (hang timeout) while the host awaited ${awaited}`,
    ...(call ? { call } : {}),
  };
}

/** The fault of a handler that broke the protocol. */
export function protocolFault(
  kind: 'malformed-message' | 'oversized-message' | 'invalid-message',
  detail: string,
  phase: HandlerPhase,
  call: CallInFlight | undefined,
): HandlerFault {
  const what = {
    'malformed-message': 'sent a malformed message',
    'oversized-message': 'sent a message over the size limit',
    'invalid-message': 'sent an invalid message',
  }[kind];
  return { kind, phase, reason: `the handler ${what} ${describePhase(phase)}${callText(call)}: ${detail}`, ...(call ? { call } : {}) };
}

/** A phase the handler itself reported as failed, by its HRESULT. */
export function hresultFault(phase: HandlerPhase, what: string, hrName: string): HandlerFault {
  return { kind: 'failed-hresult', phase, reason: `${what} returned ${hrName}` };
}
