// `syncmgr sync` when a daemon runs for the home: it asks the daemon, follows the session's events
// and prints the daemon's report with the in-process sync's exit codes (against a stand-in daemon).
import { daemonPaths } from '@syncmgr/host/internal/daemon/daemon-paths.js';
import { resolveHome } from '@syncmgr/host/internal/store/home.js';
import type { HandlerRef, SessionReport } from '@syncmgr/protocol';
import { DaemonStandIn } from './support/daemon-stand-in.js';
import { runCli } from './support/cli.js';
import { tempDir } from './support/temp-dir.js';

let home: string;
let removeHome: () => Promise<void>;
let standIn: DaemonStandIn;
const CLSID = '6a1d0c5e-3f42-4e0b-9d55-0c7b1a2e9f10';

beforeEach(async () => {
  ({ dir: home, remove: removeHome } = await tempDir());
  standIn = new DaemonStandIn(daemonPaths(resolveHome(home)).socket);
  await standIn.listen();
});
afterEach(async () => {
  await standIn.close();
  await removeHome();
});

function finish(sessionId: string, status: 'succeeded' | 'failed'): void {
  const report: SessionReport = {
    sessionId,
    event: 'invoke',
    startedAt: new Date().toISOString(),
    finishedAt: new Date().toISOString(),
    handlers: [{ clsid: CLSID, name: 'Stand-in', result: 'succeeded', items: [{ itemId: CLSID, name: 'notes', status }], log: [] }],
  };
  standIn.reports.set(sessionId, report);
  const session = standIn.sessions.find((s) => s.sessionId === sessionId)!;
  Object.assign(session, { state: 'finished', succeeded: status === 'succeeded' });
  standIn.emit({ kind: 'sessionFinished', session }, sessionId);
}

const handler = (sessionId: string): HandlerRef => ({ sessionId, clsid: CLSID, name: 'Stand-in' });

describe('sync through the daemon', () => {
  it('prints the daemon report with --json and exits 0 when every item succeeded', async () => {
    standIn.onInvoke = (sessionId) => {
      standIn.emit({ kind: 'itemProgress', handler: handler(sessionId), item: { itemId: CLSID, name: 'notes', status: 'succeeded' } }, sessionId);
      finish(sessionId, 'succeeded');
    };
    const result = await runCli(home, ['sync', '--json']);
    expect(result.exitCode).toBe(0);
    expect((JSON.parse(result.stdout) as SessionReport).sessionId).toBe('d1');
  });

  it('exits 1 when an item failed, as the in-process sync does', async () => {
    standIn.onInvoke = (sessionId) => finish(sessionId, 'failed');
    const result = await runCli(home, ['sync', '--handler', CLSID]);
    expect(result.exitCode).toBe(1);
  });

  it('refuses a prompt when there is no terminal to ask on', async () => {
    standIn.onInvoke = (sessionId) =>
      standIn.emit({ kind: 'prompt', handler: handler(sessionId), promptId: 'p1', prompt: { title: 'Log on', fields: [] } }, sessionId);
    standIn.onAnswer = (answer) => finish(answer.sessionId, 'succeeded');
    const result = await runCli(home, ['sync', '--json']);
    expect(result.exitCode).toBe(0);
    expect(standIn.answers).toEqual([{ sessionId: 'd1', promptId: 'p1' }]);
  });

  it('refuses options the daemon cannot carry (2), and --local runs in-process', async () => {
    expect((await runCli(home, ['sync', '--item', CLSID])).exitCode).toBe(2);
    const local = await runCli(home, ['sync', '--local', '--json']);
    expect(local.exitCode).toBe(0);
    expect(standIn.sessions).toEqual([]);
  });
});
