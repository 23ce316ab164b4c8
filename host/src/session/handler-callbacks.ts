import {
  DeleteLogError,
  EnableModeless,
  EstablishConnection,
  HResult,
  LogError,
  PrepareForSyncCompleted,
  Progress,
  ProgressBatch,
  Prompt,
  ShowErrorCompleted,
  ShowPropertiesCompleted,
  SyncMgrErrorCodes,
  SyncMgrHandlerFlags,
  SynchronizeCompleted,
  type Guid,
  type HResultResult,
  type MethodDescriptor,
  type ProgressParams,
} from '@syncmgr/protocol';
import { ResponseError } from 'vscode-jsonrpc/node';
import type { CallbackHandler, HandlerConnection } from '../transport/handler-connection.js';
import type { HandlerParts } from './handler-parts.js';

/** The cancel verdict for an item's next Progress: S_OK, S_SYNCMGR_CANCELITEM or S_SYNCMGR_CANCELALL. */
export type VerdictFor = (itemId: Guid) => number;

const OK: HResultResult = { hr: HResult.S_OK };
const COMPLETIONS = [PrepareForSyncCompleted, SynchronizeCompleted, ShowErrorCompleted, ShowPropertiesCompleted];

/**
 * The host's answer to every ISyncMgrSynchronizeCallback method. Each is first checked against
 * the phases its descriptor allows (PROTOCOL.md §4.3): out of phase, it is refused with OutOfPhase.
 */
export function answerCallbacks(connection: HandlerConnection, parts: HandlerParts, verdictFor: VerdictFor): void {
  const { life, record, prompts } = parts;
  const inPhase = <P, R>(descriptor: MethodDescriptor<P, R>, answer: CallbackHandler<P, R>): void =>
    connection.onCallback(descriptor, (params) => life.refuseOutOfPhase(descriptor as MethodDescriptor<unknown, unknown>) ?? answer(params));

  // All or nothing: reports naming an item outside the session are refused before any is applied.
  const applyAll = (method: string, reports: readonly ProgressParams[]): number[] | ResponseError<void> => {
    const items = record.items;
    const unknown = reports.findIndex(({ itemId }) => !items?.has(itemId));
    if (!items || unknown >= 0) return life.refuse(SyncMgrErrorCodes.UnknownItem, unknownItemText(method, reports, Math.max(unknown, 0)));
    return reports.map(({ itemId, progressItem }) => {
      record.itemChanged(items.applyProgress(itemId, progressItem));
      return verdictFor(itemId);
    });
  };
  inPhase(Progress, (report) => {
    const hrs = applyAll(Progress.method, [report]);
    return hrs instanceof ResponseError ? hrs : { hr: hrs[0] ?? HResult.S_OK };
  });
  inPhase(ProgressBatch, ({ reports }) => {
    const hrs = applyAll(ProgressBatch.method, reports);
    return hrs instanceof ResponseError ? hrs : { hrs };
  });
  inPhase(LogError, (params) => {
    record.logged(record.log.addFromHandler(params));
    return OK;
  });
  inPhase(DeleteLogError, ({ errorId }) => {
    record.log.delete(errorId);
    record.logDeleted(errorId);
    return OK;
  });
  inPhase(EnableModeless, ({ enable }) => prompts.enableModeless(enable));
  inPhase(Prompt, (params) => prompts.prompt(params));
  inPhase(EstablishConnection, ({ connection: name }) => establishConnection(parts, name));
  for (const completion of COMPLETIONS) {
    connection.onCallback(completion, (params) => life.complete(completion as MethodDescriptor<unknown, unknown>, params));
  }
}

function unknownItemText(method: string, reports: readonly ProgressParams[], at: number): string {
  const where = reports.length > 1 ? ` (report ${at})` : '';
  return `${method} named item ${reports[at]?.itemId}${where}, which is not part of this handler's session`;
}

// A handler without SYNCMGRHANDLER_MAYESTABLISHCONNECTION is not refused but answered E_FAIL (§4.3).
async function establishConnection({ record, services, instance, life }: HandlerParts, name: string | null): Promise<HResultResult> {
  const label = name === null ? 'the default connection' : `connection "${name}"`;
  if (!((record.handlerInfo?.handlerFlags ?? 0) & SyncMgrHandlerFlags.SYNCMGRHANDLER_MAYESTABLISHCONNECTION)) {
    record.note(
      'error',
      `protocol violation (phase ${life.phase}): EstablishConnection(${label}) from a handler without SYNCMGRHANDLER_MAYESTABLISHCONNECTION`,
    );
    return { hr: HResult.E_FAIL };
  }
  const outcome = services.connections
    ? await instance.connection.whileWaitingOnHost(services.connections.establish(name))
    : { up: false as const, reason: 'connections cannot be established outside a sync session' };
  if (outcome.up) return OK;
  record.note('error', `EstablishConnection(${label}) failed: ${outcome.reason}`);
  return { hr: HResult.E_FAIL };
}
