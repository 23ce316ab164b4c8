import { normalizeGuid, SyncMgrItemFlags, SyncMgrItemState, SyncMgrLimits, type SyncMgrHandlerInfo, type SyncMgrItem } from '@syncmgr/protocol';
import { HandlerSdkError } from './errors.js';
import type { HandlerInfo, SyncItem } from './handler.js';

/** The wire form of a handler's item; throws INVALID_ITEM for what the host would reject. */
export function toWireItem(item: SyncItem): SyncMgrItem {
  const itemId = checkItemId(item);
  checkName(item.itemName, SyncMgrLimits.MAX_SYNCMGRITEMNAME, 'INVALID_ITEM', `item ${itemId}: itemName`);
  const wire: SyncMgrItem = {
    itemId,
    itemName: item.itemName,
    itemState: checkUInt32(item.itemState ?? SyncMgrItemState.SYNCMGRITEMSTATE_CHECKED, `item ${itemId}: itemState`),
    flags: checkUInt32(item.flags ?? 0, `item ${itemId}: flags`),
  };
  if (item.icon !== undefined) wire.icon = item.icon;
  if (item.lastUpdate !== undefined) {
    wire.lastUpdate = item.lastUpdate instanceof Date ? item.lastUpdate.toISOString() : item.lastUpdate;
    wire.flags = (wire.flags | SyncMgrItemFlags.SYNCMGRITEM_LASTUPDATETIME) >>> 0;
  }
  return wire;
}

/** The wire form of GetHandlerInfo's answer; throws INVALID_HANDLER_INFO for a bad name. */
export function toWireHandlerInfo(info: HandlerInfo): SyncMgrHandlerInfo {
  checkName(info.handlerName, SyncMgrLimits.MAX_SYNCMGRHANDLERNAME, 'INVALID_HANDLER_INFO', 'handlerName');
  const wire: SyncMgrHandlerInfo = { handlerName: info.handlerName, handlerFlags: info.handlerFlags ?? 0 };
  if (!isUInt32(wire.handlerFlags)) {
    throw new HandlerSdkError('INVALID_HANDLER_INFO', `handlerFlags ${String(wire.handlerFlags)} is not a 32-bit unsigned integer`);
  }
  if (info.icon !== undefined) wire.icon = info.icon;
  return wire;
}

function checkItemId(item: SyncItem): string {
  const itemId = typeof item?.itemId === 'string' ? normalizeGuid(item.itemId) : undefined;
  if (!itemId) {
    throw new HandlerSdkError('INVALID_ITEM', `item "${String(item?.itemName)}": itemId ${JSON.stringify(item?.itemId)} is not a GUID`);
  }
  return itemId;
}

function checkName(name: unknown, maxLength: number, code: 'INVALID_ITEM' | 'INVALID_HANDLER_INFO', what: string): void {
  if (typeof name !== 'string' || name.length === 0 || name.length > maxLength) {
    const shown = typeof name === 'string' ? `"${name}" (${name.length} characters)` : String(name);
    throw new HandlerSdkError(code, `${what} must be 1 to ${maxLength} characters, got ${shown}`);
  }
}

function checkUInt32(value: number, what: string): number {
  if (!isUInt32(value)) throw new HandlerSdkError('INVALID_ITEM', `${what} ${String(value)} is not a 32-bit unsigned integer`);
  return value;
}

function isUInt32(value: unknown): value is number {
  return Number.isInteger(value) && (value as number) >= 0 && (value as number) <= 0xffffffff;
}
