// In the library, a handler's `name` is its registered name everywhere (events, reports, the
// session's list, settings instances); `ownName` is what it called itself in GetHandlerInfo.
import { randomUUID } from 'node:crypto';
import type { HandlerRef } from '@syncmgr/host';
import { fixtureCommand } from './support/fixtures.js';
import { managerPerTest } from './support/manager-per-test.js';

describe('handler names in the library', () => {
  const manager = managerPerTest();
  const registerAs = async (name: string, ownName: string) => {
    const clsid = randomUUID();
    const command = fixtureCommand('well-behaved', { items: 1, name: ownName });
    await manager().registry.register({ clsid, name, command, events: [], hangTimeoutSeconds: 5, startTimeoutSeconds: 30 });
    return clsid;
  };

  it('names each handler by its registered name, its own name in ownName once it answered GetHandlerInfo', async () => {
    const clsid = await registerAs('hang-sync', 'faulty');
    const session = await manager().createSession({ handlers: [clsid] });
    expect(session.handlers).toEqual([{ sessionId: session.id, clsid, name: 'hang-sync' }]);
    const phases = new Map<string, HandlerRef>();
    const infos: HandlerRef[] = [];
    session.on('handlerPhase', (handler, phase) => phases.set(phase, handler));
    session.on('handlerInfo', (handler) => infos.push(handler));
    const report = await session.run();

    expect(phases.get('handshake')).toEqual({ sessionId: session.id, clsid, name: 'hang-sync' });
    expect(infos).toEqual([{ sessionId: session.id, clsid, name: 'hang-sync', ownName: 'faulty' }]);
    expect(phases.get('synchronize')).toMatchObject({ name: 'hang-sync', ownName: 'faulty' });
    expect(report.handlers[0]).toMatchObject({ clsid, name: 'hang-sync', ownName: 'faulty', result: 'succeeded' });
    expect(session.handlers[0]).toMatchObject({ name: 'hang-sync', ownName: 'faulty' });
  }, 30_000);

  it('gives settings instances the same names: inspect and doctor', async () => {
    const clsid = await registerAs('hang-sync', 'faulty');
    expect((await manager().inspect(clsid)).report).toMatchObject({ name: 'hang-sync', ownName: 'faulty' });
    const [check] = await manager().doctor(clsid);
    expect(check?.report).toMatchObject({ name: 'hang-sync', result: 'succeeded' });
  }, 30_000);
});
