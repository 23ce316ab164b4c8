// ItemTracker: the selected items of one handler, what each last reported, and how the report reads them.
import { SyncMgrItemState, SyncMgrProgressItemMask as Mask, SyncMgrStatus, type SyncMgrItem, type SyncMgrProgressItem } from '@syncmgr/protocol';
import { ItemTracker } from '@syncmgr/host/internal/session/item-tracker.js';
import { truncationMarker } from '@syncmgr/host/internal/util/bounded-text.js';

const ITEM_A = 'aaaaaaaa-0000-0000-0000-000000000001';
const ITEM_B = 'bbbbbbbb-0000-0000-0000-000000000002';
const ITEM_C = 'cccccccc-0000-0000-0000-000000000003';

function item(itemId: string, itemName: string): SyncMgrItem {
  return { itemId, itemName, flags: 0, itemState: SyncMgrItemState.SYNCMGRITEMSTATE_CHECKED };
}

function tracking(...items: SyncMgrItem[]): ItemTracker {
  const tracker = new ItemTracker();
  for (const one of items) tracker.add(one);
  return tracker;
}

const status = (statusType: number, statusText?: string): SyncMgrProgressItem =>
  statusText === undefined
    ? { mask: Mask.SYNCMGRPROGRESSITEM_STATUSTYPE, statusType }
    : { mask: Mask.SYNCMGRPROGRESSITEM_STATUSTYPE | Mask.SYNCMGRPROGRESSITEM_STATUSTEXT, statusType, statusText };

