import { normalizeGuid, type Guid } from '@syncmgr/protocol';
import { v5 as uuidV5 } from 'uuid';
import { HandlerSdkError } from './errors.js';

/**
 * A GUID derived from a name (UUID v5), so an item keeps its ID across sessions and the host
 * keeps the user's choices for it. namespace is a GUID the handler's author picks once.
 */
export function stableItemId(namespace: Guid, name: string): Guid {
  const canonicalNamespace = normalizeGuid(namespace);
  if (!canonicalNamespace) {
    throw new HandlerSdkError('INVALID_NAMESPACE', `stableItemId: namespace "${namespace}" is not a GUID`);
  }
  return uuidV5(name, canonicalNamespace);
}
