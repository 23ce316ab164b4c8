// ProgressCoalescer: one update in flight per item; what comes meanwhile is merged, and a final status is never lost or held back.
import { SyncMgrProgressItemMask as Mask, SyncMgrStatus, type SyncMgrProgressItem } from '@syncmgr/protocol';
import type { ProgressVerdict } from '@syncmgr/handler-sdk';
import { ProgressCoalescer } from '@syncmgr/handler-sdk/internal/progress-coalescer.js';

const ITEM_A = '{00000000-0000-0000-0000-00000000000A}';
const ITEM_B = '{00000000-0000-0000-0000-00000000000B}';

interface Sent {
  itemId: string;
  progressItem: SyncMgrProgressItem;
  answer(verdict: ProgressVerdict): Promise<void>;
}

/** A coalescer whose sends the test answers one by one, in any order. */
function harness() {
  const sent: Sent[] = [];
  const verdicts: [ProgressVerdict, string][] = [];
  const coalescer = new ProgressCoalescer(
    (itemId, progressItem, answered) =>
      sent.push({
        itemId,
        progressItem,
        // Resolves once the coalescer has reacted to the answer (and sent what waited).
        answer: (verdict) => {
          answered(verdict);
          return new Promise<void>((done) => setImmediate(done));
        },
      }),
    (verdict, itemId) => verdicts.push([verdict, itemId]),
  );
  return { coalescer, sent, verdicts };
}

const value = (progValue: number): SyncMgrProgressItem => ({ mask: Mask.SYNCMGRPROGRESSITEM_PROGVALUE, progValue });
const text = (statusText: string): SyncMgrProgressItem => ({ mask: Mask.SYNCMGRPROGRESSITEM_STATUSTEXT, statusText });
const status = (statusType: number): SyncMgrProgressItem => ({ mask: Mask.SYNCMGRPROGRESSITEM_STATUSTYPE, statusType });

