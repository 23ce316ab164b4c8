import { execa } from 'execa';
import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import { EventNotification, type DaemonEvent } from '@syncmgr/protocol';
import { SyncManager, type RegisterEvent } from '@syncmgr/host';
import { cliPath, fixture } from './paths.js';
import { tempDir } from './temp-dir.js';

/** A `syncmgr daemon` process started by a test. */
export interface DaemonProcess {
  pid: number;
  socket: string;
  child: ChildProcess;
  /** Resolves with its exit code (null when a signal ended it) and everything it wrote to stderr. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>;
}

/** The daemon's environment: no XDG_RUNTIME_DIR, so that its socket is under the test's home. */
function daemonEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  delete env['XDG_RUNTIME_DIR'];
  return env;
}

/** Spawns `syncmgr --home HOME daemon [ARGS]` (no shell); resolves once it prints where it listens, rejects if it exits first. */
export function spawnDaemon(home: string, args: readonly string[] = []): { started: Promise<DaemonProcess>; exited: DaemonProcess['exited'] } {
  const child = spawn(process.execPath, [cliPath, '--home', home, 'daemon', ...args], { env: daemonEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>((resolve) =>
    // 'close': after the exit and the end of its output, so stderr is whole.
    child.on('close', (code, signal) => resolve({ code, signal, stderr })),
  );
  const started = new Promise<DaemonProcess>((resolve, reject) => {
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      out += chunk;
      const match = /syncmgr daemon listening on (.+)\n/.exec(out);
      if (match?.[1]) resolve({ pid: child.pid ?? 0, socket: match[1], child, exited });
    });
    void exited.then(({ code, signal, stderr: text }) => reject(new Error(`the daemon exited (${code ?? signal}) before it listened: ${text}`)));
  });
  started.catch(() => undefined); // a caller awaiting only exited (a refused daemon) must not see it as unhandled
  return { started, exited };
}

export async function startDaemon(home: string, args: readonly string[] = []): Promise<DaemonProcess> {
  return spawnDaemon(home, args).started;
}

/** Stops a daemon with SIGTERM and waits for it to exit. */
export async function stopDaemon(daemon: DaemonProcess): Promise<void> {
  if (daemon.child.exitCode === null && daemon.child.signalCode === null) daemon.child.kill('SIGTERM');
  await daemon.exited;
}

/** A JSON-RPC client of the daemon's socket, as an application would be. */
export async function connectClient(socketPath: string): Promise<{ connection: MessageConnection; socket: net.Socket }> {
  const socket = net.connect(socketPath);
  await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));
  const connection = createMessageConnection(new StreamMessageReader(socket), new StreamMessageWriter(socket));
  connection.listen();
  return { connection, socket };
}

/** The events/event notifications a connection receives, and a way to wait for one. */
export class EventCollector {
  readonly events: DaemonEvent[] = [];
  private waiters: { test: (event: DaemonEvent) => boolean; resolve: (event: DaemonEvent) => void }[] = [];

  /** Collects the connection's events/event notifications; without one, what add() is given. */
  constructor(connection?: MessageConnection) {
    connection?.onNotification(EventNotification.type, (event) => this.add(event));
  }

  add(event: DaemonEvent): void {
    this.events.push(event);
    this.waiters = this.waiters.filter((waiter) => !(waiter.test(event) && (waiter.resolve(event), true)));
  }

  /** Resolves with the first event, received or to come, that passes the test. */
  next(test: (event: DaemonEvent) => boolean): Promise<DaemonEvent> {
    const seen = this.events.find(test);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve) => this.waiters.push({ test, resolve }));
  }

  /** Resolves once that session's sessionFinished event arrived. */
  finished(sessionId: string): Promise<DaemonEvent> {
    return this.next((event) => event.body.kind === 'sessionFinished' && event.sessionId === sessionId);
  }
}

/** Registers test/fixtures/slow-sdk-handler.ts (items of `ticks` × 100 ms, honouring skip and cancel); returns its class ID. */
export async function registerSlowHandler(manager: SyncManager, ticks: number, events: RegisterEvent[] = []): Promise<string> {
  const clsid = crypto.randomUUID();
  await manager.registry.register({ clsid, name: 'slow', command: [process.execPath, fixture('slow-sdk-handler.js'), '--ticks', String(ticks)], events });
  return clsid;
}

/** Runs `syncmgr --home HOME …` as a client of that home's daemon, in the daemon's environment; never throws on a non-zero exit. */
export async function runDaemonCli(home: string, args: readonly string[]) {
  const result = await execa(process.execPath, [cliPath, '--home', home, ...args], { reject: false, extendEnv: false, env: daemonEnv(), timeout: 60_000 });
  return { exitCode: result.exitCode, stdout: String(result.stdout), stderr: String(result.stderr) };
}

/** Each test gets a fresh home, a SyncManager on it and a daemon serving it, stopped and removed after the test. */
export function daemonPerTest(): { home: () => string; manager: () => SyncManager; daemon: () => DaemonProcess } {
  let home: { dir: string; remove: () => Promise<void> } | undefined;
  let manager: SyncManager | undefined;
  let daemon: DaemonProcess | undefined;
  beforeEach(async () => {
    home = await tempDir();
    manager = new SyncManager({ home: home.dir });
    daemon = await startDaemon(home.dir);
  });
  afterEach(async () => {
    if (daemon) await stopDaemon(daemon);
    await home?.remove();
  });
  return { home: () => home!.dir, manager: () => manager!, daemon: () => daemon! };
}
