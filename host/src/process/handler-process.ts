import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import type { Readable, Writable } from 'node:stream';
import { setTimeout as delay } from 'node:timers/promises';
import type { HandlerLog } from './handler-log.js';
import { spawnError, type LaunchSpec } from './preflight.js';
import { StderrTail } from './stderr-tail.js';

/** How a handler process ended. */
export interface ExitInfo {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** Set when the process could not be started at all. */
  spawnError?: string;
}

/** The steps of the kill ladder after the shutdown request, each with its grace period. */
export interface StopLadder {
  afterStdinCloseMs: number;
  afterSigtermMs: number;
}

// SIGKILL cannot be ignored, but delivery takes a moment; zombies keep the group id alive, hence the bound.
const KILL_SETTLE_MS = 500;

export const DEFAULT_STOP_LADDER: StopLadder = { afterStdinCloseMs: 2000, afterSigtermMs: 2000 };

// Every group still running; if the host exits without ending them, they are killed on the way out.
const liveProcesses = new Set<HandlerProcess>();
process.once('exit', () => {
  for (const handler of liveProcesses) handler.killNow();
});

/** One handler child process in its own process group, so its whole tree can be ended. */
export class HandlerProcess {
  readonly stdin: Writable;
  readonly stdout: Readable;
  readonly exited: Promise<ExitInfo>;
  readonly stderr: StderrTail;
  private exitInfo: ExitInfo | undefined;

  private constructor(
    readonly spec: LaunchSpec,
    private readonly child: ChildProcessWithoutNullStreams,
    log: HandlerLog | undefined,
    stderrTailBytes: number,
  ) {
    this.stderr = new StderrTail(stderrTailBytes);
    this.stdin = child.stdin;
    this.stdout = child.stdout;
    this.stdin.on('error', () => undefined); // EPIPE when the handler died: its exit tells the story
    child.stderr.on('data', (chunk: Buffer) => {
      this.stderr.push(chunk);
      log?.write(chunk);
    });
    // Wait for 'exit', not 'close': a grandchild holding the pipes would delay 'close' for ever.
    this.exited = new Promise((resolve) => {
      child.once('exit', (code, signal) => resolve((this.exitInfo = { code, signal })));
      child.once('error', (error) => resolve((this.exitInfo ??= { code: null, signal: null, spawnError: error.message })));
    });
    liveProcesses.add(this);
  }

  /**
   * Starts the process with an argv array (never a shell) in a process group of its own; extraEnv
   * marks it as ours. Node's spawn, not execa: loading execa took ~75 ms, half of a cold session's
   * own cost, and none of its features is used for a process that speaks on its pipes.
   */
  static start(spec: LaunchSpec, extraEnv: Record<string, string>, log?: HandlerLog, stderrTailBytes = 64 * 1024): HandlerProcess {
    const [program, ...args] = spec.command;
    if (!program) throw spawnError(spec, 'the command is empty');
    const child = spawn(program, args, {
      ...(spec.cwd !== undefined ? { cwd: spec.cwd } : {}),
      env: { ...process.env, ...spec.env, ...extraEnv },
      stdio: ['pipe', 'pipe', 'pipe'],
      detached: true,
      windowsHide: true,
    });
    return new HandlerProcess(spec, child, log, stderrTailBytes);
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  get hasExited(): boolean {
    return this.exitInfo !== undefined;
  }

  /** Closes stdin, then SIGTERM, then SIGKILL to the process group, waiting between steps; resolves when none is left. */
  async stop(ladder: StopLadder = DEFAULT_STOP_LADDER): Promise<ExitInfo> {
    this.stdin.end();
    if (!(await this.exitsWithin(ladder.afterStdinCloseMs))) {
      this.signalGroup('SIGTERM');
      if (!(await this.exitsWithin(ladder.afterSigtermMs))) this.signalGroup('SIGKILL');
    }
    const exit = await this.exited;
    await this.endStragglers(ladder.afterSigtermMs);
    this.releasePipes();
    liveProcesses.delete(this);
    return exit;
  }

  /** SIGKILL to the whole group at once, synchronously: for the host's own exit. */
  killNow(): void {
    this.signalGroup('SIGKILL');
  }

  private async exitsWithin(ms: number): Promise<boolean> {
    if (this.hasExited) return true;
    const timer = delay(ms, false, { ref: false });
    return Promise.race([this.exited.then(() => true), timer]);
  }

  // The leader may have exited while children it started live on in its group.
  private async endStragglers(graceMs: number): Promise<void> {
    if (!this.groupAlive()) return;
    this.signalGroup('SIGTERM');
    await this.groupGoneWithin(graceMs);
    if (this.groupAlive()) {
      this.signalGroup('SIGKILL');
      await this.groupGoneWithin(KILL_SETTLE_MS);
    }
  }

  private async groupGoneWithin(ms: number): Promise<void> {
    for (let waited = 0; waited < ms && this.groupAlive(); waited += 50) await delay(50);
  }

  private groupAlive(): boolean {
    return this.pid !== undefined && this.signalGroup(0);
  }

  private signalGroup(signal: NodeJS.Signals | 0): boolean {
    if (this.pid === undefined) return false;
    try {
      process.kill(-this.pid, signal);
      return true;
    } catch {
      return false;
    }
  }

  private releasePipes(): void {
    this.stdout.destroy();
    this.child.stderr?.destroy();
    this.stdin.destroy();
  }
}
