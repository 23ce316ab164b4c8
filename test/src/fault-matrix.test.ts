import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { FaultKind, HandlerReport, SyncManager } from '@syncmgr/host';
import { SyncMgrErrorCodes } from '@syncmgr/protocol';
import { fixtureRecords, registerFixture, type Timeouts } from './support/fixtures.js';
import { managerPerTest } from './support/manager-per-test.js';
import { openFileDescriptors } from './support/processes.js';

// Every misbehaviour in every phase, each beside a healthy handler: the session ends, the faulty
// handler fails with the fault's kind in that phase (or the host refuses or contains what it did and
// it succeeds), the healthy one finishes every item, no process is left (checked after each case) and
// file descriptors return. Each misbehaviour is a fixture of its name, told the phase with --in.
const PHASES = ['start', 'handshake', 'handlerInfo', 'enumeration', 'prepare', 'synchronize', 'showError', 'shutdown'] as const;
type MatrixPhase = (typeof PHASES)[number];
const ASYNC_PHASES: ReadonlySet<MatrixPhase> = new Set(['prepare', 'synchronize', 'showError']);

interface Failure {
  kind: FaultKind;
  exitCode?: number;
  signal?: string;
}
/** `refused`: the host refuses the callback and goes on; `contained`: the host absorbs it unremarked. */
type Absorbed = { absorbed: 'refused'; code: number } | { absorbed: 'contained' };
type Expected = Failure | Absorbed | 'n/a';

const C = SyncMgrErrorCodes;
const failed =
  (kind: FaultKind, more: Omit<Failure, 'kind'> = {}) =>
  () => ({ kind, ...more });
const refused = (code: number) => () => ({ absorbed: 'refused' as const, code });
const onlyAsync = (expected: Expected) => (phase: MatrixPhase) => (ASYNC_PHASES.has(phase) ? expected : 'n/a');

const FAULTS: Record<string, (phase: MatrixPhase) => Expected> = {
  'exits-with-code-3': failed('exited', { exitCode: 3 }),
  'exits-with-code-0': failed('exited', { exitCode: 0 }),
  'kills-itself': failed('killed', { signal: 'SIGKILL' }),
  segfaults: failed('killed', { signal: 'SIGSEGV' }),
  'throws-uncaught': failed('exited', { exitCode: 1 }),
  hangs: (phase) => ({ kind: phase === 'start' || phase === 'handshake' ? 'start-timeout' : 'hang-timeout' }),
  'never-completes': onlyAsync({ kind: 'hang-timeout' }),
  'writes-invalid-json': failed('malformed-message'),
  'writes-garbage': failed('malformed-message'),
  // Shutdown's result has no fields, so no shape of it is wrong.
  'answers-wrong-shape': (phase) => (phase === 'start' || phase === 'shutdown' ? 'n/a' : { kind: 'invalid-message' }),
  'writes-oversized-frame': failed('oversized-message'),
  'writes-half-frame': failed('exited', { exitCode: 0 }),
  'closes-stdout-and-stays-alive': failed('closed-stdout'),
  'calls-unknown-method': refused(C.MethodNotFound),
  'sends-out-of-phase-completion': refused(C.OutOfPhase),
  'completes-twice': onlyAsync({ absorbed: 'refused', code: C.OutOfPhase }),
  // Progress is out of phase unless the handler holds the callback; then the item is what is wrong.
  'reports-foreign-item': (phase) => ({ absorbed: 'refused', code: ASYNC_PHASES.has(phase) ? C.UnknownItem : C.OutOfPhase }),
  'floods-stderr': () => ({ absorbed: 'contained' }),
  'leaves-grandchild': () => ({ absorbed: 'contained' }),
};
// The silences the timeouts exist for get short ones, so each of those cases ends in seconds. Every
// other fault is not a silence (floods-stderr's 100 MiB takes as long as the machine needs): its
// timeouts, and the healthy handler's, leave room for a loaded machine, which must not turn a slow
// start into a start timeout.
const SILENCES: ReadonlySet<string> = new Set(['hangs', 'never-completes']);
const SHORT_TIMEOUTS: Timeouts = { startTimeoutSeconds: 2, hangTimeoutSeconds: 1 };
const ROOMY_TIMEOUTS: Timeouts = { startTimeoutSeconds: 60, hangTimeoutSeconds: 60 };
const DEATHS: ReadonlySet<FaultKind> = new Set(['exited', 'killed']);

