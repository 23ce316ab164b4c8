import { HostError } from '../errors.js';
import { DEFAULT_LIMITS } from '../limits.js';
import { sweepOrphans } from '../process/leftover-sweep.js';
import { ensureHome } from '../store/home.js';
import { SyncManager } from '../sync-manager.js';
import { MessageValidator } from '../transport/message-validator.js';
import { HOST_VERSION } from '../version.js';
import type { MessageConnection } from 'vscode-jsonrpc/node';
import type { OpenDashboardParams, OpenDashboardResult } from '@syncmgr/protocol';
import { serveDaemonApi, type ClientAccess, type Triggers } from './daemon-api.js';
import { DaemonLock } from './daemon-lock.js';
import { daemonPaths, type DaemonPaths } from './daemon-paths.js';
import { DaemonPrompts } from './daemon-prompts.js';
import { EventLog } from './event-log.js';
import { Quarantine } from './quarantine.js';
import { SessionJobs } from './session-jobs.js';
import { SessionJournal } from './session-journal.js';
import { SocketEndpoint } from './socket-endpoint.js';

/** Serves one more JSON-RPC connection with the daemon's API: what a WebSocket endpoint calls for each client. */
export type AttachClient = (connection: MessageConnection, access?: ClientAccess) => void;

/** A loopback address the WebSocket endpoint listens on. */
export interface ListenAddress {
  host: string;
  port: number;
}

/** The WebSocket endpoint as the daemon uses it. */
export interface ListeningEndpoint {
  readonly url: string;
  /** A one-time dashboard login URL. */
  mintLoginUrl(): string;
  close(): Promise<void>;
}

/** How a daemon is set up. */
export interface DaemonOptions {
  /** The home it serves; default as SyncManager resolves it. */
  home?: string;
  /** With --listen: where the WebSocket endpoint listens (loopback). */
  listen?: ListenAddress;
  /**
   * Starts the WebSocket endpoint (another part implements it): with --listen once the socket
   * listens, or later on demand (dashboard/open); resolves to its URL (daemon/status shows it), the
   * login URLs it mints, and the close that stop() calls.
   */
  startWebSocket?: (attach: AttachClient, listen: ListenAddress, daemon: Daemon) => Promise<ListeningEndpoint>;
  /** Schedules and trigger/* (another part implements them); created once the jobs exist. */
  createTriggers?: (daemon: Daemon) => Triggers | Promise<Triggers>;
}

/**
 * A daemon for one home: the lock (one per home), the journal of the last one's unfinished
 * sessions, the orphan sweep, the jobs, the event log, the quarantine and the socket. start()
 * resolves once it listens; stop() ends what runs and closes.
 */
export class Daemon {
  readonly manager: SyncManager;
  readonly paths: DaemonPaths;
  readonly events = new EventLog();
  readonly prompts = new DaemonPrompts((body, sessionId) => this.events.add(body, sessionId));
  readonly quarantine: Quarantine;
  readonly journal: SessionJournal;
  readonly jobs: SessionJobs;
  private readonly validator = new MessageValidator();
  private readonly startedAt = new Date().toISOString();
  private lock: DaemonLock | undefined;
  private socket: SocketEndpoint | undefined;
  private webSocket: ListeningEndpoint | undefined;
  private listening: Promise<ListeningEndpoint> | undefined;
  private triggers: Triggers | undefined;
  private releaseOnExit = () => this.lock?.releaseSync();

  constructor(private readonly options: DaemonOptions = {}) {
    this.manager = new SyncManager(options.home ? { home: options.home } : {});
    this.paths = daemonPaths(this.manager.home);
    this.quarantine = new Quarantine(this.paths.quarantine);
    this.journal = new SessionJournal(this.paths.journal);
    this.jobs = new SessionJobs(this.manager, this.journal, this.quarantine, this.prompts);
    this.jobs.on('event', (body, sessionId) => this.events.add(body, sessionId));
  }

  /** Takes the lock (HostError DAEMON_RUNNING when another daemon has it), recovers, sweeps, listens. */
  async start(): Promise<void> {
    await ensureHome(this.manager.home);
    this.lock = await DaemonLock.acquire(this.paths.lock);
    process.once('exit', this.releaseOnExit);
    try {
      // The last daemon's handlers, if it was killed, are orphans now: end them before anything runs.
      await sweepOrphans();
      const interrupted = await this.journal.recover(this.manager.results);
      await this.quarantine.load();
      await this.jobs.load();
      for (const session of interrupted) this.events.add({ kind: 'sessionInterrupted', session }, session.sessionId);
      this.triggers = await this.options.createTriggers?.(this);
      this.socket = new SocketEndpoint(this.paths.socket, this.paths.runtime, DEFAULT_LIMITS, (connection) => this.attach(connection));
      await this.socket.listen();
      if (this.options.listen) await this.listen(this.options.listen);
    } catch (error) {
      await this.stop();
      throw error;
    }
  }

  /**
   * Starts the WebSocket endpoint on that address unless it listens already (then the address is
   * ignored); concurrent calls share one start. HostError USAGE when this daemon has no endpoint.
   */
  async listen(address: ListenAddress): Promise<ListeningEndpoint> {
    const start = this.options.startWebSocket;
    if (!start) throw new HostError('USAGE', 'this daemon cannot listen on a WebSocket');
    this.listening ??= start((connection, access) => this.attach(connection, access), address, this).then(
      (endpoint) => (this.webSocket = endpoint),
      (error: unknown) => {
        this.listening = undefined; // a port in use now may be free on the next try
        throw error;
      },
    );
    return this.listening;
  }

  /** dashboard/open: listens on 127.0.0.1 (that port, or a free one) if it does not, and mints a login URL. */
  async openDashboard(params: OpenDashboardParams): Promise<OpenDashboardResult> {
    const endpoint = await this.listen({ host: '127.0.0.1', port: params.port ?? 0 });
    return { url: endpoint.mintLoginUrl(), webSocket: endpoint.url };
  }

  /** Where it listens. */
  get socketPath(): string {
    return this.paths.socket;
  }

  /** Ends running sessions (cancel), drops queued ones, closes the endpoints, releases the lock. */
  async stop(): Promise<void> {
    await this.listening?.then((endpoint) => endpoint.close()).catch(() => undefined);
    await this.socket?.close().catch(() => undefined);
    await this.jobs.stop();
    this.lock?.releaseSync();
    process.off('exit', this.releaseOnExit);
  }

  /** Serves the API on a connection (the socket's, or the WebSocket endpoint's). */
  attach(connection: MessageConnection, access: ClientAccess = 'full'): void {
    serveDaemonApi(
      connection,
      {
        manager: this.manager,
        jobs: this.jobs,
        events: this.events,
        prompts: this.prompts,
        quarantine: this.quarantine,
        validator: this.validator,
        status: () => ({
          pid: process.pid,
          version: HOST_VERSION,
          home: this.manager.home.root,
          startedAt: this.startedAt,
          socket: this.paths.socket,
          ...(this.webSocket ? { webSocket: this.webSocket.url } : {}),
        }),
        ...(this.triggers ? { triggers: this.triggers } : {}),
        dashboard: { open: (params) => this.openDashboard(params) },
      },
      access,
    );
  }
}
