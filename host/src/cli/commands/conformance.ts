import { writeFile } from 'node:fs/promises';
import { Command } from 'commander';
import { HostError } from '../../errors.js';
import { preflight } from '../../process/preflight.js';
import { CHECKS, SCENARIOS, type CheckId, type ScenarioName } from '../../conformance/check-catalogue.js';
import { readExpectedFailures } from '../../conformance/expected-failures.js';
import { junitReport } from '../../conformance/junit-report.js';
import { runConformance, type ConformanceReport } from '../../conformance/run-conformance.js';
import { ExitCode } from '../exit-code.js';
import { collectEnvPair, collectOneOf, parseSeconds } from '../options.js';
import { stdout } from '../output.js';
import { formatCommand } from '../render/format.js';
import { scenarioLines, summaryLine } from '../render/conformance-table.js';

interface ConformanceOptions {
  json?: string;
  junit?: string;
  expectedFailures?: string;
  only?: ScenarioName[];
  timeout: number;
  deadline: number;
  answer?: Record<string, string>;
  list?: boolean;
}

/** syncmgr conformance [OPTION]… -- COMMAND [ARG…]: runs a handler executable through the kit's scenarios. */
export function conformanceCommand(): Command {
  return new Command('conformance')
    .description("check that a handler executable keeps the protocol's contract: starts it (never through a shell) and runs it through scenarios")
    .argument('[command...]', 'the handler command and its arguments, after `--`')
    .option(
      '--json <file>',
      'also write the report as JSON: {command, startedAt, finishedAt, ok, checks: [{id, scenario, status, outcome, section, requirement, details}]}',
    )
    .option('--junit <file>', 'also write the report as JUnit XML, a testsuite per scenario')
    .option(
      '--expected-failures <file>',
      'check ids expected to fail, one per line (# comments): they do not fail the run, and one that passes fails it as stale',
    )
    .option('--only <scenario>', `run only this scenario (${SCENARIOS.join('|')}); repeatable`, collectOneOf(SCENARIOS, '--only'))
    .option('--timeout <seconds>', 'how long to wait for an answer, or a completion while the handler is silent', parseSeconds, 30)
    .option('--deadline <seconds>', 'how soon a cancel, a skip or an exit the protocol asks for must be honoured', parseSeconds, 10)
    .option(
      '--answer <NAME=VALUE>',
      "answer a prompt's field NAME with VALUE (confirm fields: true unless false); repeatable; a prompt with a field not given is refused",
      collectEnvPair,
    )
    .option('--list', 'list the checks (id, scenario, PROTOCOL.md section, requirement) and exit')
    .addHelpText(
      'after',
      '\nEach check passes, fails, warns (allowed, but discouraged or not decidable) or is skipped with the reason (it does not apply).' +
        '\nExit codes: 0 every check not expected to fail passed (or warned, or was skipped), 1 a check failed or an expected failure is stale, 2 the command line is wrong.',
    )
    .action(async (argv: string[], options: ConformanceOptions) => {
      if (options.list) return listChecks();
      if (argv.length === 0) throw new HostError('USAGE', 'give the handler command after `--`: syncmgr conformance -- node my-handler.js');
      await preflight({ command: argv }, process.env);
      if (options.timeout === 0 || options.deadline === 0)
        throw new HostError('USAGE', 'the kit needs a --timeout and a --deadline above 0 s: a check waits for something');
      const expectedFailures = options.expectedFailures ? await readExpectedFailures(options.expectedFailures) : new Set<CheckId>();
      // Exiting runs the probes' exit hook, which ends the handlers the kit started.
      for (const [signal, code] of [
        ['SIGINT', ExitCode.Interrupted],
        ['SIGTERM', ExitCode.Terminated],
        ['SIGHUP', ExitCode.HungUp],
      ] as const) {
        process.once(signal, () => process.exit(code));
      }
      stdout.line(`syncmgr conformance: ${formatCommand(argv)}`);
      const report = await runConformance({
        argv,
        only: options.only ?? [],
        timeouts: { answerMs: options.timeout * 1000, deadlineMs: options.deadline * 1000 },
        expectedFailures,
        promptAnswers: new Map(Object.entries(options.answer ?? {})),
        onScenario: (name, checks) => stdout.line([`${name}`, ...scenarioLines(checks)].join('\n')),
      });
      stdout.line(summaryLine(report));
      await writeReports(report, options);
      process.exitCode = report.ok ? ExitCode.Success : ExitCode.Failure;
    });
}

function listChecks(): void {
  for (const [id, check] of Object.entries(CHECKS))
    stdout.line(`${id.padEnd(36)} ${check.scenario.padEnd(11)} ${check.section.padEnd(40)} ${check.requirement}`);
}

async function writeReports(report: ConformanceReport, options: ConformanceOptions): Promise<void> {
  const writes: [string | undefined, string][] = [
    [options.json, `${JSON.stringify(report, null, 2)}\n`],
    [options.junit, junitReport(report)],
  ];
  for (const [file, text] of writes) {
    if (!file) continue;
    try {
      await writeFile(file, text);
    } catch (error) {
      throw new HostError('STATE_IO', `cannot write the report to ${file}: ${(error as Error).message}`, { cause: error });
    }
  }
}
