import type { HandshakeParams } from '@syncmgr/protocol';
import type { RunHandlerOptions } from './handler.js';

/** Options of serveHandler: runHandler's, plus the streams and process-level observers. */
export interface ServeHandlerOptions extends RunHandlerOptions {
  /** Where the host's messages come from (a handler process's stdin). */
  input: NodeJS.ReadableStream;
  /** Where the handler's messages go (a handler process's stdout). */
  output: NodeJS.WritableStream;
  /** Called with the handshake's params; runHandler watches their hostPid. */
  onHandshake?(params: HandshakeParams): void;
  /** Called once syncmgr/shutdown has been received. */
  onShutdown?(): void;
}

/** What the session needs of serveHandler's options: everything but the streams. */
export type SessionOptions = Omit<ServeHandlerOptions, 'input' | 'output'>;
