import { randomUUID } from 'node:crypto';
import type { HandlerReport, SessionReport } from '@syncmgr/host';
import { managerPerTest } from './support/manager-per-test.js';
import { openFileDescriptors } from './support/processes.js';
import { registerScripted } from './support/scripted.js';

// One faulty handler beside a healthy one, for each fault and phase: the faulty one fails with a
// reason naming the cause and the phase, the healthy one finishes every item, and no process is left.
const FAULTS: [fault: string, phase: string, reason: RegExp][] = [
  ['exit', 'initialize', /exited with code 3 during Initialize/],
  ['exit', 'enumeration', /exited with code 3 during item enumeration/],
  ['exit', 'prepare', /exited with code 3 during PrepareForSync/],
  ['exit', 'synchronize', /exited with code 3 during Synchronize/],
  ['exit', 'shutdown', /exited with code 3 during shutdown/],
  ['kill', 'handlerInfo', /killed by SIGKILL during GetHandlerInfo/],
  ['kill', 'synchronize', /killed by SIGKILL during Synchronize/],
  ['crash', 'prepare', /killed by SIGSEGV during PrepareForSync/],
  ['throw', 'synchronize', /exited with code 1 during Synchronize(.|\n)*Error: scripted crash in synchronize/],
  ['hang', 'handshake', /did not answer the handshake within the start timeout of 2 s/],
  ['hang', 'initialize', /hung during Initialize: no message for 1 s.*synchronize\/initialize/],
  ['hang', 'enumeration', /hung during item enumeration/],
  ['never-complete', 'prepare', /hung during PrepareForSync.*PrepareForSyncCompleted/],
  ['never-complete', 'synchronize', /hung during Synchronize.*SynchronizeCompleted/],
  ['garbage', 'handlerInfo', /malformed message during GetHandlerInfo/],
  ['garbage', 'synchronize', /malformed message during Synchronize/],
  ['wrong-shape', 'initialize', /invalid message during Initialize.*hr must be/],
];

const SYNC_PHASES = new Set(['prepare', 'synchronize']);

describe('a faulty handler beside a healthy one', () => {
  const manager = managerPerTest();

  function handler(report: SessionReport, name: string): HandlerReport {
    const found = report.handlers.find((h) => h.name === name);
    if (!found) throw new Error(`no report for ${name}: ${JSON.stringify(report)}`);
    return found;
  }

  it.each(FAULTS)('fails only the handler that does %s during %s, naming the cause', async (fault, phase, reason) => {
    await registerScripted(manager(), 'healthy', { ITEMS: '3' });
    await registerScripted(manager(), 'faulty', { FAULT: `${fault}:${phase}`, ITEMS: '2' }, { hangTimeoutSeconds: 1, startTimeoutSeconds: 2 });
    const fdsBefore = openFileDescriptors();

    const report = await manager().sync();

    const healthy = handler(report, 'healthy');
    expect(healthy.result).toBe('succeeded');
    expect(healthy.items.map((i) => i.status)).toEqual(['succeeded', 'succeeded', 'succeeded']);
    const faulty = handler(report, 'faulty');
    expect(faulty.result).toBe('failed');
    expect(`${faulty.reason}\n${faulty.fault?.stderrTail ?? ''}`).toMatch(reason);
    if (SYNC_PHASES.has(phase)) {
      expect(faulty.items).toHaveLength(2);
      expect(faulty.items.every((i) => i.status === 'failed' && i.text?.startsWith('not finished: '))).toBe(true);
    }
    if (phase === 'shutdown') expect(faulty.items.every((i) => i.status === 'succeeded')).toBe(true);
    expect(openFileDescriptors()).toBeLessThanOrEqual(fdsBefore);
  });

  it('keeps a failure reason short when the handler wrote a huge stderr line, and the tail whole', async () => {
    const script = `process.stderr.write('x'.repeat(50000) + '\\nthe real cause\\n'); process.exit(3);`;
    await manager().registry.register({ clsid: randomUUID(), name: 'noisy', command: [process.execPath, '-e', script], events: [] });
    const [noisy] = (await manager().sync()).handlers;
    expect(noisy!.reason).toMatch(/^the handler exited with code 3 during the handshake.* — stderr: …x{240} \| the real cause$/);
    expect(noisy!.fault?.stderrTail).toContain('x'.repeat(50000));
  });

  it('reports a handler that declines Initialize as declined, not failed', async () => {
    await registerScripted(manager(), 'decliner', { FAULT: 'decline:initialize' });
    const [decliner] = (await manager().sync()).handlers;
    expect(decliner).toMatchObject({ result: 'declined', items: [] });
    expect(decliner?.reason).toMatch(/S_FALSE/);
  });

  it('ends a grandchild that ignores SIGTERM and holds the pipes', async () => {
    await registerScripted(manager(), 'parent', { GRANDCHILD: '1' });
    const [parent] = (await manager().sync()).handlers;
    expect(parent?.result).toBe('succeeded');
    // afterEach asserts that neither the handler nor its grandchild is left
  });
});
