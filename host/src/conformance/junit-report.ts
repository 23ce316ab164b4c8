import type { ConformanceReport, JudgedCheck } from './run-conformance.js';

/** The report as JUnit XML, one testsuite per scenario, for CI systems that show test results. */
export function junitReport(report: ConformanceReport): string {
  const scenarios = [...new Set(report.checks.map((check) => check.scenario))];
  const suites = scenarios.map((scenario) =>
    suite(
      scenario,
      report.checks.filter((check) => check.scenario === scenario),
    ),
  );
  const failures = report.checks.filter(counts).length;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="syncmgr conformance" tests="${report.checks.length}" failures="${failures}">`,
    ...suites,
    '</testsuites>',
    '',
  ].join('\n');
}

function suite(scenario: string, checks: readonly JudgedCheck[]): string {
  const skipped = checks.filter((check) => check.status === 'skipped').length;
  return [
    `  <testsuite name="${escape(scenario)}" tests="${checks.length}" failures="${checks.filter(counts).length}" skipped="${skipped}">`,
    ...checks.map(testcase),
    '  </testsuite>',
  ].join('\n');
}

function testcase(check: JudgedCheck): string {
  const open = `    <testcase classname="${escape(check.scenario)}" name="${escape(check.id)}">`;
  const details = escape(check.details.join('\n'));
  const body =
    check.outcome === 'failed'
      ? `<failure message="${escape(check.requirement)} (${escape(check.section)})">${details}</failure>`
      : check.outcome === 'stale'
        ? `<failure message="stale expected failure: this check passes now; remove it from the expected-failures file">${details}</failure>`
        : check.status === 'skipped' || check.outcome === 'expected-failure'
          ? `<skipped message="${escape(check.outcome === 'expected-failure' ? `expected failure: ${check.details[0] ?? ''}` : (check.details[0] ?? ''))}"/>`
          : `<system-out>${details}</system-out>`;
  return `${open}${body}</testcase>`;
}

function counts(check: JudgedCheck): boolean {
  return check.outcome === 'failed' || check.outcome === 'stale';
}

// XML 1.0 allows no control characters but tab and newlines, even escaped.
function isXmlChar(char: string): boolean {
  const code = char.codePointAt(0) ?? 0;
  return code >= 0x20 || code === 0x09 || code === 0x0a || code === 0x0d;
}

function escape(text: string): string {
  return [...text].filter(isXmlChar).join('').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
