import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import type { Readable, Writable } from 'node:stream';
import { setTimeout as delay } from 'node:timers/promises';
import { HandlerCgroup } from './cgroup.js';
import type { HandlerLog } from './handler-log.js';
import { spawnError, type LaunchSpec } from './preflight.js';
import type { FoundProcess } from './proc-scan.js';
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

/**
 * One handler child process in its own process group, and in a cgroup of its own where the host may
 * create one, so its whole tree can be ended.
 */
export class HandlerProcess {
  readonly stdin: Writable;
  readonly stdout: Readable;
  readonly exited: Promise<ExitInfo>;
  readonly stderr: StderrTail;
  private exitInfo: ExitInfo | undefined;
  #escaped: FoundProcess[] = [];
  // The cgroup once the process is in it; undefined when there is none or the kernel refused the move.
  private readonly joined: Promise<HandlerCgroup | undefined>;

  private constructor(
    readonly spec: LaunchSpec,
    private readonly child: ChildProcessWithoutNullStreams,
    log: HandlerLog | undefined,
    stderrTailBytes: number,
    private cgroup: HandlerCgroup | undefined,
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
    this.joined = this.join();
    liveProcesses.add(this);
  }

  /**
   * Starts the process with an argv array (never a shell) in a process group of its own; extraEnv
   * marks it as ours. Node's spawn, not execa: loading execa took ~75 ms, half of a cold session's
   * own cost, and none of its features is used for a process that speaks on its pipes.
   *
   * With `cgroupOf` (the instance id), the process is also moved into a cgroup of its own where the
   * host may create one. Node cannot join a cgroup between fork and exec, so the pid is written to
   * the cgroup as soon as spawn returns, from the thread pool (the kernel's move takes 10-15 ms, and
   * the child runs on during it whoever waits): the program has been exec'd but has barely begun (a
   * Node handler is still loading). A native program that forks in its first milliseconds could
   * have a child escape the cgroup; that child still carries the instance marker, which the marker
   * sweep finds.
   */
  static start(spec: LaunchSpec, extraEnv: Record<string, string>, log?: HandlerLog, stderrTailBytes = 64 * 1024, cgroupOf?: string): HandlerProcess {
    const [program, ...args] = spec.command;
    if (!program) throw spawnError(spec, 'the command is empty');
    const cgroup = cgroupOf === undefined ? undefined : HandlerCgroup.create(cgroupOf);
    let child: ChildProcessWithoutNullStreams;
    try {
      child = spawn(program, args, {
        ...(spec.cwd !== undefined ? { cwd: spec.cwd } : {}),
        env: { ...process.env, ...spec.env, ...extraEnv },
        stdio: ['pipe', 'pipe', 'pipe'],
        detached: true,
        windowsHide: true,
      });
    } catch (error) {
      cgroup?.discard();
      throw error;
    }
    return new HandlerProcess(spec, child, log, stderrTailBytes, cgroup);
  }

  // Not started, or the kernel refused the move: the process group and the marker hold it alone.
  private async join(): Promise<HandlerCgroup | undefined> {
    const cgroup = this.cgroup;
    if (!cgroup) return undefined;
    if (this.pid !== undefined && (await cgroup.joinSoon(this.pid))) return cgroup;
    cgroup.discard();
    this.cgroup = undefined;
    return undefined;
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  get hasExited(): boolean {
    return this.exitInfo !== undefined;
  }

  /**
   * After stop(): the processes its cgroup still held once its process group was gone (they had
   * left the group: setsid, a double-forked daemon), which stop() ended. Empty without a cgroup.
   */
  get escaped(): readonly FoundProcess[] {
    return this.#escaped;
  }

  /**
   * Closes stdin, then SIGTERM, then SIGKILL to the process group, waiting between steps; then ends
   * what is left in its cgroup and removes the cgroup. Resolves when none is left.
   */
  async stop(ladder: StopLadder = DEFAULT_STOP_LADDER): Promise<ExitInfo> {
    this.stdin.end();
    if (!(await this.exitsWithin(ladder.afterStdinCloseMs))) {
      this.signalGroup('SIGTERM');
      if (!(await this.exitsWithin(ladder.afterSigtermMs))) this.signalGroup('SIGKILL');
    }
    const exit = await this.exited;
    await this.endStragglers(ladder.afterSigtermMs);
    const cgroup = await this.joined;
    if (cgroup) this.#escaped = await cgroup.end();
    this.releasePipes();
    liveProcesses.delete(this);
    return exit;
  }

  /** SIGKILL to the whole group and the whole cgroup at once, synchronously: for the host's own exit. */
  killNow(): void {
    this.signalGroup('SIGKILL');
    this.cgroup?.killNow();
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
