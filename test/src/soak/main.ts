// npm run soak [-- --sessions N]: many sessions in one host process; prints RSS and open files at
// the start and the end, and fails when either drifts more than 10 %.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { runSoak } from './run-soak.js';

const { values } = parseArgs({ options: { sessions: { type: 'string', default: '1000' } } });
const sessions = Number(values.sessions);
const home = await mkdtemp(path.join(os.tmpdir(), 'syncmgr-soak-'));
const started = Date.now();
try {
  const result = await runSoak(home, sessions, (i) => i % 100 === 0 && process.stdout.write(`  session ${i}…\n`));
  const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  console.log(`soak: ${result.sessions} sessions after a warm-up (3 handlers each, one faulty in 6 of 7) in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  console.log(`  RSS  start ${mb(result.start.rssBytes)}  end ${mb(result.end.rssBytes)}  drift ${(result.rssDrift * 100).toFixed(1)} %`);
  console.log(`  heap start ${mb(result.start.heapUsedBytes)}  end ${mb(result.end.heapUsedBytes)}  (after a full GC)`);
  console.log(`  fds  start ${result.start.fds}  end ${result.end.fds}  drift ${(result.fdDrift * 100).toFixed(1)} %`);
  console.log(`  faulty handlers failed as expected: ${result.failedAsExpected}; unexpected outcomes: ${result.unexpected.length}`);
  for (const line of result.unexpected.slice(0, 10)) console.log(`    ${line}`);
  const ok = Math.abs(result.rssDrift) <= 0.1 && Math.abs(result.fdDrift) <= 0.1 && result.unexpected.length === 0;
  console.log(ok ? 'soak: passed' : 'soak: FAILED');
  process.exitCode = ok ? 0 : 1;
} finally {
  await rm(home, { recursive: true, force: true });
}
