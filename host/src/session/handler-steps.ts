import {
  GetHandlerInfo,
  Handshake,
  HResult,
  hresultName,
  Initialize,
  MAX_PROGRESS_BATCH,
  PROTOCOL_VERSION,
  SetProgressCallback,
  Shutdown,
  type SyncMgrItem,
} from '@syncmgr/protocol';
import { HostError } from '../errors.js';
import { hresultFault, startTimeoutFault, unsupportedVersionFault } from '../faults/fault-reasons.js';
import { HandlerFaultError, type HandlerFault } from '../faults/handler-fault.js';
import { HOST_NAME, HOST_VERSION } from '../version.js';
import { answerCallbacks, type VerdictFor } from './handler-callbacks.js';
import type { HandlerParts } from './handler-parts.js';
import { NO_TIMEOUT } from '../timeouts.js';
import { enumerateItems, type Enumeration, type EnumerationSummary } from './enumeration.js';

// The steps every way of driving a handler shares, in the order they come. Each enters its phase
// through the life cycle; a fault rejects with HandlerFaultError and the caller abandons the handler.

const SHUTDOWN_ANSWER_MS = 2000;

/** Spawns the handler and does the handshake, within the start timeout; its major version must be ours. */
export async function start(parts: HandlerParts, verdictFor: VerdictFor): Promise<void> {
  const { instance, life, services } = parts;
  await instance.spawn((connection) => answerCallbacks(connection, parts, verdictFor));
  life.enter('handshake');
  const { startTimeoutMs } = services;
  const timer = startTimeoutMs === NO_TIMEOUT ? undefined : setTimeout(() => life.fail(startTimeoutFault(startTimeoutMs, instance.stderrTail)), startTimeoutMs);
  let answer;
  try {
    answer = await life.request(Handshake, {
      protocolVersion: PROTOCOL_VERSION,
      hostPid: process.pid,
      hostName: HOST_NAME,
      hostVersion: HOST_VERSION,
      clsid: services.entry.clsid,
      capabilities: { maxMessageBytes: services.limits.maxMessageBytes, maxProgressBatch: MAX_PROGRESS_BATCH },
    });
  } finally {
    clearTimeout(timer);
  }
  if (majorOf(answer.protocolVersion) !== majorOf(PROTOCOL_VERSION)) {
    throw failWith(parts, unsupportedVersionFault(answer.protocolVersion, PROTOCOL_VERSION));
  }
  instance.connection.watchForHangs(services.hangTimeoutMs);
}

/** Initialize: true to go on; false when it declined (S_FALSE) or failed, which the record says. */
export async function initialize(parts: HandlerParts, syncMgrFlags: number, cookie?: string): Promise<boolean> {
  const { life, record } = parts;
  life.enter('initialize');
  const { hr } = await life.request(Initialize, { syncMgrFlags, ...(cookie !== undefined ? { cookie } : {}) });
  if (hr === HResult.S_FALSE) record.settle({ result: 'declined', reason: 'Initialize returned S_FALSE: the handler does not take part in this event' });
  else if (hr !== HResult.S_OK) record.settle({ result: 'failed', fault: hresultFault('initialize', 'Initialize', hresultName(hr)) });
  return hr === HResult.S_OK;
}

/** GetHandlerInfo: the handler's name and flags, or false when it failed. */
export async function readHandlerInfo(parts: HandlerParts): Promise<boolean> {
  const { life, record } = parts;
  life.enter('handlerInfo');
  const { hr, handlerInfo } = await life.request(GetHandlerInfo, {});
  if (hr !== HResult.S_OK || !handlerInfo) {
    record.settle({ result: 'failed', fault: hresultFault('handlerInfo', 'GetHandlerInfo', hresultName(hr)) });
    return false;
  }
  record.setHandlerInfo(handlerInfo);
  return true;
}

