import {
  AbstractMessageReader,
  AbstractMessageWriter,
  createMessageConnection,
  type DataCallback,
  type Disposable,
  type Message,
  type MessageConnection,
} from 'vscode-jsonrpc/node';
import WebSocket from 'ws';

/** Close code for a frame that is not one JSON-RPC message as JSON text (RFC 6455: inconsistent data). */
export const CLOSE_INVALID_FRAME = 1007;
/** Close code for a client that does not read what it is sent: its socket would hold ever more bytes. */
export const CLOSE_TOO_SLOW = 1008;

// One JSON-RPC message per text frame: the frame is the message's boundary, so no Content-Length.
class WebSocketReader extends AbstractMessageReader {
  private callback: DataCallback | undefined;
  // Frames that arrive before listen(): attach() listens in the same tick, so this stays tiny.
  private early: Message[] = [];

  constructor(private readonly socket: WebSocket) {
    super();
    socket.on('message', (data, isBinary) => this.receive(data, isBinary));
    socket.on('close', () => this.fireClose());
    socket.on('error', (error) => this.fireError(error));
  }

  listen(callback: DataCallback): Disposable {
    this.callback = callback;
    for (const message of this.early.splice(0)) callback(message);
    return { dispose: () => void (this.callback = undefined) };
  }

  private receive(data: WebSocket.RawData, isBinary: boolean): void {
    const message = isBinary ? undefined : parseMessage(rawText(data));
    if (message === undefined) {
      this.socket.close(CLOSE_INVALID_FRAME, 'one JSON-RPC message per text frame');
      return;
    }
    if (this.callback) this.callback(message);
    else this.early.push(message);
  }
}

class WebSocketWriter extends AbstractMessageWriter {
  constructor(
    private readonly socket: WebSocket,
    private readonly maxBufferedBytes: number,
  ) {
    super();
    socket.on('close', () => this.fireClose());
  }

  write(message: Message): Promise<void> {
    if (this.socket.readyState !== WebSocket.OPEN) return Promise.reject(new Error('the WebSocket is closed'));
    // Bounded in bytes: a reader that stops reading is dropped; it resumes by events/subscribe after.
    if (this.socket.bufferedAmount > this.maxBufferedBytes) {
      this.socket.close(CLOSE_TOO_SLOW, 'too many bytes unread');
      return Promise.reject(new Error('the WebSocket client does not read'));
    }
    return new Promise((resolve, reject) => {
      this.socket.send(JSON.stringify(message), (error) => {
        if (!error) return resolve();
        this.fireError([error, message, undefined]);
        reject(error);
      });
    });
  }

  end(): void {
    this.socket.close();
  }
}

function rawText(data: WebSocket.RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  return Buffer.from(data as ArrayBuffer).toString('utf8');
}

function parseMessage(text: string): Message | undefined {
  try {
    const value: unknown = JSON.parse(text);
    // An object with jsonrpc "2.0": the connection answers a malformed one itself; anything else is noise.
    if (typeof value === 'object' && value !== null && !Array.isArray(value) && (value as { jsonrpc?: unknown }).jsonrpc === '2.0') return value as Message;
  } catch {
    // not JSON
  }
  return undefined;
}

/** A vscode-jsonrpc connection over one WebSocket; it is not listening yet (attach() does that). */
export function webSocketConnection(socket: WebSocket, maxBufferedBytes: number): MessageConnection {
  return createMessageConnection(new WebSocketReader(socket), new WebSocketWriter(socket, maxBufferedBytes));
}
