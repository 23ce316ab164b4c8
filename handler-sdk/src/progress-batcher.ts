import type { HResultValue, ProgressParams } from '@syncmgr/protocol';

/** Sends reports as one callback/progressBatch; resolves to one verdict per report, or undefined when refused. */
export type SendBatch = (reports: ProgressParams[]) => Promise<(HResultValue | undefined)[] | undefined>;
/** Told the verdict of one report: undefined when its batch was refused. */
export type Answered = (hr: HResultValue | undefined) => void;

/**
 * Progress reports made in one event-loop turn, sent as one callback/progressBatch: 20,000 reports
 * cost a few dozen messages instead of 20,000, with every verdict still given per report. A batch
 * leaves at the end of the turn, or at once when it is full, so that a handler reporting in a tight
 * loop keeps batches in flight while it goes on. flush() sends what waits now, so that a callback
 * of another kind never overtakes a report made before it.
 */
export class ProgressBatcher {
  #reports: ProgressParams[] = [];
  #answers: Answered[] = [];
  #scheduled = false;

  constructor(
    private readonly sendBatch: SendBatch,
    private readonly maxReports: number,
  ) {}

  /** Queues one report; `answered` is called with its verdict. */
  add(report: ProgressParams, answered: Answered): void {
    this.#reports.push(report);
    this.#answers.push(answered);
    if (this.#reports.length >= this.maxReports) this.flush();
    else this.#schedule();
  }

  /** Sends the reports waiting now, if any. */
  flush(): void {
    if (this.#reports.length === 0) return;
    const reports = this.#reports;
    const answers = this.#answers;
    this.#reports = [];
    this.#answers = [];
    void this.sendBatch(reports).then((hrs) => answers.forEach((answer, i) => answer(hrs?.[i])));
  }

  #schedule(): void {
    if (this.#scheduled) return;
    this.#scheduled = true;
    setImmediate(() => {
      this.#scheduled = false;
      this.flush();
    });
  }
}
