/** A progress report as the wire carries it: only the fields the benchmarks set. */
export interface WireProgress {
  itemId: string;
  progressItem: { mask: number; statusType?: number; progValue?: number };
}

/**
 * What a bare parent received of the progress reports: how many messages, and each item's last
 * state (later fields win, as the host applies them), so that a baseline is checked like the host.
 */
export class ProgressLog {
  received = 0;
  readonly last = new Map<string, { statusType?: number; progValue?: number }>();

  add({ itemId, progressItem }: WireProgress): void {
    this.received++;
    const state = this.last.get(itemId) ?? {};
    if (progressItem.statusType !== undefined) state.statusType = progressItem.statusType;
    if (progressItem.progValue !== undefined) state.progValue = progressItem.progValue;
    this.last.set(itemId, state);
  }

  /** Whether `items` items ended with every field `expected` names at its value. */
  everyItemEnded(items: number, expected: (itemId: string) => { statusType?: number; progValue?: number }): boolean {
    if (this.last.size !== items) return false;
    for (const [itemId, state] of this.last) {
      const want = expected(itemId);
      if (want.statusType !== undefined && state.statusType !== want.statusType) return false;
      if (want.progValue !== undefined && state.progValue !== want.progValue) return false;
    }
    return true;
  }
}
