import { createRequire } from 'node:module';
import { normalizeGuid, type Guid } from '@syncmgr/protocol';
import type * as Uuid from 'uuid';
import { HandlerSdkError } from './errors.js';

// Loaded on first use, not at start-up: a handler's cold start (B1) should not pay for it before
// the handshake. uuid is ESM-only; require() of an ES module works from Node 20.19.
const require = createRequire(import.meta.url);
let uuidV5: typeof Uuid.v5 | undefined;

/**
 * A GUID derived from a name (UUID v5), so an item keeps its ID across sessions and the host
 * keeps the user's choices for it. namespace is a GUID the handler's author picks once.
 */
export function stableItemId(namespace: Guid, name: string): Guid {
  const canonicalNamespace = normalizeGuid(namespace);
  if (!canonicalNamespace) {
    throw new HandlerSdkError('INVALID_NAMESPACE', `stableItemId: namespace "${namespace}" is not a GUID`);
  }
  uuidV5 ??= (require('uuid') as typeof Uuid).v5;
  return uuidV5(name, canonicalNamespace);
}
