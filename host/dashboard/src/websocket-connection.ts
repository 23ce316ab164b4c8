import { EventNotification } from '@syncmgr/protocol';
import {
  AbstractMessageReader,
  AbstractMessageWriter,
  createMessageConnection,
  type DataCallback,
  type Disposable,
  type Message,
  type MessageConnection,
} from 'vscode-jsonrpc/browser';

// One JSON-RPC message per text frame, as the daemon speaks it (host/src/daemon/websocket-connection.ts):
// the frame is the message's boundary, so no Content-Length headers. The daemon's events/event
// notifications skip vscode-jsonrpc's message queue and go straight to `onEvent`, whose store has
// its own queue: one queue, not two, for a flood of 200,000 events.

export type EventSink = (params: unknown) => void;

class WebSocketReader extends AbstractMessageReader {
  private callback: DataCallback | undefined;
  // Frames that arrive before listen(): the connection listens in the same tick, so this stays tiny.
  private early: Message[] = [];

  constructor(
    socket: WebSocket,
    private readonly onEvent: EventSink,
  ) {
    super();
    socket.addEventListener('message', (event: MessageEvent<unknown>) => this.receive(event.data));
    socket.addEventListener('close', () => this.fireClose());
    socket.addEventListener('error', () => this.fireError(new Error('the WebSocket failed')));
  }

  listen(callback: DataCallback): Disposable {
    this.callback = callback;
    for (const message of this.early.splice(0)) callback(message);
    return { dispose: () => void (this.callback = undefined) };
  }

  private receive(data: unknown): void {
    const message = typeof data === 'string' ? parseMessage(data) : undefined;
    if (message === undefined) return; // not ours to answer: the daemon only sends JSON-RPC text frames
    if (isEvent(message)) return this.onEvent(message.params);
    if (this.callback) this.callback(message);
    else this.early.push(message);
  }
}

class WebSocketWriter extends AbstractMessageWriter {
  constructor(private readonly socket: WebSocket) {
    super();
    socket.addEventListener('close', () => this.fireClose());
  }

  write(message: Message): Promise<void> {
    if (this.socket.readyState !== WebSocket.OPEN) return Promise.reject(new Error('the WebSocket is closed'));
    this.socket.send(JSON.stringify(message));
    return Promise.resolve();
  }

  end(): void {
    this.socket.close();
  }
}

function isEvent(message: Message): message is Message & { params: unknown } {
  const { method, id } = message as { method?: unknown; id?: unknown };
  return method === EventNotification.method && id === undefined;
}

function parseMessage(text: string): Message | undefined {
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value === 'object' && value !== null && !Array.isArray(value) && (value as { jsonrpc?: unknown }).jsonrpc === '2.0') return value as Message;
  } catch {
    // not JSON
  }
  return undefined;
}

/** A vscode-jsonrpc connection over an open WebSocket, whose events go to `onEvent`; call listen() on it. */
export function webSocketConnection(socket: WebSocket, onEvent: EventSink): MessageConnection {
  return createMessageConnection(new WebSocketReader(socket, onEvent), new WebSocketWriter(socket));
}