/** Pages through the handler's items, each page to `onPage`; undefined when the enumeration failed. */
export async function enumerate(parts: HandlerParts, onPage: (items: readonly SyncMgrItem[]) => void): Promise<EnumerationSummary | undefined> {
  const { life, record } = parts;
  life.enter('enumeration');
  const summary = await enumerateItems(life, onPage);
  if ('answered' in summary) {
    record.settle({ result: 'failed', fault: hresultFault('enumeration', summary.call, summary.answered) });
    return undefined;
  }
  for (const id of summary.duplicates)
    record.note('error', `protocol violation (phase enumeration): item ${id} was listed more than once; the first listing counts`);
  return summary;
}

/** Every item at once, for settings instances (which show them all). */
export async function enumerateAll(parts: HandlerParts): Promise<Enumeration | undefined> {
  const items: SyncMgrItem[] = [];
  const summary = await enumerate(parts, (page) => items.push(...page));
  return summary && { items, missingItems: summary.missingItems };
}

/** SetProgressCallback(true): from now on the handler holds the callback. */
export async function handOverCallback(parts: HandlerParts): Promise<boolean> {
  const { life, record } = parts;
  life.enter('ready');
  const { hr } = await life.request(SetProgressCallback, { enabled: true });
  if (hr !== HResult.S_OK) record.settle({ result: 'failed', fault: hresultFault('ready', 'SetProgressCallback', hresultName(hr)) });
  return hr === HResult.S_OK;
}

/** The orderly end: SetProgressCallback(NULL) if it held the callback, the shutdown request, then the ladder. */
export async function shutDown(parts: HandlerParts): Promise<void> {
  const { life, record } = parts;
  const heldCallback = life.holdsCallback;
  life.enter('shutdown');
  if (heldCallback) await life.request(SetProgressCallback, { enabled: false });
  const answered = await Promise.race([
    life.request(Shutdown, {}).then(() => true),
    new Promise<false>((resolve) => setTimeout(() => resolve(false), SHUTDOWN_ANSWER_MS).unref()),
  ]);
  if (!answered) {
    record.settle({
      result: 'failed',
      fault: {
        kind: 'hang-timeout',
        phase: 'shutdown',
        reason: `the handler hung during shutdown: it did not answer the shutdown request within ${SHUTDOWN_ANSWER_MS / 1000} s and was ended by the ladder`,
      },
    });
  }
  await endProcess(parts);
}

/** After a fault (or a failed start): record it, fail the unfinished items, end the process. */
export async function abandon(parts: HandlerParts, error: unknown): Promise<void> {
  const fault = faultOf(error, parts.life.phase);
  parts.record.settle({ result: 'failed', fault });
  parts.record.settleItems(`not finished: ${fault.reason}`);
  await endProcess(parts);
}

/** Runs a handler's steps; a fault on the way abandons it, and the process always ends. */
export async function driven(parts: HandlerParts, steps: () => Promise<void>): Promise<void> {
  try {
    await steps();
  } catch (error) {
    await abandon(parts, error);
  }
}

async function endProcess(parts: HandlerParts): Promise<void> {
  const { instance, life, record, prompts } = parts;
  prompts.giveBack();
  const exit = await instance.end();
  const leftovers = await instance.endLeftovers();
  if (leftovers.length > 0) record.leftoversEnded(leftovers);
  life.finish();
  if (exit?.signal && !record.failed) record.note('warning', `the handler did not exit after shutdown; it was ended with ${exit.signal}`);
}

function failWith(parts: HandlerParts, fault: HandlerFault): HandlerFaultError {
  parts.life.fail(fault);
  return new HandlerFaultError(fault);
}

function faultOf(error: unknown, phase: HandlerFault['phase']): HandlerFault {
  if (error instanceof HandlerFaultError) return error.fault;
  if (error instanceof HostError && error.code === 'SPAWN_FAILED') return { kind: 'spawn-failed', phase: 'start', reason: error.message };
  return { kind: 'host-stopped', phase, reason: `the host could not drive the handler: ${error instanceof Error ? error.message : String(error)}` };
}

function majorOf(version: string): string {
  return version.split('.')[0] ?? version;
}
