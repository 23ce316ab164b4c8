import {
  GUID_NULL,
  HResult,
  hresultName,
  ShowProperties,
  SyncMgrFlag,
  SyncMgrHandlerFlags,
  SyncMgrItemFlags,
  type CompletedParams,
  type Guid,
  type SyncMgrHandlerInfo,
} from '@syncmgr/protocol';
import { HostError } from '../errors.js';
import type { HandlerReport } from '../report.js';
import type { Enumeration } from './enumeration.js';
import { createHandlerParts, type HandlerParts, type HandlerServices } from './handler-parts.js';
import { driven, enumerateAll, initialize, readHandlerInfo, shutDown, start } from './handler-steps.js';

/** What a settings instance showed: the handler, its items, and after properties the items again. */
export interface SettingsOutcome {
  /** How the settings instance went: `succeeded`, or `failed` with its fault, or `declined` (Initialize S_FALSE). */
  report: HandlerReport;
  /** GetHandlerInfo's answer; absent when the instance failed before it. */
  handlerInfo?: SyncMgrHandlerInfo;
  /** Every item the handler listed; absent when the enumeration did not complete. */
  enumeration?: Enumeration;
}

export interface PropertiesOutcome extends SettingsOutcome {
  /** ShowPropertiesCompleted's HRESULT. */
  hr?: number;
  /** The items after re-enumeration, when the handler answered S_SYNCMGR_ENUMITEMS or S_SYNCMGR_ITEMDELETED. */
  reenumerated?: Enumeration;
}

const RE_ENUMERATE = new Set<number>([HResult.S_SYNCMGR_ENUMITEMS, HResult.S_SYNCMGR_ITEMDELETED]);
const NEVER_SYNCHRONIZES = () => HResult.S_OK;

/** A handler instance created with SYNCMGRFLAG_SETTINGS: enumeration and properties, never a sync. */
export class HandlerSettings {
  private readonly parts: HandlerParts;

  constructor(services: HandlerServices) {
    this.parts = createHandlerParts(services);
  }

  /** Checks that the handler starts and answers the handshake, then ends it: nothing else is asked. */
  async probe(): Promise<HandlerReport> {
    await driven(this.parts, async () => {
      await start(this.parts, NEVER_SYNCHRONIZES);
      await shutDown(this.parts);
    });
    return this.parts.record.report();
  }

  /** Handshake → Initialize(SETTINGS) → GetHandlerInfo → EnumSyncMgrItems → shutdown: handler info and every item. */
  async inspect(): Promise<SettingsOutcome> {
    let enumeration: Enumeration | undefined;
    await driven(this.parts, async () => {
      if (await this.open()) enumeration = await enumerateAll(this.parts);
      await shutDown(this.parts);
    });
    return this.outcome(enumeration);
  }

  /** … → EnumSyncMgrItems → ShowProperties (an item, or the handler when itemId is undefined) → EnumSyncMgrItems again if told → shutdown. */
  async showProperties(itemId: Guid | undefined): Promise<PropertiesOutcome> {
    const { life } = this.parts;
    let enumeration: Enumeration | undefined;
    let completed: number | undefined;
    let reenumerated: Enumeration | undefined;
    let refusal: HostError | undefined;
    await driven(this.parts, async () => {
      if (await this.open()) enumeration = await enumerateAll(this.parts);
      refusal = enumeration && this.lacksProperties(itemId, enumeration);
      if (enumeration && !refusal) {
        life.enter('properties');
        const shown = await life.callAsync<{ itemId: Guid }, CompletedParams>(ShowProperties, { itemId: itemId ?? GUID_NULL });
        if (shown.completed === undefined) this.parts.record.note('warning', `ShowProperties returned ${hresultName(shown.hr)}`);
        completed = shown.completed?.hr;
        if (completed !== undefined && RE_ENUMERATE.has(completed)) reenumerated = await enumerateAll(this.parts);
      }
      await shutDown(this.parts);
    });
    if (refusal) throw refusal;
    return { ...this.outcome(enumeration), ...(completed !== undefined ? { hr: completed } : {}), ...(reenumerated ? { reenumerated } : {}) };
  }

  private async open(): Promise<boolean> {
    await start(this.parts, NEVER_SYNCHRONIZES);
    const { mayBotherUser } = this.parts.services;
    const flags = SyncMgrFlag.SYNCMGRFLAG_MANUAL | SyncMgrFlag.SYNCMGRFLAG_SETTINGS | (mayBotherUser ? SyncMgrFlag.SYNCMGRFLAG_MAYBOTHERUSER : 0);
    return (await initialize(this.parts, flags)) && (await readHandlerInfo(this.parts));
  }

  // The host asks only for properties the handler says it has (§4.6).
  private lacksProperties(itemId: Guid | undefined, enumeration: Enumeration): HostError | undefined {
    const { record, services } = this.parts;
    if (itemId === undefined) {
      const has = (record.handlerInfo?.handlerFlags ?? 0) & SyncMgrHandlerFlags.SYNCMGRHANDLER_HASPROPERTIES;
      return has ? undefined : new HostError('USAGE', `${record.name} has no handler properties (no SYNCMGRHANDLER_HASPROPERTIES)`);
    }
    const item = enumeration.items.find((i) => i.itemId === itemId);
    if (!item) return new HostError('USAGE', `${record.name} has no item ${itemId}: see \`syncmgr items ${services.entry.clsid}\``);
    if (!(item.flags & SyncMgrItemFlags.SYNCMGRITEM_HASPROPERTIES)) {
      return new HostError('USAGE', `item "${item.itemName}" of ${record.name} has no properties (no SYNCMGRITEM_HASPROPERTIES)`);
    }
    return undefined;
  }

  private outcome(enumeration: Enumeration | undefined): SettingsOutcome {
    const { record } = this.parts;
    return { report: record.report(), ...(record.handlerInfo ? { handlerInfo: record.handlerInfo } : {}), ...(enumeration ? { enumeration } : {}) };
  }
}
