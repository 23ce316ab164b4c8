/**
 * JSON-RPC error codes. SyncMgr's own HRESULTs travel in results (`{hr}`); an error response
 * means the message itself was refused. Ours sit in -32050..-32059, clear of vscode-jsonrpc's.
 */
export const SyncMgrErrorCodes = {
  /** JSON-RPC standard: the params did not match the method's schema. */
  InvalidParams: -32602,
  /** JSON-RPC standard: no such method. */
  MethodNotFound: -32601,
  /** A callback arrived outside the phase that allows it (e.g. Progress before PrepareForSync). */
  OutOfPhase: -32050,
  /** A callback named an item that is not part of this handler's session. */
  UnknownItem: -32051,
  /** An enumerator id the handler does not know (released or never issued). */
  UnknownEnumerator: -32052,
  /** A request arrived before the handshake. */
  NotHandshaken: -32053,
  /** The host is shutting the handler down and takes no more callbacks. */
  ShuttingDown: -32054,
  /** A daemon request named a session (or a prompt of one) that the daemon does not know. */
  UnknownSession: -32055,
  /** A dashboard connection made a call that is not readsOnly without having presented its CSRF token (§5.7). */
  CsrfRequired: -32056,
} as const;
export type SyncMgrErrorCode = (typeof SyncMgrErrorCodes)[keyof typeof SyncMgrErrorCodes];