describe('ItemTracker', () => {
  it('starts every selected item pending, and knows their ids, names and count', () => {
    const tracker = tracking(item(ITEM_A, 'Inbox'), item(ITEM_B, 'Calendar'));
    expect(tracker.ids).toEqual([ITEM_A, ITEM_B]);
    expect(tracker.size).toBe(2);
    expect(tracker.has(ITEM_A)).toBe(true);
    expect(tracker.has(ITEM_C)).toBe(false);
    expect(tracker.nameOf(ITEM_B)).toBe('Calendar');
    expect(tracker.nameOf(ITEM_C)).toBe(ITEM_C);
    expect(tracker.applyProgress(ITEM_A, { mask: 0 })).toEqual({ itemId: ITEM_A, name: 'Inbox', status: 'pending' });
    expect(tracker.isFinal(ITEM_A)).toBe(false);
    expect(tracker.isFinal(ITEM_C)).toBe(false);
  });

  it('applies only the fields the mask marks as set', () => {
    const tracker = tracking(item(ITEM_A, 'Inbox'));
    const unmasked = tracker.applyProgress(ITEM_A, {
      mask: 0,
      statusType: SyncMgrStatus.SYNCMGRSTATUS_SUCCEEDED,
      statusText: 'ignored',
      progValue: 5,
      maxValue: 10,
    });
    expect(unmasked).toEqual({ itemId: ITEM_A, name: 'Inbox', status: 'pending' });

    const masked = tracker.applyProgress(ITEM_A, {
      mask: Mask.SYNCMGRPROGRESSITEM_STATUSTYPE | Mask.SYNCMGRPROGRESSITEM_STATUSTEXT | Mask.SYNCMGRPROGRESSITEM_PROGVALUE | Mask.SYNCMGRPROGRESSITEM_MAXVALUE,
      statusType: SyncMgrStatus.SYNCMGRSTATUS_UPDATING,
      statusText: 'copying',
      progValue: 5,
      maxValue: 10,
    });
    expect(masked).toEqual({ itemId: ITEM_A, name: 'Inbox', status: 'updating', text: 'copying', progValue: 5, maxValue: 10 });
  });

  it('keeps earlier fields a later report does not set, and ignores a masked field that is absent', () => {
    const tracker = tracking(item(ITEM_A, 'Inbox'));
    tracker.applyProgress(ITEM_A, { mask: Mask.SYNCMGRPROGRESSITEM_PROGVALUE | Mask.SYNCMGRPROGRESSITEM_STATUSTEXT, progValue: 3, statusText: 'three' });
    const state = tracker.applyProgress(ITEM_A, {
      mask: Mask.SYNCMGRPROGRESSITEM_PROGVALUE | Mask.SYNCMGRPROGRESSITEM_STATUSTEXT | Mask.SYNCMGRPROGRESSITEM_STATUSTYPE,
      progValue: 4,
    });
    expect(state).toEqual({ itemId: ITEM_A, name: 'Inbox', status: 'pending', text: 'three', progValue: 4 });
  });

  it('keeps the status when the handler reports a value mobsync.h does not define', () => {
    const tracker = tracking(item(ITEM_A, 'Inbox'));
    tracker.applyProgress(ITEM_A, status(SyncMgrStatus.SYNCMGRSTATUS_UPDATING));
    expect(tracker.applyProgress(ITEM_A, status(0x7777)).status).toBe('updating');
  });

  it.each([
    ['succeeded', SyncMgrStatus.SYNCMGRSTATUS_SUCCEEDED],
    ['failed', SyncMgrStatus.SYNCMGRSTATUS_FAILED],
    ['skipped', SyncMgrStatus.SYNCMGRSTATUS_SKIPPED],
    ['stopped', SyncMgrStatus.SYNCMGRSTATUS_STOPPED],
  ] as const)('treats %s as final', (name, value) => {
    const tracker = tracking(item(ITEM_A, 'Inbox'));
    expect(tracker.applyProgress(ITEM_A, status(value)).status).toBe(name);
    expect(tracker.isFinal(ITEM_A)).toBe(true);
  });

  it.each([
    ['updating', SyncMgrStatus.SYNCMGRSTATUS_UPDATING],
    ['updatingIndeterminate', SyncMgrStatus.SYNCMGRSTATUS_UPDATING_INDETERMINATE],
    ['paused', SyncMgrStatus.SYNCMGRSTATUS_PAUSED],
    ['resuming', SyncMgrStatus.SYNCMGRSTATUS_RESUMING],
    ['pending', SyncMgrStatus.SYNCMGRSTATUS_PENDING],
    ['deleted', SyncMgrStatus.SYNCMGRSTATUS_DELETED],
  ] as const)('does not treat %s as final', (name, value) => {
    const tracker = tracking(item(ITEM_A, 'Inbox'));
    expect(tracker.applyProgress(ITEM_A, status(value)).status).toBe(name);
    expect(tracker.isFinal(ITEM_A)).toBe(false);
  });

  it.each([
    ['succeeded', SyncMgrStatus.SYNCMGRSTATUS_SUCCEEDED],
    ['skipped', SyncMgrStatus.SYNCMGRSTATUS_SKIPPED],
    ['stopped', SyncMgrStatus.SYNCMGRSTATUS_STOPPED],
  ] as const)('once %s, ignores every later report but FAILED, fields included', (name, value) => {
    const tracker = tracking(item(ITEM_A, 'Inbox'));
    tracker.applyProgress(ITEM_A, status(value, 'ended'));
    for (const late of [
      SyncMgrStatus.SYNCMGRSTATUS_UPDATING,
      SyncMgrStatus.SYNCMGRSTATUS_PENDING,
      SyncMgrStatus.SYNCMGRSTATUS_SUCCEEDED,
      SyncMgrStatus.SYNCMGRSTATUS_SKIPPED,
    ]) {
      tracker.applyProgress(ITEM_A, {
        ...status(late, 'late'),
        mask: Mask.SYNCMGRPROGRESSITEM_STATUSTYPE | Mask.SYNCMGRPROGRESSITEM_STATUSTEXT | Mask.SYNCMGRPROGRESSITEM_PROGVALUE,
        progValue: 1,
      });
    }
    tracker.applyProgress(ITEM_A, { mask: Mask.SYNCMGRPROGRESSITEM_PROGVALUE, progValue: 2 });
    expect(tracker.applyProgress(ITEM_A, { mask: 0 })).toEqual({ itemId: ITEM_A, name: 'Inbox', status: name, text: 'ended' });

    expect(tracker.applyProgress(ITEM_A, status(SyncMgrStatus.SYNCMGRSTATUS_FAILED, 'failed late'))).toEqual({
      itemId: ITEM_A,
      name: 'Inbox',
      status: 'failed',
      text: 'failed late',
    });
  });

  it('lets a failed item report FAILED again, with new text', () => {
    const tracker = tracking(item(ITEM_A, 'Inbox'));
    tracker.applyProgress(ITEM_A, status(SyncMgrStatus.SYNCMGRSTATUS_FAILED, 'first'));
    expect(tracker.applyProgress(ITEM_A, status(SyncMgrStatus.SYNCMGRSTATUS_FAILED, 'second')).text).toBe('second');
    expect(tracker.applyProgress(ITEM_A, status(SyncMgrStatus.SYNCMGRSTATUS_SUCCEEDED)).status).toBe('failed');
  });

  it('fails only the unfinished items, saying why, and returns those it changed', () => {
    const tracker = tracking(item(ITEM_A, 'Inbox'), item(ITEM_B, 'Calendar'), item(ITEM_C, 'Contacts'));
    tracker.applyProgress(ITEM_A, status(SyncMgrStatus.SYNCMGRSTATUS_SUCCEEDED, 'ok'));
    tracker.applyProgress(ITEM_B, status(SyncMgrStatus.SYNCMGRSTATUS_UPDATING));
    const changed = tracker.failUnfinished('the handler exited');
    expect(changed.map((state) => [state.itemId, state.status, state.text])).toEqual([
      [ITEM_B, 'failed', 'the handler exited'],
      [ITEM_C, 'failed', 'the handler exited'],
    ]);
    expect(tracker.applyProgress(ITEM_A, { mask: 0 }).status).toBe('succeeded');
    expect(tracker.failUnfinished('again')).toEqual([]);
  });

  it('gives the unfinished items another final status when told', () => {
    const tracker = tracking(item(ITEM_A, 'Inbox'));
    expect(tracker.failUnfinished('cancelled', 'stopped').map((state) => state.status)).toEqual(['stopped']);
    expect(tracker.isFinal(ITEM_A)).toBe(true);
  });

  it('resets the given items to pending, dropping what they reported, and leaves the others', () => {
    const tracker = tracking(item(ITEM_A, 'Inbox'), item(ITEM_B, 'Calendar'));
    tracker.applyProgress(ITEM_A, {
      ...status(SyncMgrStatus.SYNCMGRSTATUS_FAILED, 'broken'),
      mask: Mask.SYNCMGRPROGRESSITEM_STATUSTYPE | Mask.SYNCMGRPROGRESSITEM_STATUSTEXT | Mask.SYNCMGRPROGRESSITEM_PROGVALUE,
      progValue: 7,
    });
    tracker.applyProgress(ITEM_B, status(SyncMgrStatus.SYNCMGRSTATUS_SUCCEEDED));
    tracker.reset([ITEM_A, ITEM_C]);
    expect(tracker.applyProgress(ITEM_A, { mask: 0 })).toEqual({ itemId: ITEM_A, name: 'Inbox', status: 'pending' });
    expect(tracker.isFinal(ITEM_B)).toBe(true);
    expect(tracker.has(ITEM_C)).toBe(false);
    expect(tracker.applyProgress(ITEM_A, status(SyncMgrStatus.SYNCMGRSTATUS_SUCCEEDED)).status).toBe('succeeded');
  });

  it('reports final statuses as they are, an unfinished item as failed, and text only when there is some', () => {
    const tracker = tracking(item(ITEM_A, 'Inbox'), item(ITEM_B, 'Calendar'), item(ITEM_C, 'Contacts'));
    tracker.applyProgress(ITEM_A, status(SyncMgrStatus.SYNCMGRSTATUS_SKIPPED));
    tracker.applyProgress(ITEM_B, status(SyncMgrStatus.SYNCMGRSTATUS_UPDATING, 'halfway'));
    expect(tracker.report()).toEqual([
      { itemId: ITEM_A, name: 'Inbox', status: 'skipped' },
      { itemId: ITEM_B, name: 'Calendar', status: 'failed', text: 'halfway' },
      { itemId: ITEM_C, name: 'Contacts', status: 'failed' },
    ]);
  });

  it("cuts an item's name and status text at maxTextBytes, with a marker saying how much was cut", () => {
    const tracker = new ItemTracker(8);
    tracker.add(item(ITEM_A, 'Inbox of somebody'));
    const state = tracker.applyProgress(ITEM_A, status(SyncMgrStatus.SYNCMGRSTATUS_SUCCEEDED, '€'.repeat(1000))); // 3 bytes each
    expect(state.name).toBe(`Inbox of${truncationMarker(9)}`);
    expect(state.text).toBe(`€€${truncationMarker(2994)}`);
    expect(tracker.report()[0]).toMatchObject({ name: state.name, text: state.text, status: 'succeeded' });
  });

  it('keeps a name and a status text within maxTextBytes whole', () => {
    const tracker = new ItemTracker(8);
    tracker.add(item(ITEM_A, 'Inbox'));
    expect(tracker.applyProgress(ITEM_A, status(SyncMgrStatus.SYNCMGRSTATUS_SUCCEEDED, 'done'))).toMatchObject({ name: 'Inbox', text: 'done' });
  });
});
