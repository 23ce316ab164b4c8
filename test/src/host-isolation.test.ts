import { randomUUID } from 'node:crypto';
import type { HandlerFault, HandlerReport, SessionReport } from '@syncmgr/host';
import { Initialize } from '@syncmgr/protocol';
import { managerPerTest } from './support/manager-per-test.js';
import { openFileDescriptors } from './support/processes.js';
import { registerFixture } from './support/fixtures.js';

// One misbehaving handler beside a healthy one, for each misbehaviour and phase: the misbehaving one
// fails with the fault's kind in that phase, the healthy one finishes every item, and no process is left.
const FAULTS: [fixture: string, phase: string, fault: Partial<HandlerFault>][] = [
  ['exits-with-code-3', 'initialize', { kind: 'exited', phase: 'initialize', exitCode: 3 }],
  ['exits-with-code-3', 'enumeration', { kind: 'exited', phase: 'enumeration', exitCode: 3 }],
  ['exits-with-code-3', 'prepare', { kind: 'exited', phase: 'prepare', exitCode: 3 }],
  ['exits-with-code-3', 'synchronize', { kind: 'exited', phase: 'synchronize', exitCode: 3 }],
  ['exits-with-code-3', 'shutdown', { kind: 'exited', phase: 'shutdown', exitCode: 3 }],
  ['kills-itself', 'handlerInfo', { kind: 'killed', phase: 'handlerInfo', signal: 'SIGKILL' }],
  ['kills-itself', 'synchronize', { kind: 'killed', phase: 'synchronize', signal: 'SIGKILL' }],
  ['segfaults', 'prepare', { kind: 'killed', phase: 'prepare', signal: 'SIGSEGV' }],
  [
    'throws-uncaught',
    'synchronize',
    { kind: 'exited', phase: 'synchronize', exitCode: 1, stderrTail: expect.stringContaining('Error: throws-uncaught in synchronize') },
  ],
  ['hangs', 'handshake', { kind: 'start-timeout', phase: 'handshake' }],
  ['hangs', 'initialize', { kind: 'hang-timeout', phase: 'initialize', call: { method: Initialize.method, outcome: expect.any(String) } }],
  ['hangs', 'enumeration', { kind: 'hang-timeout', phase: 'enumeration' }],
  ['never-completes', 'prepare', { kind: 'hang-timeout', phase: 'prepare' }],
  ['never-completes', 'synchronize', { kind: 'hang-timeout', phase: 'synchronize' }],
  ['writes-garbage', 'handlerInfo', { kind: 'malformed-message', phase: 'handlerInfo' }],
  ['writes-garbage', 'synchronize', { kind: 'malformed-message', phase: 'synchronize' }],
  ['answers-wrong-shape', 'initialize', { kind: 'invalid-message', phase: 'initialize' }],
];

const SYNC_PHASES = new Set(['prepare', 'synchronize']);

describe('a faulty handler beside a healthy one', () => {
  const manager = managerPerTest();

  function handler(report: SessionReport, name: string): HandlerReport {
    const found = report.handlers.find((h) => h.name === name);
    if (!found) throw new Error(`no report for ${name}: ${JSON.stringify(report)}`);
    return found;
  }

  it.each(FAULTS)('fails only the handler that %s during %s, with that fault', async (fixture, phase, fault) => {
    await registerFixture(manager(), 'well-behaved', { items: 3, name: 'healthy' });
    await registerFixture(manager(), fixture, { in: phase, items: 2, name: 'faulty' }, { hangTimeoutSeconds: 1, startTimeoutSeconds: 2 });
    const fdsBefore = openFileDescriptors();

    const report = await manager().sync();

    const healthy = handler(report, 'healthy');
    expect(healthy.result).toBe('succeeded');
    expect(healthy.items.map((i) => i.status)).toEqual(['succeeded', 'succeeded', 'succeeded']);
    const faulty = handler(report, 'faulty');
    expect(faulty.result).toBe('failed');
    expect(faulty.fault).toMatchObject(fault);
    if (SYNC_PHASES.has(phase)) expect(faulty.items.map((i) => i.status)).toEqual(['failed', 'failed']);
    if (phase === 'shutdown') expect(faulty.items.every((i) => i.status === 'succeeded')).toBe(true);
    expect(openFileDescriptors()).toBeLessThanOrEqual(fdsBefore);
  });

  it('keeps a failure reason short when the handler wrote a huge stderr line, and the tail whole', async () => {
    const script = `process.stderr.write('x'.repeat(50000) + '\\nthe real cause\\n'); process.exit(3);`;
    await manager().registry.register({ clsid: randomUUID(), name: 'noisy', command: [process.execPath, '-e', script], events: [] });
    const [noisy] = (await manager().sync()).handlers;
    expect(noisy!.fault).toMatchObject({ kind: 'exited', phase: 'handshake', exitCode: 3, stderrTail: expect.stringContaining('x'.repeat(50000)) });
    // No field holds the shortened reason; it ends with the line's last 240 characters and the next line.
    expect(noisy!.reason).toMatch(/[^x]x{240} \| the real cause$/);
  });

  it('reports a handler that declines Initialize as declined, not failed', async () => {
    await registerFixture(manager(), 'declines');
    const [decliner] = (await manager().sync()).handlers;
    expect(decliner).toMatchObject({ result: 'declined', items: [] });
    expect(decliner?.fault).toBeUndefined();
  });

  it('ends a grandchild that ignores SIGTERM and holds the pipes', async () => {
    await registerFixture(manager(), 'leaves-grandchild', { in: 'start' });
    const [parent] = (await manager().sync()).handlers;
    expect(parent?.result).toBe('succeeded');
    // afterEach asserts that neither the handler nor its grandchild is left
  });
});
