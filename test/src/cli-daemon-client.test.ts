// status, sessions and watch as real processes against a stand-in daemon on the home's socket.
import { execa } from 'execa';
import { daemonPaths } from '@syncmgr/host/internal/daemon/daemon-paths.js';
import { resolveHome } from '@syncmgr/host/internal/store/home.js';
import type { DaemonEvent, DaemonStatusResult, SessionSummary } from '@syncmgr/protocol';
import { DaemonStandIn, sessionSummary } from './support/daemon-stand-in.js';
import { cliPath } from './support/paths.js';
import { tempDir } from './support/temp-dir.js';

let home: string;
let removeHome: () => Promise<void>;
let standIn: DaemonStandIn;
const cli = cliPath;
const run = (args: string[]) => execa(process.execPath, [cli, '--home', home, ...args], { reject: false, timeout: 60_000 });

beforeEach(async () => {
  ({ dir: home, remove: removeHome } = await tempDir());
  standIn = new DaemonStandIn(daemonPaths(resolveHome(home)).socket);
});
afterEach(async () => {
  await standIn.close();
  await removeHome();
});

describe('the daemon client commands', () => {
  it('say that no daemon runs, with exit code 4', async () => {
    for (const command of ['status', 'sessions', 'watch']) {
      const result = await run([command, '--json']);
      expect({ command, exitCode: result.exitCode, stdout: result.stdout }).toEqual({ command, exitCode: 4, stdout: '' });
    }
  });

  it('status --json prints the daemon/status answer', async () => {
    standIn.sessions.push(sessionSummary('s-run', 'running'), sessionSummary('s-wait', 'queued'));
    await standIn.listen();
    const result = await run(['status', '--json']);
    expect(result.exitCode).toBe(0);
    const status = JSON.parse(result.stdout) as DaemonStatusResult;
    expect(status.pid).toBe(process.pid);
    expect(status.running.map((s) => s.sessionId)).toEqual(['s-run']);
    expect(status.queued.map((s) => s.sessionId)).toEqual(['s-wait']);
    expect(status.quarantined).toEqual([]);
  });

  it('sessions --json prints the sessions', async () => {
    standIn.sessions.push(sessionSummary('s1', 'finished'));
    await standIn.listen();
    const result = await run(['sessions', '--json']);
    expect(result.exitCode).toBe(0);
    expect((JSON.parse(result.stdout) as SessionSummary[]).map((s) => [s.sessionId, s.state])).toEqual([['s1', 'finished']]);
  });

  it('watch --json prints one DaemonEvent per line until SIGINT, which ends it with 0', async () => {
    await standIn.listen();
    const watch = execa(process.execPath, [cli, '--home', home, 'watch', '--json'], { reject: false, timeout: 60_000 });
    await standIn.subscribedTimes(1);
    const lines: DaemonEvent[] = [];
    const three = new Promise<void>((resolve) => {
      let buffered = '';
      watch.stdout.on('data', (chunk: Buffer) => {
        buffered += chunk.toString('utf8');
        const complete = buffered.split('\n');
        buffered = complete.pop()!;
        for (const line of complete) lines.push(JSON.parse(line) as DaemonEvent);
        if (lines.length >= 3) resolve();
      });
    });
    standIn.emit({ kind: 'sessionStarted', session: sessionSummary('s1', 'running') }, 's1');
    standIn.emit({ kind: 'warning', sessionId: 's1', text: 'a warning' }, 's1');
    standIn.emit({ kind: 'sessionFinished', session: { ...sessionSummary('s1', 'finished'), succeeded: true } }, 's1');
    await three;
    watch.kill('SIGINT');
    const result = await watch;
    expect(result.exitCode).toBe(0);
    expect(lines.map((e) => [e.seq, e.sessionId, e.body.kind])).toEqual([
      [1, 's1', 'sessionStarted'],
      [2, 's1', 'warning'],
      [3, 's1', 'sessionFinished'],
    ]);
  });
});
