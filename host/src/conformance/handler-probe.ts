import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import type { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { setTimeout as delay } from 'node:timers/promises';
import { HandlerEnvironment } from '@syncmgr/protocol';
import { SUPERVISOR_PID } from '../process/leftover-sweep.js';
import { findProcesses, isRunning, type FoundProcess } from '../process/proc-scan.js';
import { FrameScanner, type ScannedOutput } from './frame-scanner.js';

/** The class ID the kit starts every handler as; a handler must not depend on which it is. */
export const CONFORMANCE_CLSID = 'c0f0a11e-5c3e-4b1d-9a7e-000000000001';

const STAND_IN = fileURLToPath(new URL('./parent-stand-in.js', import.meta.url));
const STDERR_TAIL_BYTES = 64 * 1024;
const EXIT_POLL_MS = 50;
const OUTPUT_GRACE_MS = 2000;

// Every probe still running; a kit that exits (Ctrl-C included: the command exits on it) ends them.
const liveProbes = new Set<HandlerProbe>();
process.once('exit', () => {
  for (const probe of liveProbes) probe.killNow();
});

/**
 * One handler process started for a check, as the host starts it: an argv array (never a shell),
 * its own process group, the host's environment variables. Its stdout is scanned, never trusted;
 * its stderr is drained so a chatty handler never blocks.
 */
export class HandlerProbe {
  readonly instanceId = randomUUID();
  private readonly child: ChildProcess;
  private readonly input: Writable | null;
  private readonly scanner: FrameScanner;
  private readonly listeners: ((output: ScannedOutput) => void)[] = [];
  private stderrTail = Buffer.alloc(0);
  private exitedFlag = false;
  /** The pid given to the handler as its host's (SYNCMGR_HOST_PID, hostPid). */
  readonly hostPid: number;
  /** The handler's own pid, once known. */
  readonly pid: Promise<number | undefined>;
  /** Resolves when the handler process is gone. */
  readonly exited: Promise<void>;
  /** Resolves when its stdout closed and everything written there was scanned. */
  readonly outputEnded: Promise<void>;

  private constructor(argv: readonly string[], viaStandIn: boolean) {
    const [program, ...args] = viaStandIn ? [process.execPath, STAND_IN, JSON.stringify(argv)] : argv;
    this.child = spawn(program ?? '', args, {
      env: { ...process.env, ...this.environment() },
      stdio: viaStandIn ? ['ignore', 'pipe', 'pipe', 'pipe', 'pipe'] : ['pipe', 'pipe', 'pipe'],
      detached: true,
    });
    this.hostPid = viaStandIn ? (this.child.pid ?? 0) : process.pid;
    this.pid = viaStandIn ? this.reportedPid() : Promise.resolve(this.child.pid);
    // Through a stand-in the handler's stdin is the stand-in's fd 4 (see parent-stand-in.ts).
    this.input = (viaStandIn ? this.child.stdio[4] : this.child.stdin) as Writable | null;
    this.input?.on('error', () => undefined); // EPIPE once the handler died: its exit says so
    this.scanner = new FrameScanner((output) => this.listeners.forEach((listener) => listener(output)));
    this.child.stdout?.on('data', (chunk: Buffer) => this.scanner.push(chunk));
    this.child.stderr?.on('data', (chunk: Buffer) => this.keepStderr(chunk));
    // Output still in the pipe is read after the exit: the scan ends with the stream, not the process.
    this.outputEnded = new Promise<void>((resolve) => this.child.stdout?.once('close', resolve)).then(() => this.scanner.end());
    this.exited = (viaStandIn ? this.handlerGone() : this.childExit()).then(() => void (this.exitedFlag = true));
    liveProbes.add(this);
  }

  /** Starts the handler as the host's child, or (viaStandIn) as the child of a host the kit can kill. */
  static start(argv: readonly string[], viaStandIn = false): HandlerProbe {
    return new HandlerProbe(argv, viaStandIn);
  }

  onOutput(listener: (output: ScannedOutput) => void): void {
    this.listeners.push(listener);
  }

  get hasExited(): boolean {
    return this.exitedFlag;
  }

  /** The last 64 KiB of what the handler wrote to stderr. */
  get stderr(): string {
    return this.stderrTail.toString('utf8');
  }

  write(bytes: Buffer | string): void {
    if (!this.input?.writable) return;
    this.input.write(bytes);
  }

  closeStdin(): void {
    this.input?.end();
  }

  /** True when the handler exited within the time. */
  async exitsWithin(ms: number): Promise<boolean> {
    return Promise.race([this.exited.then(() => true), delay(ms, false, { ref: false })]);
  }

  /** Kills the stand-in host, leaving the handler orphaned with its pipes open. */
  killHost(): void {
    if (this.hostPid !== process.pid) process.kill(this.hostPid, 'SIGKILL');
  }

  /** The processes still running with this handler's instance marker (Linux; none elsewhere). */
  async leftovers(): Promise<FoundProcess[]> {
    return findProcesses((environment) => environment.get(HandlerEnvironment.INSTANCE_ID) === this.instanceId);
  }

  /** SIGKILL to its process group at once, synchronously: for the kit's own exit. */
  killNow(): void {
    if (this.child.pid !== undefined) signalGroup(this.child.pid);
  }

  /** Ends the handler's process group (not what left it); resolves when the handler is gone. */
  async endGroup(): Promise<void> {
    if (this.child.pid !== undefined) signalGroup(this.child.pid);
    const pid = await this.pid;
    if (pid !== undefined && !this.hasExited) signalGroup(pid);
    await this.exited;
  }

  /** Ends the process group and everything carrying the marker; resolves when the handler is gone. */
  async kill(): Promise<void> {
    this.closeStdin();
    await this.endGroup();
    for (const { pid: leftover } of await this.leftovers()) signalProcess(leftover);
    liveProbes.delete(this);
    // What the handler wrote before it died is still read; a pipe some other process holds is not waited for.
    await Promise.race([this.outputEnded, delay(OUTPUT_GRACE_MS, undefined, { ref: false })]);
    this.child.stdout?.destroy();
    this.child.stderr?.destroy();
  }

  private environment(): Record<string, string> {
    return {
      [HandlerEnvironment.HOST_PID]: String(process.pid),
      [HandlerEnvironment.CLSID]: CONFORMANCE_CLSID,
      [HandlerEnvironment.SESSION_ID]: randomUUID(),
      [HandlerEnvironment.INSTANCE_ID]: this.instanceId,
      [SUPERVISOR_PID]: String(process.pid),
    };
  }

  private keepStderr(chunk: Buffer): void {
    const joined = Buffer.concat([this.stderrTail, chunk]);
    this.stderrTail = joined.length > STDERR_TAIL_BYTES ? joined.subarray(joined.length - STDERR_TAIL_BYTES) : joined;
  }

  private childExit(): Promise<void> {
    return new Promise((resolve) => {
      this.child.once('exit', () => resolve());
      this.child.once('error', () => resolve());
    });
  }

  private reportedPid(): Promise<number | undefined> {
    const report = this.child.stdio[3];
    return new Promise((resolve) => {
      let text = '';
      report?.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
      report?.once('close', () => resolve(Number.parseInt(text, 10) || undefined));
      this.child.once('error', () => resolve(undefined));
    });
  }

  // The orphaned handler is nobody's child here, so no exit event comes: its pid tells.
  private async handlerGone(): Promise<void> {
    const pid = await this.pid;
    if (pid === undefined) return;
    while (isRunning(pid)) await delay(EXIT_POLL_MS);
  }
}

function signalGroup(pid: number): void {
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // already gone
  }
}

function signalProcess(pid: number): void {
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    // already gone
  }
}
