import type { Guid } from '../guid.js';
import { defineRequest } from '../method-descriptor.js';
import type { UInt32 } from '../wire-types.js';

/** The protocol version this package speaks; a handler answers with the version it speaks. */
export const PROTOCOL_VERSION = '1.0';

/** What the host offers. Receivers ignore fields they do not know. */
export interface HostCapabilities {
  /** The largest message, in bytes, the host reads (Content-Length). */
  maxMessageBytes: UInt32;
  /** The most reports the host takes in one callback/progressBatch; absent: send callback/progress only. */
  maxProgressBatch?: UInt32;
}

/** What the handler offers. Receivers ignore fields they do not know. */
export interface HandlerCapabilities {
  /** True when the handler implements ISyncMgrEnumItems' Skip, Reset and Clone besides Next. */
  enumeratorNavigation?: boolean;
}

export interface HandshakeParams {
  protocolVersion: string;
  /** The host's process id: a handler exits when this process is gone (its orphan watchdog). */
  hostPid: UInt32;
  hostName: string;
  hostVersion: string;
  /** The class ID the handler was started for, as registered. */
  clsid: Guid;
  capabilities: HostCapabilities;
}

export interface HandshakeResult {
  protocolVersion: string;
  /** A name and version for logs; the display name comes from GetHandlerInfo. */
  handlerName?: string;
  handlerVersion?: string;
  capabilities: HandlerCapabilities;
}

/** Extension. What COM's activation gave for free: the first message, before Initialize. */
export const Handshake = defineRequest<HandshakeParams, HandshakeResult>({
  method: 'syncmgr/handshake',
  direction: 'hostToHandler',
  mirrors: 'extension (COM activation: CoCreateInstance)',
  title: 'the handshake',
  paramsSchema: 'HandshakeParams',
  resultSchema: 'HandshakeResult',
  phases: ['handshake'],
});

export type ShutdownParams = Record<string, unknown>;
export type ShutdownResult = Record<string, unknown>;

/** Extension. The last message (COM's Release): the handler answers, then exits when stdin closes. */
export const Shutdown = defineRequest<ShutdownParams, ShutdownResult>({
  method: 'syncmgr/shutdown',
  direction: 'hostToHandler',
  mirrors: 'extension (COM: IUnknown::Release)',
  title: 'shutdown',
  paramsSchema: 'ShutdownParams',
  resultSchema: 'ShutdownResult',
  phases: ['shutdown'],
});
