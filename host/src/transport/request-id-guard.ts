import { Message, type DataCallback, type Disposable, type MessageReader } from 'vscode-jsonrpc/node';

type RequestId = number | string;

/**
 * Stands between the reader and vscode-jsonrpc, which queues requests by id: a second request with
 * an unanswered id would silently replace the first in its queue, so the reader's count of pending
 * messages never fell again and reading stopped for good. The guard drops such a request before
 * the queue and tells its owner, which faults the handler.
 */
export class RequestIdGuard implements MessageReader {
  private readonly unanswered = new Set<RequestId>();

  constructor(
    private readonly reader: MessageReader,
    /** A request reused an unanswered id; it was dropped, so it counts as handled. */
    private readonly onReused: (id: RequestId) => void,
  ) {}

  get onError() {
    return this.reader.onError;
  }

  get onClose() {
    return this.reader.onClose;
  }

  get onPartialMessage() {
    return this.reader.onPartialMessage;
  }

  listen(callback: DataCallback): Disposable {
    return this.reader.listen((message) => {
      const id = requestId(message);
      if (id === undefined) return callback(message);
      if (this.unanswered.has(id)) return this.onReused(id);
      this.unanswered.add(id);
      callback(message);
    });
  }

  /** A message was handled: a request's id is free again once it was answered. */
  handled(message: Message): void {
    const id = requestId(message);
    if (id !== undefined) this.unanswered.delete(id);
  }

  dispose(): void {
    this.reader.dispose();
  }
}

function requestId(message: Message): RequestId | undefined {
  if (!Message.isRequest(message)) return undefined;
  return message.id ?? undefined;
}
