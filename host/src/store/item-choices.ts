import { SyncMgrItemFlags, SyncMgrItemState, type Guid, type SyncMgrItem } from '@syncmgr/protocol';

/** item ID → checked: the user's own choices for one handler and event. */
export type Choices = Record<Guid, boolean>;

/**
 * The user's choices for one handler and event, applied to items one at a time as they are listed.
 * It remembers only the listed items that have a choice, so a million items cost nothing here.
 */
export class ItemChoices {
  /** Listed items with a stored choice → whether the item is TEMPORARY. */
  private readonly listed = new Map<Guid, boolean>();

  /**
   * Most handlers have no stored choice at all: then no item needs looking up, and a listing has
   * nothing to settle (reconciled() would return the current choices as they are).
   */
  readonly anyStored: boolean;

  constructor(readonly stored: Readonly<Choices>) {
    this.anyStored = Object.keys(stored).length > 0;
  }

  /** Whether the item is checked: the user's choice, else the handler's dwItemState. */
  isChecked(item: SyncMgrItem): boolean {
    const choice = this.anyStored ? storedChoice(this.stored, item.itemId) : undefined;
    if (choice === undefined) return item.itemState === SyncMgrItemState.SYNCMGRITEMSTATE_CHECKED;
    this.listed.set(item.itemId, (item.flags & SyncMgrItemFlags.SYNCMGRITEM_TEMPORARY) !== 0);
    return choice;
  }

  /**
   * The choices to keep once the listing is over, given those stored now (another client may have
   * chosen meanwhile: what changed since they were read is kept). A complete listing drops the
   * choices for items it no longer lists; one answered S_SYNCMGR_MISSINGITEMS keeps them. Choices
   * for TEMPORARY items are dropped.
   */
  reconciled(current: Readonly<Choices>, missingItems: boolean): Choices {
    const next = Object.create(null) as Choices; // the file is user-editable: an ID "__proto__" stays data
    for (const [id, choice] of Object.entries(current)) {
      const temporary = this.listed.get(id);
      const changedMeanwhile = storedChoice(this.stored, id) !== choice;
      if (temporary === true) continue;
      if (temporary === false || changedMeanwhile || missingItems) next[id] = choice;
    }
    return next;
  }
}

function storedChoice(choices: Readonly<Choices>, itemId: Guid): boolean | undefined {
  return Object.hasOwn(choices, itemId) ? choices[itemId] : undefined;
}
