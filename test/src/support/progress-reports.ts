// Progress as an in-memory host sees it, whether each report came alone (callback/progress) or in a
// batch (callback/progressBatch): tests of the SDK's verdicts hold for both.
import { Progress, ProgressBatch, type HResultResult, type ProgressBatchParams, type ProgressParams } from '@syncmgr/protocol';
import type { InMemoryHost } from './in-memory-host.js';

/** Every report received, in order. */
export function reportsReceived(host: InMemoryHost): ProgressParams[] {
  return host.received.flatMap((call) => {
    if (call.method === Progress.method) return [call.params as unknown as ProgressParams];
    if (call.method === ProgressBatch.method) return (call.params as unknown as ProgressBatchParams).reports;
    return [];
  });
}

/** Answers every report with this, alone or in a batch (a promise holds the answer back). */
export function answerReports(host: InMemoryHost, answer: (report: ProgressParams) => HResultResult | Promise<HResultResult>): void {
  host.answer(Progress, answer as (params: ProgressParams) => HResultResult);
  const answerBatch = async ({ reports }: ProgressBatchParams) => ({
    hrs: (await Promise.all(reports.map(async (report) => answer(report)))).map(({ hr }) => hr),
  });
  host.answer(ProgressBatch, answerBatch as unknown as (params: ProgressBatchParams) => { hrs: number[] });
}

/** Resolves once `count` reports were received. */
export function untilReports(host: InMemoryHost, count: number): Promise<void> {
  return host.waitUntil(() => reportsReceived(host).length >= count);
}