describe('ProgressCoalescer', () => {
  it('sends the first report at once and resolves without waiting for its answer', async () => {
    const { coalescer, sent } = harness();
    await expect(coalescer.report(ITEM_A, value(1))).resolves.toBe('continue');
    expect(sent.map((s) => s.progressItem)).toEqual([value(1)]);
  });

  it('keeps one report per item in flight and merges what comes meanwhile, later fields winning', async () => {
    const { coalescer, sent } = harness();
    void coalescer.report(ITEM_A, value(1));
    void coalescer.report(ITEM_A, value(2));
    void coalescer.report(ITEM_A, text('copying'));
    void coalescer.report(ITEM_A, value(3));
    expect(sent).toHaveLength(1);

    await sent[0]!.answer('continue');
    expect(sent).toHaveLength(2);
    expect(sent[1]!.progressItem).toEqual({
      mask: Mask.SYNCMGRPROGRESSITEM_PROGVALUE | Mask.SYNCMGRPROGRESSITEM_STATUSTEXT,
      progValue: 3,
      statusText: 'copying',
    });

    await sent[1]!.answer('continue');
    expect(sent).toHaveLength(2);
  });

  it('runs each item on its own: one in flight does not hold up another', () => {
    const { coalescer, sent } = harness();
    void coalescer.report(ITEM_A, value(1));
    void coalescer.report(ITEM_B, value(1));
    expect(sent.map((s) => s.itemId)).toEqual([ITEM_A, ITEM_B]);
  });

  it('resolves later reports with the latest verdict and applies every verdict', async () => {
    const { coalescer, sent, verdicts } = harness();
    void coalescer.report(ITEM_A, value(1));
    await sent[0]!.answer('cancelItem');
    await expect(coalescer.report(ITEM_A, value(2))).resolves.toBe('cancelItem');
    await sent[1]!.answer('cancelAll');
    await expect(coalescer.report(ITEM_A, value(3))).resolves.toBe('cancelAll');
    expect(verdicts).toEqual([
      ['cancelItem', ITEM_A],
      ['cancelAll', ITEM_A],
    ]);
  });

  it('applies the verdict of a merged report too', async () => {
    const { coalescer, sent, verdicts } = harness();
    void coalescer.report(ITEM_A, value(1));
    void coalescer.report(ITEM_A, value(2));
    await sent[0]!.answer('continue');
    await sent[1]!.answer('cancelItem');
    expect(verdicts).toEqual([
      ['continue', ITEM_A],
      ['cancelItem', ITEM_A],
    ]);
  });

  it.each([
    ['succeeded', SyncMgrStatus.SYNCMGRSTATUS_SUCCEEDED],
    ['failed', SyncMgrStatus.SYNCMGRSTATUS_FAILED],
    ['skipped', SyncMgrStatus.SYNCMGRSTATUS_SKIPPED],
    ['stopped', SyncMgrStatus.SYNCMGRSTATUS_STOPPED],
  ])('sends a final status (%s) at once, even while a report is in flight', (_name, final) => {
    const { coalescer, sent } = harness();
    void coalescer.report(ITEM_A, value(1));
    void coalescer.report(ITEM_A, status(final));
    expect(sent.map((s) => s.progressItem)).toEqual([value(1), status(final)]);
  });

  it('merges a non-final status like any other field', async () => {
    const { coalescer, sent } = harness();
    void coalescer.report(ITEM_A, value(1));
    void coalescer.report(ITEM_A, status(SyncMgrStatus.SYNCMGRSTATUS_UPDATING));
    expect(sent).toHaveLength(1);
    await sent[0]!.answer('continue');
    expect(sent[1]!.progressItem).toEqual(status(SyncMgrStatus.SYNCMGRSTATUS_UPDATING));
  });

  it('carries the waiting update in the final status, its own fields winning, and drops it from the queue', async () => {
    const { coalescer, sent } = harness();
    void coalescer.report(ITEM_A, value(1));
    void coalescer.report(ITEM_A, { mask: Mask.SYNCMGRPROGRESSITEM_PROGVALUE | Mask.SYNCMGRPROGRESSITEM_STATUSTEXT, progValue: 9, statusText: 'almost' });
    const final = coalescer.report(ITEM_A, {
      mask: Mask.SYNCMGRPROGRESSITEM_STATUSTYPE | Mask.SYNCMGRPROGRESSITEM_STATUSTEXT,
      statusType: SyncMgrStatus.SYNCMGRSTATUS_SUCCEEDED,
      statusText: 'done',
    });
    expect(sent).toHaveLength(2);
    expect(sent[1]!.progressItem).toEqual({
      mask: Mask.SYNCMGRPROGRESSITEM_PROGVALUE | Mask.SYNCMGRPROGRESSITEM_STATUSTEXT | Mask.SYNCMGRPROGRESSITEM_STATUSTYPE,
      progValue: 9,
      statusText: 'done',
      statusType: SyncMgrStatus.SYNCMGRSTATUS_SUCCEEDED,
    });

    await sent[0]!.answer('continue');
    expect(sent).toHaveLength(2);
    await sent[1]!.answer('continue');
    await expect(final).resolves.toBe('continue');
  });

  it('resolves a final status with its own answer, not the latest one', async () => {
    const { coalescer, sent } = harness();
    void coalescer.report(ITEM_A, value(1));
    await sent[0]!.answer('continue');
    const final = coalescer.report(ITEM_A, status(SyncMgrStatus.SYNCMGRSTATUS_FAILED));
    let settled = false;
    void final.then(() => (settled = true));
    await new Promise<void>((resolve) => setImmediate(resolve));
    expect(settled).toBe(false);
    await sent[1]!.answer('cancelAll');
    await expect(final).resolves.toBe('cancelAll');
  });

  it('settles once every report, and the update that waited behind one, was answered', async () => {
    const { coalescer, sent } = harness();
    void coalescer.report(ITEM_A, value(1));
    void coalescer.report(ITEM_A, value(2));
    void coalescer.report(ITEM_B, status(SyncMgrStatus.SYNCMGRSTATUS_SUCCEEDED));
    let settled = false;
    void coalescer.settled().then(() => (settled = true));
    await sent[0]!.answer('continue');
    await sent[1]!.answer('continue');
    expect(sent.map((s) => s.progressItem)).toEqual([value(1), status(SyncMgrStatus.SYNCMGRSTATUS_SUCCEEDED), value(2)]);
    expect(settled).toBe(false);
    await sent[2]!.answer('continue');
    expect(settled).toBe(true);
  });
});
