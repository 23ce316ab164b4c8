import {
  GUID_NULL,
  HResult,
  ShowProperties,
  SyncMgrFlag,
  SyncMgrHandlerFlags,
  SyncMgrItemFlags,
  type Guid,
  type SyncMgrHandlerInfo,
} from '@syncmgr/protocol';
import { HostError } from '../errors.js';
import { Deferred } from '../util/deferred.js';
import type { Enumeration } from './enumeration.js';
import { HandlerDriver } from './handler-driver.js';
import type { HandlerReport } from '../report.js';

/** What a settings instance showed: the handler, its items, and after properties the items again. */
export interface SettingsOutcome {
  report: HandlerReport;
  handlerInfo?: SyncMgrHandlerInfo;
  enumeration?: Enumeration;
}

export interface PropertiesOutcome extends SettingsOutcome {
  /** ShowPropertiesCompleted's HRESULT. */
  hr?: number;
  /** The items after re-enumeration, when the handler answered S_SYNCMGR_ENUMITEMS or S_SYNCMGR_ITEMDELETED. */
  reenumerated?: Enumeration;
}

const RE_ENUMERATE = new Set<number>([HResult.S_SYNCMGR_ENUMITEMS, HResult.S_SYNCMGR_ITEMDELETED]);

/** A handler instance created with SYNCMGRFLAG_SETTINGS: enumeration and properties, never a sync. */
export class SettingsRun extends HandlerDriver {
  /** Checks that the handler starts and answers the handshake, then ends it: nothing else is asked. */
  async probe(): Promise<HandlerReport> {
    try {
      await this.start();
      await this.finish();
    } catch (error) {
      await this.abandon(error);
    }
    return this.report();
  }

  /** Handler info and every item. */
  async inspect(): Promise<SettingsOutcome> {
    let enumeration: Enumeration | undefined;
    try {
      if (await this.open()) enumeration = await this.enumerateAll();
      await this.finish();
    } catch (error) {
      await this.abandon(error);
    }
    return this.outcome(enumeration);
  }

  /** ShowProperties for an item, or for the handler (itemId undefined); enumerates again when told to. */
  async showProperties(itemId: Guid | undefined): Promise<PropertiesOutcome> {
    let enumeration: Enumeration | undefined;
    let hr: number | undefined;
    let reenumerated: Enumeration | undefined;
    try {
      if (await this.open()) enumeration = await this.enumerateAll();
      if (enumeration) {
        this.checkHasProperties(itemId, enumeration);
        hr = await this.runShowProperties(itemId ?? GUID_NULL);
        if (hr !== undefined && RE_ENUMERATE.has(hr)) reenumerated = await this.enumerateAll();
      }
      await this.finish();
    } catch (error) {
      if (error instanceof HostError) {
        await this.finish();
        throw error;
      }
      await this.abandon(error);
    }
    return { ...this.outcome(enumeration), ...(hr !== undefined ? { hr } : {}), ...(reenumerated ? { reenumerated } : {}) };
  }

  private async open(): Promise<boolean> {
    await this.start();
    const flags = SyncMgrFlag.SYNCMGRFLAG_MANUAL | SyncMgrFlag.SYNCMGRFLAG_SETTINGS | (this.services.mayBotherUser ? SyncMgrFlag.SYNCMGRFLAG_MAYBOTHERUSER : 0);
    return (await this.initialize(flags)) && (await this.readHandlerInfo());
  }

  private checkHasProperties(itemId: Guid | undefined, enumeration: Enumeration): void {
    if (itemId === undefined) {
      if (!((this.handlerInfo?.handlerFlags ?? 0) & SyncMgrHandlerFlags.SYNCMGRHANDLER_HASPROPERTIES)) {
        throw new HostError('USAGE', `${this.name} has no handler properties (no SYNCMGRHANDLER_HASPROPERTIES)`);
      }
      return;
    }
    const item = enumeration.items.find((i) => i.itemId === itemId);
    if (!item) throw new HostError('USAGE', `${this.name} has no item ${itemId}: see \`syncmgr items ${this.services.entry.clsid}\``);
    if (!(item.flags & SyncMgrItemFlags.SYNCMGRITEM_HASPROPERTIES)) {
      throw new HostError('USAGE', `item "${item.itemName}" of ${this.name} has no properties (no SYNCMGRITEM_HASPROPERTIES)`);
    }
  }

  private runShowProperties(itemId: Guid): Promise<number | undefined> {
    const completion = (this.completions.showProperties = new Deferred<number>());
    return this.runUserInitiated('properties', ShowProperties, { itemId }, completion, () => delete this.completions.showProperties);
  }

  private outcome(enumeration: Enumeration | undefined): SettingsOutcome {
    return { report: this.report(), ...(this.handlerInfo ? { handlerInfo: this.handlerInfo } : {}), ...(enumeration ? { enumeration } : {}) };
  }
}
