import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { execa } from 'execa';
import type { ConformanceReport } from '@syncmgr/host/internal/conformance/run-conformance.js';
import { cliPath } from './paths.js';
import { inRepo } from './repo-paths.js';

/** Where each run's table is kept after the tests (CI prints them). */
export const conformanceArtifacts = inRepo('artifacts', 'conformance');

// Every wait of the kit is bounded by its own --timeout and --deadline; this only stops a kit that is itself stuck.
const KIT_RUN_LIMIT_MS = 280_000;

export interface KitRun {
  exitCode: number | undefined;
  stdout: string;
  stderr: string;
  report: ConformanceReport | undefined;
}

/** Runs `syncmgr conformance [OPTION]… --json FILE -- COMMAND…` as a real process, in a folder of its own. */
export async function runKit(dir: string, options: readonly string[], command: readonly string[]): Promise<KitRun> {
  const json = path.join(dir, `report-${Date.now()}-${Math.random().toString(16).slice(2)}.json`);
  const result = await execa(process.execPath, [cliPath, 'conformance', ...options, '--json', json, '--', ...command], {
    reject: false,
    cwd: dir,
    timeout: KIT_RUN_LIMIT_MS,
  });
  const report = await readFile(json, 'utf8').then(
    (text) => JSON.parse(text) as ConformanceReport,
    () => undefined,
  );
  return { exitCode: result.exitCode, stdout: String(result.stdout), stderr: String(result.stderr), report };
}

/** Saves a run's table as artifacts/conformance/<name>.txt. */
export async function keepTable(name: string, run: KitRun): Promise<void> {
  await mkdir(conformanceArtifacts, { recursive: true });
  await writeFile(path.join(conformanceArtifacts, `${name}.txt`), run.stdout);
}

/** The ids of the checks that came out with this status. */
export function idsWith(run: KitRun, status: string): string[] {
  return (run.report?.checks ?? []).filter((check) => check.status === status).map((check) => check.id);
}

/** The status of one check. */
export function statusOf(run: KitRun, id: string): string | undefined {
  return run.report?.checks.find((check) => check.id === id)?.status;
}
