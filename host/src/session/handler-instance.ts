import { HandlerEnvironment, type HandlerPhase } from '@syncmgr/protocol';
import type { HandlerFault } from '../faults/handler-fault.js';
import type { HostLimits } from '../limits.js';
import { HandlerLog } from '../process/handler-log.js';
import { ensureStateFolder } from '../store/home.js';
import { sweepInstance, type LeftoverProcess } from '../process/leftover-sweep.js';
import { DEFAULT_STOP_LADDER, HandlerProcess, type ExitInfo, type StopLadder } from '../process/handler-process.js';
import { preflight } from '../process/preflight.js';
import type { RegistryEntry } from '../registry/registry-entry.js';
import { HandlerConnection } from '../transport/handler-connection.js';
import type { MessageValidator } from '../transport/message-validator.js';

/** How to start and watch one handler process. */
export interface InstanceOptions {
  sessionId: string;
  entry: RegistryEntry;
  limits: HostLimits;
  validator: MessageValidator;
  logsDir: string;
  stopLadder?: StopLadder;
}

/** What the connection asks of the handler's owner. */
export interface InstanceObserver {
  /** Where the handler is in its life, to say where a fault happened. */
  currentPhase(): HandlerPhase;
  /** A message refused without failing the handler. */
  onViolation(text: string): void;
}

/** One handler process and its connection: spawned, spoken to, and ended with no process left. */
export class HandlerInstance {
  private process: HandlerProcess | undefined;
  private link: HandlerConnection | undefined;
  private log: HandlerLog | undefined;
  // The marker in the environment of the process and of whatever it starts, however far it strays.
  private readonly instanceId = crypto.randomUUID();

  constructor(
    private readonly options: InstanceOptions,
    private readonly observer: InstanceObserver,
  ) {}

  get connection(): HandlerConnection {
    if (!this.link) throw new Error('the handler has not been started');
    return this.link;
  }

  /** The last lines the handler wrote to stderr, for reasons. */
  get stderrTail(): string {
    return this.process?.stderr.lastLines() ?? '';
  }

  /** Checks the command, spawns it and wires the connection, answering callbacks with `answerCallbacks`. */
  async spawn(answerCallbacks: (connection: HandlerConnection) => void): Promise<void> {
    const { entry, sessionId, limits, validator } = this.options;
    await preflight(entry, process.env);
    await ensureStateFolder(this.options.logsDir);
    this.log = await HandlerLog.open(this.options.logsDir, entry.clsid, `session ${sessionId}: ${entry.command.join(' ')}`);
    const environment = {
      [HandlerEnvironment.HOST_PID]: String(process.pid),
      [HandlerEnvironment.CLSID]: entry.clsid,
      [HandlerEnvironment.SESSION_ID]: sessionId,
      [HandlerEnvironment.INSTANCE_ID]: this.instanceId,
    };
    this.process = HandlerProcess.start(entry, environment, this.log, limits.stderrTailBytes, this.instanceId);
    this.link = new HandlerConnection(this.process, {
      limits,
      validator,
      currentPhase: () => this.observer.currentPhase(),
      onViolation: (text) => this.observer.onViolation(text),
    });
    answerCallbacks(this.link);
  }

  /** Ends the process by the ladder (close stdin, SIGTERM, SIGKILL to its group); no process is left. */
  async end(): Promise<ExitInfo | undefined> {
    this.link?.beginClosing();
    const exit = await this.process?.stop(this.options.stopLadder ?? DEFAULT_STOP_LADDER);
    this.link?.dispose();
    await this.log?.close();
    return exit;
  }

  /**
   * After end(): ends what the process left running outside its group (setsid, daemons), and names
   * it: what end() found in its cgroup, and what still carries its instance marker, each process once.
   */
  async endLeftovers(): Promise<LeftoverProcess[]> {
    if (!this.process) return [];
    const leftovers = this.process.escaped.map((p) => ({ ...p }));
    const marked = await sweepInstance(this.instanceId);
    return [...leftovers, ...marked.filter((p) => !leftovers.some((l) => l.pid === p.pid))];
  }

  /** Fails the handler with a fault of the host's making; nothing happens before it started. */
  raise(fault: HandlerFault): void {
    this.link?.raise(fault);
  }

  /** SIGKILL to the process group now. */
  kill(): void {
    this.process?.killNow();
  }
}
