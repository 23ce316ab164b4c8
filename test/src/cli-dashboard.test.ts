// `syncmgr dashboard`: against a running daemon it prints a login URL (and the daemon then listens);
// with none it runs one in the foreground until SIGINT.
import { spawn } from 'node:child_process';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { execa } from 'execa';
import { DaemonStatus } from '@syncmgr/protocol';
import { connectClient, runDaemonCli, startDaemon, stopDaemon, type DaemonProcess } from './support/daemon-process.js';
import { ensureDashboardBuild, httpRequest } from './support/dashboard-client.js';
import { managerPerTest } from './support/manager-per-test.js';
import { cliPath } from './support/paths.js';

// Before managerPerTest's hooks, so that the daemon is gone before its home is removed.
let daemon: DaemonProcess | undefined;
afterEach(async () => {
  if (daemon) await stopDaemon(daemon);
  daemon = undefined;
});
const manager = managerPerTest();

beforeAll(ensureDashboardBuild);

const LOGIN_URL = /^http:\/\/127\.0\.0\.1:(\d+)\/\?login=[A-Za-z0-9_-]{43}$/m;

it('prints a login URL of the running daemon, which then listens there', async () => {
  daemon = await startDaemon(manager().home.root);
  const run = await runDaemonCli(manager().home.root, ['dashboard']);
  expect(run.exitCode).toBe(0);
  const url = LOGIN_URL.exec(run.stdout.trim());
  expect(url).not.toBeNull();
  expect(run.stderr).not.toContain('login=');
  const { connection } = await connectClient(daemon.socket);
  const status = await connection.sendRequest(DaemonStatus.type, {});
  connection.dispose();
  expect(new URL(status.webSocket!).port).toBe(url![1]);
  expect((await httpRequest(run.stdout.trim())).status).toBe(303);
});

// `syncmgr --home HOME dashboard --open` with PATH set to `bin` alone, where a fake xdg-open may be.
async function dashboardOpen(bin: string) {
  const env: NodeJS.ProcessEnv = { ...process.env, PATH: bin };
  delete env['XDG_RUNTIME_DIR'];
  const result = await execa(process.execPath, [cliPath, '--home', manager().home.root, 'dashboard', '--open'], {
    reject: false,
    extendEnv: false,
    env,
    timeout: 60_000,
  });
  return { exitCode: result.exitCode, stdout: String(result.stdout).trim(), stderr: String(result.stderr) };
}

it('--open hands the URL to xdg-open, and fails soft without one, never printing the token to stderr', async () => {
  daemon = await startDaemon(manager().home.root);
  const bin = path.join(manager().home.root, 'bin');
  await mkdir(bin);
  const opened = path.join(bin, 'opened');
  await writeFile(path.join(bin, 'xdg-open'), `#!${process.execPath}\nrequire('node:fs').writeFileSync(${JSON.stringify(opened)}, process.argv[2]);\n`);
  await chmod(path.join(bin, 'xdg-open'), 0o755);
  const run = await dashboardOpen(bin);
  expect(run.exitCode).toBe(0);
  expect(await readFile(opened, 'utf8')).toBe(run.stdout);

  const without = await dashboardOpen(path.join(manager().home.root, 'no-bin'));
  expect(without.exitCode).toBe(0);
  expect(without.stdout).toMatch(LOGIN_URL);
  expect(without.stderr.trim().split('\n')).toHaveLength(1);
  expect(without.stderr).not.toContain('login=');
});

it('refuses a port that is not one (exit 2)', async () => {
  const run = await runDaemonCli(manager().home.root, ['dashboard', '--port', 'x']);
  expect(run.exitCode).toBe(2);
});

it('with no daemon, runs one here that serves the URL it prints, until SIGINT (exit 0)', async () => {
  const env = { ...process.env };
  delete env['XDG_RUNTIME_DIR'];
  const child = spawn(process.execPath, [cliPath, '--home', manager().home.root, 'dashboard'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  try {
    const url = await new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
        out += chunk;
        const match = LOGIN_URL.exec(out);
        if (match) resolve(match[0]);
      });
      void exited.then((code) => reject(new Error(`syncmgr dashboard exited (${code}) before it printed a URL`)));
    });
    expect((await httpRequest(url)).status).toBe(303);
    const status = await runDaemonCli(manager().home.root, ['status', '--json']);
    expect(status.exitCode).toBe(0);
    expect(new URL((JSON.parse(status.stdout) as { webSocket: string }).webSocket).port).toBe(new URL(url).port);
  } finally {
    child.kill('SIGINT');
  }
  expect(await exited).toBe(0);
});
