import { normalizeGuid, type Guid } from '@syncmgr/protocol';
import type * as Uuid from 'uuid';
import { HandlerSdkError } from './errors.js';

// Loaded on first use, not at start-up: a handler's cold start (B1) should not pay for it (nor for
// node:module) before the handshake. uuid is ESM-only; require() of an ES module works from Node 20.19.
let uuidV5: typeof Uuid.v5 | undefined;

function loadUuidV5(): typeof Uuid.v5 {
  const { createRequire } = process.getBuiltinModule('node:module');
  return (createRequire(import.meta.url)('uuid') as typeof Uuid).v5;
}

/**
 * A GUID derived from a name (UUID v5), so an item keeps its ID across sessions and the host
 * keeps the user's choices for it. namespace is a GUID the handler's author picks once.
 */
export function stableItemId(namespace: Guid, name: string): Guid {
  const canonicalNamespace = normalizeGuid(namespace);
  if (!canonicalNamespace) {
    throw new HandlerSdkError('INVALID_NAMESPACE', `stableItemId: namespace "${namespace}" is not a GUID`);
  }
  uuidV5 ??= loadUuidV5();
  return uuidV5(name, canonicalNamespace);
}
