import type { Guid, SyncMgrItem } from '@syncmgr/protocol';
import { ensureHome, type HomePaths } from './home.js';
import type { SyncEvent } from '../sync-event.js';
import { ItemChoices, type Choices } from './item-choices.js';
import { corrupt, readStateFile, withFileLock, writeStateFile } from './state-file.js';

interface ChoicesFile {
  version: 1;
  /** event → class ID → item ID → checked. */
  events: Partial<Record<SyncEvent, Record<Guid, Choices>>>;
}

/** Which items the user checked, per event and handler: what SyncMgr's Choice dialog remembered. */
export class ChoiceStore {
  constructor(private readonly home: HomePaths) {}

  /**
   * The stored choices of one handler for an event, to apply to its items as they are listed. Only
   * the user's own choices are stored (as mobsync's Choice dialog did); an item without one follows
   * its dwItemState.
   */
  async load(event: SyncEvent, clsid: Guid): Promise<ItemChoices> {
    return new ItemChoices((await this.read()).events[event]?.[clsid] ?? {});
  }

  /**
   * Saves what a finished listing taught (see ItemChoices.reconciled): forgotten items, TEMPORARY
   * ones. With no choice stored when the listing began there is nothing to settle, so the file is
   * neither locked nor written: 64 handlers of one session no longer queue for its lock.
   */
  async settle(event: SyncEvent, clsid: Guid, choices: ItemChoices, missingItems: boolean): Promise<void> {
    if (!choices.anyStored) return;
    await this.update(event, clsid, (current) => choices.reconciled(current, missingItems));
  }

  /** Applies the stored choices to a whole list at once and settles them; returns the checked items. */
  async reconcile(event: SyncEvent, clsid: Guid, items: readonly SyncMgrItem[], missingItems: boolean): Promise<Set<Guid>> {
    const choices = await this.load(event, clsid);
    const checked = new Set(items.filter((item) => choices.isChecked(item)).map((item) => item.itemId));
    await this.settle(event, clsid, choices, missingItems);
    return checked;
  }

  /** Reads the file only to check it, before a session starts anything: HostError STATE_CORRUPT when it is malformed or unsafe. */
  async check(): Promise<void> {
    await this.read();
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
