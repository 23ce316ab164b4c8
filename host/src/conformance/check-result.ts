import { CHECKS, type CheckId } from './check-catalogue.js';

/**
 * pass: the handler did what the section asks. fail: it did not. warning: it did something the
 * section discourages, or the check could not tell (the run still passes). skipped: the check does
 * not apply to this handler; the details say why.
 */
export type CheckStatus = 'pass' | 'fail' | 'warning' | 'skipped';

export interface CheckResult {
  readonly id: CheckId;
  readonly status: CheckStatus;
  readonly section: string;
  readonly requirement: string;
  /** What was sent and seen, one fact per line. */
  readonly details: readonly string[];
}

/** Collects the outcome of a scenario's checks; the first verdict given for a check is kept. */
export class CheckRecorder {
  private readonly results = new Map<CheckId, CheckResult>();

  pass(id: CheckId, ...details: string[]): void {
    this.record(id, 'pass', details);
  }

  fail(id: CheckId, ...details: string[]): void {
    this.record(id, 'fail', details);
  }

  warn(id: CheckId, ...details: string[]): void {
    this.record(id, 'warning', details);
  }

  skip(id: CheckId, reason: string): void {
    this.record(id, 'skipped', [reason]);
  }

  /** Fails the check with the problems found, or passes it with the evidence when there are none. */
  verdict(id: CheckId, problems: readonly string[], evidence: string): void {
    if (problems.length > 0) this.fail(id, ...problems.slice(0, MAX_PROBLEMS), ...more(problems));
    else this.pass(id, evidence);
  }

  has(id: CheckId): boolean {
    return this.results.has(id);
  }

  /** Every check of the list that got no verdict is skipped with the reason. */
  skipRest(ids: readonly CheckId[], reason: string): void {
    for (const id of ids) if (!this.results.has(id)) this.skip(id, reason);
  }

  all(): CheckResult[] {
    return [...this.results.values()];
  }

  private record(id: CheckId, status: CheckStatus, details: readonly string[]): void {
    if (this.results.has(id)) return;
    const { section, requirement } = CHECKS[id];
    this.results.set(id, { id, status, section, requirement, details });
  }
}

// A handler that gets one thing wrong for every item should not print 10,000 lines.
const MAX_PROBLEMS = 5;

function more(problems: readonly string[]): string[] {
  return problems.length > MAX_PROBLEMS ? [`… and ${problems.length - MAX_PROBLEMS} more like these`] : [];
}
