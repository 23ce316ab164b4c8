import { SyncMgrItemFlags, SyncMgrItemState, type Guid, type SyncMgrItem } from '@syncmgr/protocol';
import { ensureHome, type HomePaths } from '../home.js';
import type { SyncEvent } from '../session/sync-event.js';
import { corrupt, readStateFile, withFileLock, writeStateFile } from './state-file.js';

type Choices = Record<Guid, boolean>;

interface ChoicesFile {
  version: 1;
  /** event → class ID → item ID → checked. */
  events: Partial<Record<SyncEvent, Record<Guid, Choices>>>;
}

/** Which items the user checked, per event and handler: what SyncMgr's Choice dialog remembered. */
export class ChoiceStore {
  constructor(private readonly home: HomePaths) {}

  /**
   * Applies the stored choices to an enumeration and returns the checked items. Only the user's own
   * choices are stored (as mobsync's Choice dialog did); an item without one follows its dwItemState.
   * A complete enumeration forgets choices for items it no longer lists, one answered
   * S_SYNCMGR_MISSINGITEMS keeps them; TEMPORARY items' choices are forgotten.
   */
  async reconcile(event: SyncEvent, clsid: Guid, items: readonly SyncMgrItem[], missingItems: boolean): Promise<Set<Guid>> {
    const checked = new Set<Guid>();
    await this.update(event, clsid, (stored) => {
      const next: Choices = missingItems ? { ...stored } : {};
      for (const item of items) {
        const choice = stored[item.itemId];
        if (choice ?? item.itemState === SyncMgrItemState.SYNCMGRITEMSTATE_CHECKED) checked.add(item.itemId);
        if (choice === undefined) continue;
        if (item.flags & SyncMgrItemFlags.SYNCMGRITEM_TEMPORARY) delete next[item.itemId];
        else next[item.itemId] = choice;
      }
      return next;
    });
    return checked;
  }

  /** Records the user's choice for some items. */
  async choose(event: SyncEvent, clsid: Guid, changes: Readonly<Choices>): Promise<void> {
    await this.update(event, clsid, (stored) => ({ ...stored, ...changes }));
  }

  /** Forgets items (deleted through their properties). */
  async forget(clsid: Guid, itemIds: readonly Guid[]): Promise<void> {
    await withFileLock(this.home.choices, async () => {
      const file = await this.read();
      for (const handlers of Object.values(file.events)) {
        for (const id of itemIds) delete handlers?.[clsid]?.[id];
      }
      await writeStateFile(this.home.choices, file);
    });
  }

  private async update(event: SyncEvent, clsid: Guid, change: (stored: Choices) => Choices): Promise<void> {
    await ensureHome(this.home);
    await withFileLock(this.home.choices, async () => {
      const file = await this.read();
      const handlers = (file.events[event] ??= {});
      handlers[clsid] = change(handlers[clsid] ?? {});
      await writeStateFile(this.home.choices, file);
    });
  }

  private async read(): Promise<ChoicesFile> {
    const raw = await readStateFile(this.home.choices);
    if (raw === undefined) return { version: 1, events: {} };
    const file = raw as ChoicesFile;
    if (file.version !== 1 || typeof file.events !== 'object' || file.events === null) {
      throw corrupt(this.home.choices, 'expected {"version": 1, "events": {...}}');
    }
    return file;
  }
}
