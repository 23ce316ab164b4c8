import { answersLeaveAtOnce, BatchedMessageWriter } from '@syncmgr/protocol';
import { createMessageConnection, StreamMessageReader, type Logger } from 'vscode-jsonrpc/node';
import { logToStderr } from './diagnostics.js';
import { registerEnumRequests } from './enum-requests.js';
import { HandlerSdkError } from './errors.js';
import type { RunHandlerOptions, SyncHandler, SyncItem } from './handler.js';
import type { ServeHandlerOptions } from './serve-options.js';
import { requiringHandshake } from './handshake-guard.js';
import { registerLifecycleRequests } from './lifecycle-requests.js';
import { HandlerSession } from './session.js';
import { registerSyncRequests } from './sync-requests.js';
import { registerUiRequests } from './ui-requests.js';

export type { ServeHandlerOptions } from './serve-options.js';

/** A handler being served over a pair of streams. */
export interface HandlerConnection {
  /** Resolves when the input closes. */
  readonly closed: Promise<void>;
  /** Stops serving. */
  dispose(): void;
}

const stderrLogger: Logger = {
  error: (message) => logToStderr(message),
  warn: (message) => logToStderr(message),
  info: () => undefined,
  log: () => undefined,
};

/**
 * Serves a handler over any pair of streams, with no process-level side effects: for tests
 * and in-process use. A handler process calls runHandler instead.
 */
export function serveHandler<Item extends SyncItem>(handler: SyncHandler<Item>, options: ServeHandlerOptions): HandlerConnection {
  checkHandler(handler, options);
  const reader = new StreamMessageReader(options.input);
  const writer = new BatchedMessageWriter(options.output, answersLeaveAtOnce);
  const connection = createMessageConnection(reader, writer, stderrLogger);
  const session = new HandlerSession(handler, connection, options);
  const requests = requiringHandshake(connection, session);
  registerLifecycleRequests(requests, session);
  registerEnumRequests(requests, session);
  registerSyncRequests(requests, session);
  registerUiRequests(requests, session);
  const closed = new Promise<void>((resolve) => connection.onClose(() => resolve()));
  connection.listen();
  return { closed, dispose: () => connection.dispose() };
}

function checkHandler<Item extends SyncItem>(handler: SyncHandler<Item>, options: RunHandlerOptions): void {
  if (typeof handler.synchronizeItem !== 'function' && typeof handler.synchronize !== 'function') {
    throw new HandlerSdkError('NO_SYNCHRONIZE', 'a handler needs synchronizeItem or synchronize');
  }
  checkConcurrency('concurrency', options.concurrency);
  checkConcurrency("the handler's concurrency", handler.concurrency);
}

function checkConcurrency(what: string, concurrency: number | undefined): void {
  if (concurrency !== undefined && !(Number.isInteger(concurrency) && concurrency >= 1)) {
    throw new HandlerSdkError('INVALID_OPTIONS', `${what} must be a positive integer, got ${String(concurrency)}`);
  }
}
