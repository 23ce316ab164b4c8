import {
  HResult,
  isLegalIn,
  methodByName,
  normalizeGuid,
  SyncMgrErrorCodes,
  SyncMgrProgressItemMask,
  SyncMgrStatus,
  type HandlerPhase,
} from '@syncmgr/protocol';
import type { Answer, Callback, ProbePeer } from './probe-peer.js';

const FINAL_STATUSES: ReadonlySet<number> = new Set([
  SyncMgrStatus.SYNCMGRSTATUS_SUCCEEDED,
  SyncMgrStatus.SYNCMGRSTATUS_FAILED,
  SyncMgrStatus.SYNCMGRSTATUS_SKIPPED,
  SyncMgrStatus.SYNCMGRSTATUS_STOPPED,
]);

/** One progress report as the kit took it in. */
export interface SeenReport {
  readonly itemId: string;
  readonly progressItem: Record<string, unknown>;
  readonly seq: number;
  readonly at: number;
}

/** How the kit answers a report: S_OK, S_SYNCMGR_CANCELITEM or S_SYNCMGR_CANCELALL. */
export type VerdictPolicy = (report: SeenReport) => number;

/**
 * The kit's answers to callbacks, as the host gives them: phases enforced from the protocol's
 * descriptors, items checked against the session's, the EnableModeless token granted or refused
 * by policy, verdicts by policy. What it sees is kept for the checks.
 */
export class KitAnswers {
  /** The session's item IDs (normalized); a report naming another is refused (UnknownItem). */
  readonly items = new Set<string>();
  verdict: VerdictPolicy = () => HResult.S_OK;
  /** Whether enableModeless {enable:true} is granted in a phase that allows UI. */
  grantToken = false;
  tokenHeld = false;
  readonly reports: SeenReport[] = [];
  /** Each item's final status, and when it came; the first final status counts. */
  readonly finalStatus = new Map<string, { status: number; seq: number; at: number }>();
  readonly refused: { callback: Callback; code: number; why: string }[] = [];
  readonly promptsWithoutToken: Callback[] = [];
  readonly tokenRequests: { callback: Callback; granted: boolean }[] = [];

  constructor(
    peer: ProbePeer,
    private readonly promptAnswers: ReadonlyMap<string, string>,
  ) {
    peer.respond((callback) => this.answer(callback));
  }

  private answer(callback: Callback): Answer {
    const descriptor = methodByName(callback.method);
    if (!descriptor || descriptor.direction !== 'handlerToHost') {
      return this.refuse(callback, SyncMgrErrorCodes.MethodNotFound, `${callback.method} is not a callback of the protocol`);
    }
    if (!isLegalIn(descriptor, callback.phase)) {
      return this.refuse(callback, SyncMgrErrorCodes.OutOfPhase, `${callback.method} is not accepted in the ${callback.phase} phase`);
    }
    switch (callback.method) {
      case 'callback/progress':
        return this.progress(callback, [callback.params]);
      case 'callback/progressBatch':
        return this.progress(callback, asArray(callback.params['reports']));
      case 'callback/enableModeless':
        return this.enableModeless(callback);
      case 'callback/prompt':
        return this.prompt(callback);
      default:
        return { result: { hr: HResult.S_OK } };
    }
  }

  private progress(callback: Callback, reports: Record<string, unknown>[]): Answer {
    const ids = reports.map((report) => idOf(report['itemId']));
    const foreign = ids.find((id) => id === undefined || !this.items.has(id));
    if (foreign !== undefined || ids.includes(undefined)) {
      return this.refuse(callback, SyncMgrErrorCodes.UnknownItem, `a report names ${String(foreign ?? 'no item')}, which is not an item of this session`);
    }
    const hrs = reports.map((report, index) =>
      this.take({ itemId: ids[index] as string, progressItem: asObject(report['progressItem']), seq: callback.seq, at: callback.at }),
    );
    return { result: callback.method === 'callback/progress' ? { hr: hrs[0] } : { hrs } };
  }

  private take(report: SeenReport): number {
    this.reports.push(report);
    const { mask, statusType } = report.progressItem;
    const hasStatus = typeof mask === 'number' && (mask & SyncMgrProgressItemMask.SYNCMGRPROGRESSITEM_STATUSTYPE) !== 0;
    if (hasStatus && typeof statusType === 'number' && FINAL_STATUSES.has(statusType) && !this.finalStatus.has(report.itemId)) {
      this.finalStatus.set(report.itemId, { status: statusType, seq: report.seq, at: report.at });
    }
    return this.verdict(report);
  }

  private enableModeless(callback: Callback): Answer {
    if (callback.params['enable'] !== true) {
      const held = this.tokenHeld;
      this.tokenHeld = false;
      return { result: { hr: held ? HResult.S_OK : HResult.S_FALSE } };
    }
    const granted = this.grantToken && mayAskUser(callback.phase);
    this.tokenRequests.push({ callback, granted });
    this.tokenHeld = granted;
    return { result: { hr: granted ? HResult.S_OK : HResult.S_FALSE } };
  }

  // The kit is nobody at a keyboard: it answers the fields it was given answers for, else refuses as a user would.
  private prompt(callback: Callback): Answer {
    if (!this.tokenHeld) {
      this.promptsWithoutToken.push(callback);
      return this.refuse(callback, SyncMgrErrorCodes.OutOfPhase, 'callback/prompt without the EnableModeless token');
    }
    const answers = answersFor(asArray(callback.params['fields']), this.promptAnswers);
    return { result: answers ? { hr: HResult.S_OK, answers } : { hr: HResult.S_FALSE } };
  }

  private refuse(callback: Callback, code: number, why: string): Answer {
    this.refused.push({ callback, code, why });
    return { error: { code, message: why } };
  }
}

/** Every field's answer (a confirm field: true unless given "false"), or undefined when one has none. */
function answersFor(fields: readonly Record<string, unknown>[], given: ReadonlyMap<string, string>): Record<string, string | boolean> | undefined {
  const answers: Record<string, string | boolean> = {};
  for (const field of fields) {
    const name = String(field['name']);
    const value = given.get(name);
    if (field['kind'] === 'confirm') answers[name] = value !== 'false';
    else if (value === undefined) return undefined;
    else answers[name] = value;
  }
  return answers;
}

function mayAskUser(phase: HandlerPhase): boolean {
  return phase === 'prepare' || phase === 'synchronize' || phase === 'showError' || phase === 'properties';
}

/** A GUID normalized for comparison, or undefined when the value is not one. */
export function idOf(value: unknown): string | undefined {
  return typeof value === 'string' ? normalizeGuid(value) : undefined;
}

function asObject(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function asArray(value: unknown): Record<string, unknown>[] {
  return Array.isArray(value) ? value.map(asObject) : [];
}
