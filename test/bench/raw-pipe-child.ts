// The raw pipe's child (raw-pipe.ts): ITEMS=n items' UPDATING and SUCCEEDED progress reports as
// newline-delimited JSON on stdout, many to a write, with no framing library, no answers and no
// verdicts: the physical floor of moving B2's messages from one process to another.
const count = Number(process.env['ITEMS'] ?? 0);
const BATCH = 512;
const idOf = (i: number) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
const line = (i: number, statusType: number) =>
  JSON.stringify({ jsonrpc: '2.0', method: 'callback/progress', params: { itemId: idOf(i), progressItem: { mask: 2, statusType } } }) + '\n';

let lines: string[] = [];
for (let i = 0; i < count; i++) {
  lines.push(line(i, 3), line(i, 4));
  if (lines.length < BATCH) continue;
  // Waits for the pipe to drain only when it says so, as a batched writer would.
  if (!process.stdout.write(lines.join(''))) await new Promise((resolve) => process.stdout.once('drain', resolve));
  lines = [];
}
process.stdout.end(lines.join(''));
