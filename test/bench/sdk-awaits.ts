/**
 * What the SDK waits for while it reports an item's progress, which the fair bare child must wait
 * for too (baseline-child.cts, as its AWAIT): flip it when the SDK changes.
 * - 'updating': the SDK before issue 11: each item's UPDATING report waited for the host's verdict
 *   before the item started; its final status went out unawaited, and every answer was awaited
 *   before SynchronizeCompleted.
 * - 'none': the SDK today (handler-sdk/src/item-runner.ts): pipelined verdicts: no report holds up
 *   an item, a cancel verdict aborts it when it comes, and every answer is awaited before
 *   SynchronizeCompleted.
 */
export const SDK_AWAITS: 'updating' | 'none' = 'none';
