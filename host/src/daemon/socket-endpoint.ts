import { chmod, rm } from 'node:fs/promises';
import net from 'node:net';
import { answersLeaveAtOnce, BatchedMessageWriter } from '@syncmgr/protocol';
import { createMessageConnection, type Message, type MessageConnection } from 'vscode-jsonrpc/node';
import type { HostLimits } from '../limits.js';
import { FramedMessageReader } from '../transport/framed-reader.js';
import { ensureRuntimeFolder } from './runtime-folder.js';

/** What the endpoint does with each connection once it speaks JSON-RPC. */
export type AttachConnection = (connection: MessageConnection) => void;

/**
 * The daemon's Unix socket: owner-only, in an owner-only folder. Each client becomes a JSON-RPC
 * connection framed as PROTOCOL.md §2, read with the size-capped reader: a malformed or oversized
 * frame ends that client only. Call listen() only while holding the daemon lock, since it removes
 * the socket file a dead daemon left.
 */
export class SocketEndpoint {
  private readonly server = net.createServer((socket) => this.accept(socket));
  private readonly sockets = new Set<net.Socket>();

  constructor(
    private readonly socketPath: string,
    private readonly runtimeFolder: string,
    private readonly limits: Pick<HostLimits, 'maxMessageBytes' | 'maxPendingMessages' | 'maxPendingBytes'>,
    private readonly attach: AttachConnection,
  ) {}

  /** Resolves once it listens. */
  async listen(): Promise<void> {
    await ensureRuntimeFolder(this.runtimeFolder);
    await rm(this.socketPath, { force: true }); // a dead daemon's; the lock says none is alive
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      // A restrictive umask while binding: the socket is never reachable by others, not even briefly.
      const umask = process.umask(0o177);
      try {
        this.server.listen(this.socketPath, () => {
          this.server.off('error', reject);
          resolve();
        });
      } finally {
        process.umask(umask);
      }
    });
    await chmod(this.socketPath, 0o600);
  }

  /** Stops listening, ends every client, removes the socket file. */
  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
    await rm(this.socketPath, { force: true });
  }

  private accept(socket: net.Socket): void {
    this.sockets.add(socket);
    socket.on('close', () => this.sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    const reader = new FramedMessageReader(socket, this.limits);
    const connection = createMessageConnection(reader, new BatchedMessageWriter(socket, answersLeaveAtOnce), undefined, {
      messageStrategy: { handleMessage: (message, next) => handled(reader, message, next) },
    });
    // The stream is out of step after a bad frame: this client is done, the others are not.
    reader.onError(() => socket.destroy());
    connection.onClose(() => socket.destroy());
    // dispose() (a subscriber dropped for not reading) leaves the socket open: close it, so the client knows to resume.
    connection.onDispose(() => socket.destroy());
    this.attach(connection);
    connection.listen();
  }
}

// The reader reads on only while few messages are pending: tell it when one is handled.
function handled(reader: FramedMessageReader, message: Message, next: (message: Message) => void | Promise<void>): void | Promise<void> {
  const result = next(message);
  if (result instanceof Promise) return result.finally(() => reader.handled(message));
  reader.handled(message);
  return result;
}