const cases = Object.entries(FAULTS).flatMap(([fault, expect]) =>
  PHASES.map((phase) => ({ fault, phase, expected: expect(phase) })).filter((c) => c.expected !== 'n/a'),
);
const summary = new Map<string, string>();

describe('the fault matrix', () => {
  const manager = managerPerTest();

  afterAll(() => {
    const width = Math.max(...Object.keys(FAULTS).map((f) => f.length));
    const lines = [`fault matrix: ${cases.length} faults × phases`, `${''.padEnd(width)}  ${PHASES.map((p) => p.slice(0, 6).padEnd(6)).join(' ')}`];
    for (const fault of Object.keys(FAULTS)) {
      lines.push(
        `${fault.padEnd(width)}  ${PHASES.map((p) => (summary.get(`${fault}:${p}`) ?? (FAULTS[fault]!(p) === 'n/a' ? '·' : '✗')).padEnd(6)).join(' ')}`,
      );
    }
    const passed = [...summary.values()].filter((v) => v === '✓').length;
    lines.push(`${passed} of ${cases.length} passing (✓ passing, ✗ failing, · not applicable)`);
    process.stdout.write(`\n${lines.join('\n')}\n`);
  });

  it.each(cases)(
    '$fault during $phase',
    async ({ fault, phase, expected }) => {
      await registerFixture(manager(), 'well-behaved', { items: 3, name: 'healthy' }, ROOMY_TIMEOUTS);
      const clsid = await registerFixture(manager(), fault, { in: phase, name: 'faulty' }, SILENCES.has(fault) ? SHORT_TIMEOUTS : ROOMY_TIMEOUTS);
      const fdsBefore = openFileDescriptors();

      const session = await manager().createSession({ holdForErrors: phase === 'showError' });
      await session.run();
      const actionable = session.actionableEntries().find((e) => e.clsid === clsid);
      if (phase === 'showError') {
        expect(actionable).toBeDefined();
        await session.showError(clsid, actionable!.entry.errorId);
      }
      const report = await session.close();

      const healthy = report.handlers.find((h) => h.name === 'healthy')!;
      expect(healthy.items.map((i) => i.status)).toEqual(['succeeded', 'succeeded', 'succeeded']);
      const faulty = report.handlers.find((h) => h.clsid === clsid)!;
      if (expected === 'n/a') throw new Error('not applicable cases are filtered out');
      if ('absorbed' in expected) await checkAbsorbed(manager(), faulty, expected);
      else checkFailed(faulty, phase, expected);
      expect(openFileDescriptors()).toBeLessThanOrEqual(fdsBefore);
      if (fault === 'floods-stderr') expect((await stat(path.join(manager().home.logs, `${clsid}.log`))).size).toBeLessThan(2 * 1024 * 1024);
      summary.set(`${fault}:${phase}`, '✓');
    },
    40_000,
  );
});

function checkFailed(faulty: HandlerReport, phase: MatrixPhase, expected: Failure): void {
  expect(faulty.result).toBe('failed');
  expect(faulty.fault).toMatchObject(expected);
  // A fault as the process starts may be seen once the handshake is sent; a silent start is a handshake that timed out.
  const phases = phase === 'start' ? ['start', 'handshake'] : expected.kind === 'start-timeout' ? ['handshake'] : [phase];
  expect(phases).toContain(faulty.fault?.phase);
  if (DEATHS.has(expected.kind)) expect(['did-not-run', 'may-have-run', 'ran-without-completing']).toContain(faulty.fault?.call?.outcome);
  expect(faulty.items.every((i) => ['succeeded', 'failed'].includes(i.status))).toBe(true);
}

async function checkAbsorbed(manager: SyncManager, faulty: HandlerReport, expected: Absorbed): Promise<void> {
  expect(faulty.result).toBe('succeeded');
  expect(faulty.items.map((i) => i.status)).toEqual(['succeeded', 'succeeded']);
  const hostEntries = faulty.log.filter((e) => e.source === 'host');
  if (expected.absorbed === 'contained') return void expect(hostEntries).toEqual([]);
  expect(hostEntries.map((e) => e.level)).toContain('error');
  const refusals = (await fixtureRecords(manager, faulty.clsid)).flatMap((r) => ('refusedWith' in r ? [r.refusedWith] : []));
  expect(refusals).toEqual([expected.code]);
}
