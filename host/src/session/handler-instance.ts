import type { HandlerPhase } from '@syncmgr/protocol';
import {
  HandlerEnvironment,
  Handshake,
  PROTOCOL_VERSION,
  SetProgressCallback,
  Shutdown,
  type MethodDescriptor,
} from '@syncmgr/protocol';
import type { HostLimits } from '../limits.js';
import { HandlerLog } from '../process/handler-log.js';
import { DEFAULT_STOP_LADDER, HandlerProcess, type ExitInfo, type StopLadder } from '../process/handler-process.js';
import { preflight } from '../process/preflight.js';
import type { RegistryEntry } from '../registry/registry-entry.js';
import { HandlerConnection } from '../transport/handler-connection.js';
import type { MessageValidator } from '../transport/message-validator.js';
import { HOST_NAME, HOST_VERSION } from '../version.js';
import { startTimeoutFault } from '../faults/fault-reasons.js';
import type { HandlerFault } from '../faults/handler-fault.js';

/** How to start and watch one handler process. */
export interface InstanceOptions {
  sessionId: string;
  entry: RegistryEntry;
  startTimeoutMs: number;
  hangTimeoutMs: number;
  limits: HostLimits;
  validator: MessageValidator;
  logsDir: string;
  stopLadder?: StopLadder;
  onPhase: (phase: HandlerPhase) => void;
  onViolation: (text: string) => void;
}

const SHUTDOWN_ANSWER_MS = 2000;

/** One handler instance: its process, its connection, its phase; started, spoken to, and ended. */
export class HandlerInstance {
  phase: HandlerPhase = 'start';
  /** SetProgressCallback(true) was sent and (false) not yet. */
  callbackAttached = false;
  private process: HandlerProcess | undefined;
  private link: HandlerConnection | undefined;
  private log: HandlerLog | undefined;

  constructor(private readonly options: InstanceOptions) {}

  get connection(): HandlerConnection {
    if (!this.link) throw new Error('the handler has not been started');
    return this.link;
  }

  setPhase(phase: HandlerPhase): void {
    this.phase = phase;
    this.options.onPhase(phase);
  }

  /** Checks the command, spawns it, wires the connection (answering callbacks) and does the handshake. */
  async start(answerCallbacks: (connection: HandlerConnection) => void): Promise<void> {
    const { entry, sessionId } = this.options;
    this.setPhase('start');
    await preflight(entry, process.env);
    this.log = await HandlerLog.open(this.options.logsDir, entry.clsid, `session ${sessionId}: ${entry.command.join(' ')}`);
    this.process = HandlerProcess.start(
      entry,
      { [HandlerEnvironment.HOST_PID]: String(process.pid), [HandlerEnvironment.CLSID]: entry.clsid, [HandlerEnvironment.SESSION_ID]: sessionId },
      this.log,
      this.options.limits.stderrTailBytes,
    );
    this.link = new HandlerConnection(this.process, {
      limits: this.options.limits,
      validator: this.options.validator,
      currentPhase: () => this.phase,
      onViolation: this.options.onViolation,
    });
    answerCallbacks(this.link);
    await this.handshake();
  }

  call<P, R>(descriptor: MethodDescriptor<P, R>, params: P): Promise<R> {
    return this.connection.request(descriptor, params);
  }

  async attachCallback(enabled: boolean): Promise<void> {
    await this.call(SetProgressCallback, { enabled });
    this.callbackAttached = enabled;
  }

  /** SetProgressCallback(NULL), then the shutdown request; false when it was not answered in time. */
  async shutdown(): Promise<boolean> {
    this.setPhase('shutdown');
    if (this.callbackAttached) await this.attachCallback(false);
    return Promise.race([
      this.call(Shutdown, {}).then(() => true),
      new Promise<false>((resolve) => setTimeout(() => resolve(false), SHUTDOWN_ANSWER_MS).unref()),
    ]);
  }

  /** Ends the process by the ladder (close stdin, SIGTERM, SIGKILL to its group); no process is left. */
  async end(): Promise<ExitInfo | undefined> {
    this.link?.beginClosing();
    const exit = await this.process?.stop(this.options.stopLadder ?? DEFAULT_STOP_LADDER);
    this.link?.dispose();
    await this.log?.close();
    return exit;
  }

  /** Fails the handler with a fault of the host's making; nothing happens before it started. */
  raise(fault: HandlerFault): void {
    this.link?.raise(fault);
  }

  /** SIGKILL to the process group now. */
  kill(): void {
    this.process?.killNow();
  }

  private async handshake(): Promise<void> {
    this.setPhase('handshake');
    const connection = this.connection;
    const { startTimeoutMs, entry } = this.options;
    const timer = setTimeout(() => connection.raise(startTimeoutFault(startTimeoutMs, this.process!.stderr.lastLines())), startTimeoutMs);
    try {
      await connection.request(Handshake, {
        protocolVersion: PROTOCOL_VERSION,
        hostPid: process.pid,
        hostName: HOST_NAME,
        hostVersion: HOST_VERSION,
        clsid: entry.clsid,
        capabilities: { maxMessageBytes: this.options.limits.maxMessageBytes },
      });
    } finally {
      clearTimeout(timer);
    }
    connection.watchForHangs(this.options.hangTimeoutMs);
  }
}
