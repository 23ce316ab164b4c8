import { CHECKS, checksOf, SCENARIOS, type CheckId, type ScenarioName } from './check-catalogue.js';
import { CheckRecorder, type CheckResult } from './check-result.js';
import { ScenarioContext, type RunRecord, type Scenario } from './scenario-context.js';
import type { KitTimeouts } from './session-driver.js';
import { enumerator } from './scenarios/enumerator.js';
import { framing } from './scenarios/framing.js';
import { handshake } from './scenarios/handshake.js';
import { lifecycle } from './scenarios/lifecycle.js';
import { log } from './scenarios/log.js';
import { modeless } from './scenarios/modeless.js';
import { leftovers } from './scenarios/process.js';
import { session } from './scenarios/session.js';
import { verdicts } from './scenarios/verdicts.js';

export interface ConformanceOptions {
  /** The handler's command, an argv array: run directly, never through a shell. */
  readonly argv: readonly string[];
  /** The scenarios to run; all when empty. */
  readonly only: readonly ScenarioName[];
  readonly timeouts: KitTimeouts;
  /** Answers to prompt fields by name; a prompt asking for another field is refused (S_FALSE). */
  readonly promptAnswers: ReadonlyMap<string, string>;
  /** Checks known to fail: they do not fail the run, but passing fails it (stale). */
  readonly expectedFailures: ReadonlySet<CheckId>;
  /** Called as each scenario ends, for progress output. */
  readonly onScenario?: (name: ScenarioName, checks: readonly JudgedCheck[]) => void;
}

/**
 * How a check counts for the run. ok: passed, warned, or skipped. failed: failed, not expected to.
 * expected-failure: failed, as the expected-failures file says. stale: in that file, yet it passed.
 */
export type CheckOutcome = 'ok' | 'failed' | 'expected-failure' | 'stale';

export interface JudgedCheck extends CheckResult {
  readonly scenario: ScenarioName;
  readonly outcome: CheckOutcome;
}

export interface ConformanceReport {
  readonly command: readonly string[];
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly checks: readonly JudgedCheck[];
  /** True when no check failed unexpectedly and none is stale: the CLI exits 0. */
  readonly ok: boolean;
}

/** Runs the scenarios one after the other, each on fresh handler processes, and judges every check. */
export async function runConformance(options: ConformanceOptions): Promise<ConformanceReport> {
  const startedAt = new Date().toISOString();
  const record: RunRecord = { leftBehind: [], processesStarted: 0 };
  const scenarios: Record<ScenarioName, Scenario> = {
    framing,
    handshake,
    lifecycle,
    session,
    enumerator,
    verdicts,
    log,
    modeless,
    process: leftovers(record),
  };
  const checks: JudgedCheck[] = [];
  for (const name of SCENARIOS.filter((scenario) => options.only.length === 0 || options.only.includes(scenario) || scenario === 'process')) {
    const results = (await runScenario(name, scenarios[name], options, record)).map((result) => judge(name, result, options.expectedFailures));
    checks.push(...results);
    options.onScenario?.(name, results);
  }
  return {
    command: options.argv,
    startedAt,
    finishedAt: new Date().toISOString(),
    checks,
    ok: checks.every((check) => check.outcome === 'ok' || check.outcome === 'expected-failure'),
  };
}

async function runScenario(name: ScenarioName, scenario: Scenario, options: ConformanceOptions, record: RunRecord): Promise<CheckResult[]> {
  const recorder = new CheckRecorder();
  const context = new ScenarioContext(name, options.argv, { timeouts: options.timeouts, promptAnswers: options.promptAnswers }, recorder, record);
  try {
    await scenario(context);
  } catch (error) {
    // A bug of the kit must not let a run pass: the checks it did not reach fail, saying whose fault it is.
    for (const id of checksOf(name))
      if (!recorder.has(id)) recorder.fail(id, `the kit itself failed in this scenario: ${(error as Error).stack ?? String(error)}`);
  } finally {
    await context.close();
  }
  recorder.skipRest(checksOf(name), 'the scenario ended before it reached this check');
  const order = Object.keys(CHECKS);
  return recorder.all().sort((a, b) => order.indexOf(a.id) - order.indexOf(b.id));
}

function judge(scenario: ScenarioName, result: CheckResult, expected: ReadonlySet<CheckId>): JudgedCheck {
  const expectedToFail = expected.has(result.id);
  const outcome: CheckOutcome =
    result.status === 'fail' ? (expectedToFail ? 'expected-failure' : 'failed') : expectedToFail && result.status !== 'skipped' ? 'stale' : 'ok';
  return { ...result, scenario, outcome };
}
