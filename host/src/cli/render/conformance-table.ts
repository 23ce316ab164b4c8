import type { ConformanceReport, JudgedCheck } from '../../conformance/run-conformance.js';

const LABEL: Record<string, string> = {
  pass: 'pass',
  warning: 'warning',
  skipped: 'skipped',
  failed: 'FAIL',
  'expected-failure': 'xfail',
  stale: 'STALE',
};

/** The label of a check in the table: its status, or how the expected-failures file changed it. */
export function checkLabel(check: JudgedCheck): string {
  return LABEL[check.outcome === 'ok' ? check.status : check.outcome] ?? check.status;
}

/** One scenario's lines: a row per check, its evidence or problems indented below. */
export function scenarioLines(checks: readonly JudgedCheck[]): string[] {
  const idWidth = Math.max(...checks.map((check) => check.id.length));
  return checks.flatMap((check) => {
    const row = `  ${checkLabel(check).padEnd(8)} ${check.id.padEnd(idWidth)}  ${check.section}`;
    const shown = check.status === 'pass' ? check.details.slice(0, 1) : check.details;
    const stale = check.outcome === 'stale' ? ['stale: listed as an expected failure, and it passes now; remove it from the file'] : [];
    return [row, ...[...stale, ...shown].map((line) => `             ${line}`)];
  });
}

/** The closing line: how many checks came out which way, and the verdict. */
export function summaryLine(report: ConformanceReport): string {
  const count = (test: (check: JudgedCheck) => boolean): number => report.checks.filter(test).length;
  const parts = [
    `${count((c) => c.status === 'pass' && c.outcome === 'ok')} passed`,
    `${count((c) => c.outcome === 'failed')} failed`,
    `${count((c) => c.status === 'warning' && c.outcome === 'ok')} warnings`,
    `${count((c) => c.status === 'skipped')} skipped`,
    `${count((c) => c.outcome === 'expected-failure')} expected failures`,
    `${count((c) => c.outcome === 'stale')} stale`,
  ];
  return `${report.checks.length} checks: ${parts.join(', ')}. ${report.ok ? 'The handler keeps the contract.' : 'The handler breaks the contract.'}`;
}
