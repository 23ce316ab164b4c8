import net from 'node:net';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import { DaemonStatus, EventNotification, Subscribe, type DaemonEvent, type MethodDescriptor } from '@syncmgr/protocol';
import { HostError } from '../errors.js';
import type { DaemonPaths } from '../daemon/daemon-paths.js';

/** What happened to a subscription's stream, for a client that tells its user. */
export type StreamChange =
  /** The daemon went away; the client is trying to reach it again. */
  | 'disconnected'
  /** Back on the same daemon run, after the last event seen: nothing was missed. */
  | 'resumed'
  /** Back on a new daemon run (it restarted): its events are numbered from 1 again. */
  | 'restarted'
  /** Events after the last seen were no longer kept by the daemon: reread sessions/report. */
  | 'gap';

export interface SubscribeOptions {
  onChange?: (change: StreamChange) => void;
  /** Between two attempts to reach a daemon that went away (default 200 ms). */
  retryDelayMs?: number;
}

// Which daemon run a seq belongs to: seq restarts at 1 with every run.
type RunId = string;

interface Opened {
  connection: MessageConnection;
  socket: net.Socket;
  run: RunId;
}

/**
 * A client of the daemon's Unix socket (Content-Length framing, as handlers speak it). Requests are
 * typed by the protocol's descriptors; a subscription survives the daemon going away and coming back.
 * One subscription per client: the daemon sends a connection's events once, whoever asked for them.
 */
export class DaemonClient {
  private connection: MessageConnection;
  private socket: net.Socket;
  private run: RunId;
  private closed = false;
  private reconnecting: Promise<void> | undefined;
  private readonly onLost = new Set<() => void>();

  private constructor(
    private readonly paths: Pick<DaemonPaths, 'socket'>,
    opened: Opened,
  ) {
    this.connection = opened.connection;
    this.socket = opened.socket;
    this.run = opened.run;
    this.watch(opened.connection);
  }

  /** Connects to the home's daemon; undefined when none listens (no socket, or nobody on it). */
  static async connect(paths: Pick<DaemonPaths, 'socket'>): Promise<DaemonClient | undefined> {
    const opened = await open(paths.socket);
    return opened && new DaemonClient(paths, opened);
  }

  /** One request, typed by its descriptor; a refusal rejects with the daemon's ResponseError. */
  request<P, R>(descriptor: MethodDescriptor<P, R>, params: P): Promise<R> {
    if (this.closed) return Promise.reject(new HostError('USAGE', 'the daemon client is closed'));
    // `as never`: with P still generic here, TypeScript cannot pick between the overloads of sendRequest.
    return this.connection.sendRequest(descriptor.type, params as never);
  }

  /**
   * Events after `after` (absent: from now on), each once and in order. When the daemon goes away the
   * client reconnects and resubscribes after the last seq seen; a duplicate (seq not above it) is dropped.
   */
  async subscribe(after: number | undefined, onEvent: (event: DaemonEvent) => void, options: SubscribeOptions = {}): Promise<void> {
    let last = after;
    const deliver = (event: DaemonEvent) => {
      if (last !== undefined && event.seq <= last) return;
      last = event.seq;
      onEvent(event);
    };
    const start = async (from: number | undefined) => {
      this.connection.onNotification(EventNotification.type, deliver);
      const result = await this.connection.sendRequest(Subscribe.type, from === undefined ? {} : { after: from });
      if (!result.complete) options.onChange?.('gap');
      // Without `after` the stream starts after result.last: remember it, so a resume starts there.
      last ??= result.last;
    };
    this.onLost.add(() => {
      options.onChange?.('disconnected');
      void this.reconnect(options.retryDelayMs ?? 200).then(
        (restarted) => {
          if (restarted) last = 0; // a new run numbers from 1: take all it kept
          options.onChange?.(restarted ? 'restarted' : 'resumed');
          return start(last);
        },
        () => undefined, // closed meanwhile
      );
    });
    await start(last);
  }

  /** Ends the connection and any subscription; no reconnect after it. */
  close(): void {
    this.closed = true;
    this.connection.dispose();
    // dispose() leaves the socket open, and an open socket keeps the process alive.
    this.socket.destroy();
  }

  private watch(connection: MessageConnection): void {
    connection.onClose(() => {
      if (this.closed || connection !== this.connection) return;
      for (const lost of this.onLost) lost();
    });
  }

  // Tries until a daemon answers again (or close()); resolves true when it is another run.
  private reconnect(delayMs: number): Promise<boolean> {
    const previous = this.run;
    this.reconnecting ??= (async () => {
      for (;;) {
        if (this.closed) throw new HostError('USAGE', 'the daemon client is closed');
        const opened = await open(this.paths.socket);
        if (opened) {
          this.connection = opened.connection;
          this.socket = opened.socket;
          this.run = opened.run;
          this.watch(opened.connection);
          return;
        }
        await new Promise((resolve) => setTimeout(resolve, delayMs));
      }
    })().finally(() => (this.reconnecting = undefined));
    return this.reconnecting.then(() => this.run !== previous);
  }
}

async function open(socketPath: string): Promise<Opened | undefined> {
  const socket = await new Promise<net.Socket | undefined>((resolve, reject) => {
    const s = net.connect(socketPath);
    s.once('connect', () => resolve(s));
    s.once('error', (error: NodeJS.ErrnoException) => {
      // No socket file (or a path through a file: no folder for one), or a file nobody listens on
      // (a daemon that died): no daemon. The command then says what is wrong with the home itself.
      if (error.code === 'ENOENT' || error.code === 'ENOTDIR' || error.code === 'ECONNREFUSED') resolve(undefined);
      else reject(new HostError('STATE_IO', `cannot connect to the daemon at ${socketPath}: ${error.message}`, { cause: error }));
    });
  });
  if (!socket) return undefined;
  const connection = createMessageConnection(new StreamMessageReader(socket), new StreamMessageWriter(socket));
  connection.listen();
  try {
    const status = await connection.sendRequest(DaemonStatus.type, {});
    return { connection, socket, run: `${status.pid}@${status.startedAt}` };
  } catch {
    // It went away between connect and answer: as if it were not there.
    connection.dispose();
    socket.destroy();
    return undefined;
  }
}
