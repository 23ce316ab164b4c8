import { randomUUID } from 'node:crypto';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { HandlerReport, SyncManager } from '@syncmgr/host';
import { managerPerTest } from './support/manager-per-test.js';
import { fixture } from './support/paths.js';
import { openFileDescriptors } from './support/processes.js';
import { registerScripted } from './support/scripted.js';

// Every fault in every phase, each beside a healthy handler: the session ends, the faulty handler's
// result names the fault and the phase (or its log names what was refused), the healthy one finishes
// every item, no process is left (checked after each case) and file descriptors return.
const PHASES = ['start', 'handshake', 'handlerInfo', 'enumeration', 'prepare', 'synchronize', 'showError', 'shutdown'] as const;
type MatrixPhase = (typeof PHASES)[number];
const ASYNC_PHASES: ReadonlySet<MatrixPhase> = new Set(['prepare', 'synchronize', 'showError']);

const WHERE: Record<MatrixPhase, string> = {
  start: '(while starting|during the handshake)',
  handshake: 'during the handshake',
  handlerInfo: 'during GetHandlerInfo',
  enumeration: 'during item enumeration',
  prepare: 'during PrepareForSync',
  synchronize: 'during Synchronize',
  showError: 'during ShowError',
  shutdown: 'during shutdown',
};

/** What each fault must produce; `absorbed` faults are refused or contained, and the handler succeeds. */
const FAULTS: Record<string, (phase: MatrixPhase) => RegExp | 'absorbed' | 'n/a'> = {
  exit: (ph) => new RegExp(`exited with code 3 ${WHERE[ph]}`),
  exit0: (ph) => new RegExp(`exited with code 0 ${WHERE[ph]}`),
  kill: (ph) => new RegExp(`killed by SIGKILL ${WHERE[ph]}`),
  segv: (ph) => new RegExp(`killed by SIGSEGV ${WHERE[ph]}`),
  throw: (ph) => new RegExp(`exited with code 1 ${WHERE[ph]}`),
  hang: (ph) => (ph === 'start' || ph === 'handshake' ? /did not answer the handshake within the start timeout/ : new RegExp(`hung ${WHERE[ph]}`)),
  'never-complete': (ph) => (ASYNC_PHASES.has(ph) ? new RegExp(`hung ${WHERE[ph]}.*Completed`) : 'n/a'),
  'invalid-json': (ph) => new RegExp(`malformed message ${WHERE[ph]}.*not JSON`),
  garbage: (ph) => new RegExp(`malformed message ${WHERE[ph]}`),
  // Shutdown's result has no fields, so no shape of it is wrong.
  'wrong-shape': (ph) => (ph === 'start' || ph === 'shutdown' ? 'n/a' : new RegExp(`invalid message ${WHERE[ph]}`)),
  oversized: (ph) => new RegExp(`over the size limit ${WHERE[ph]}`),
  'half-frame': (ph) => new RegExp(`exited with code 0 ${WHERE[ph]}`),
  'unknown-method': () => 'absorbed',
  'out-of-phase': () => 'absorbed',
  twice: (ph) => (ASYNC_PHASES.has(ph) ? 'absorbed' : 'n/a'),
  'foreign-item': () => 'absorbed',
  'stderr-flood': () => 'absorbed',
  grandchild: () => 'absorbed',
};
const REFUSALS = new Set(['unknown-method', 'out-of-phase', 'twice', 'foreign-item']);

const cases = Object.entries(FAULTS).flatMap(([fault, expect]) =>
  PHASES.map((phase) => ({ fault, phase, expected: expect(phase) })).filter((c) => c.expected !== 'n/a'),
);
const summary = new Map<string, string>();

async function registerFaulty(manager: SyncManager, fault: string, phase: string): Promise<string> {
  const clsid = randomUUID();
  await manager.registry.register({
    clsid,
    name: 'faulty',
    command: [process.execPath, fixture('fault-handler.js')],
    env: { FAULT: `${fault}:${phase}` },
    events: [],
    startTimeoutSeconds: 2,
    hangTimeoutSeconds: 1,
  });
  return clsid;
}

describe('the fault matrix', () => {
  const manager = managerPerTest();

  afterAll(() => {
    const width = Math.max(...Object.keys(FAULTS).map((f) => f.length));
    const lines = [`fault matrix: ${cases.length} faults × phases`, `${''.padEnd(width)}  ${PHASES.map((p) => p.slice(0, 6).padEnd(6)).join(' ')}`];
    for (const fault of Object.keys(FAULTS)) {
      lines.push(`${fault.padEnd(width)}  ${PHASES.map((p) => (summary.get(`${fault}:${p}`) ?? (FAULTS[fault]!(p) === 'n/a' ? '·' : '✗')).padEnd(6)).join(' ')}`);
    }
    const passed = [...summary.values()].filter((v) => v === '✓').length;
    lines.push(`${passed} of ${cases.length} passing (✓ passing, ✗ failing, · not applicable)`);
    process.stdout.write(`\n${lines.join('\n')}\n`);
  });

  it.each(cases)('$fault during $phase', async ({ fault, phase, expected }) => {
    await registerScripted(manager(), 'healthy', { ITEMS: '3' });
    const clsid = await registerFaulty(manager(), fault, phase);
    const fdsBefore = openFileDescriptors();
    const started = Date.now();

    const session = await manager().createSession({ holdForErrors: phase === 'showError' });
    await session.run();
    const actionable = session.actionableEntries().find((e) => e.clsid === clsid);
    if (phase === 'showError') {
      expect(actionable).toBeDefined();
      await session.showError(clsid, actionable!.entry.errorId);
    }
    const report = await session.close();
    expect(Date.now() - started).toBeLessThan(20_000); // the start, hang and shutdown timeouts bound every case

    const healthy = report.handlers.find((h) => h.name === 'healthy')!;
    expect(healthy.items.map((i) => i.status)).toEqual(['succeeded', 'succeeded', 'succeeded']);
    const faulty = report.handlers.find((h) => h.clsid === clsid)!;
    if (expected === 'absorbed') checkAbsorbed(faulty, fault);
    else checkFailed(faulty, fault, expected as RegExp);
    expect(openFileDescriptors()).toBeLessThanOrEqual(fdsBefore);
    if (fault === 'stderr-flood') expect((await stat(path.join(manager().home.logs, `${clsid}.log`))).size).toBeLessThan(2 * 1024 * 1024);
    summary.set(`${fault}:${phase}`, '✓');
  }, 40_000);
});

function checkFailed(faulty: HandlerReport, fault: string, reason: RegExp): void {
  expect(faulty.result).toBe('failed');
  expect(faulty.reason).toMatch(reason);
  if (['exit', 'kill', 'segv', 'throw'].includes(fault)) expect(faulty.fault?.call?.outcome).toMatch(/did-not-run|may-have-run|ran-without-completing/);
  expect(faulty.items.every((i) => ['succeeded', 'failed'].includes(i.status))).toBe(true);
}

function checkAbsorbed(faulty: HandlerReport, fault: string): void {
  expect(faulty.result).toBe('succeeded');
  expect(faulty.items.map((i) => i.status)).toEqual(['succeeded', 'succeeded']);
  const violations = faulty.log.filter((e) => e.source === 'host' && e.text.startsWith('protocol violation (phase '));
  if (REFUSALS.has(fault)) expect(violations.length).toBeGreaterThan(0);
  else expect(violations).toEqual([]);
}
