// The Python SDK's own unittest suite (handler-sdk/python/tests), run once at load and reported
// here as one jest test per Python test, so its results count in jest's totals.
import { spawnSync } from 'node:child_process';
import { inRepo } from './support/repo-paths.js';

const MARKER = '@@syncmgr-python-test ';

interface PythonTestRecord {
  id: string;
  outcome: 'passed' | 'failed' | 'error' | 'skipped';
  message: string | null;
}

interface PythonSummary {
  summary: { tests: number };
}

const run = spawnSync('python3', [inRepo('handler-sdk', 'python', 'tests', 'json_runner.py')], {
  encoding: 'utf8',
  maxBuffer: 64 * 1024 * 1024,
  env: { ...process.env, PYTHONDONTWRITEBYTECODE: '1' },
});
const lines = (run.stdout ?? '')
  .split('\n')
  .filter((line) => line.startsWith(MARKER))
  .map((line) => JSON.parse(line.slice(MARKER.length)) as PythonTestRecord | PythonSummary);
const records = lines.filter((line): line is PythonTestRecord => 'id' in line);
const summary = lines.find((line): line is PythonSummary => 'summary' in line);

describe('the Python SDK (handler-sdk/python/tests)', () => {
  it('ran to its end and found tests', () => {
    const diagnosis = `exit ${run.status} ${run.signal ?? ''} ${run.error?.message ?? ''}\n${run.stderr.slice(-4000)}`;
    expect({ summary: summary?.summary, diagnosis: summary ? '' : diagnosis }).toEqual({ summary: { tests: records.length }, diagnosis: '' });
    expect(records.length).toBeGreaterThan(0);
    expect(run.status).toBe(records.every((record) => record.outcome === 'passed' || record.outcome === 'skipped') ? 0 : 1);
  });

  it.each(records.map((record) => [record.id, record] as const))('%s', (_id, record) => {
    // The Python traceback is the failure message.
    if (record.outcome === 'failed' || record.outcome === 'error') throw new Error(`${record.outcome}:\n${record.message ?? ''}`);
    expect(['passed', 'skipped']).toContain(record.outcome);
  });
});
