// What a bare fixture tells its test, one JSON line on stderr each (so it lands in the handler's
// log file): how the host answered a callback it sent, or which host request reached it.
const PREFIX = 'fixture-record ';

export type FixtureRecord =
  | { callback: string; refusedWith: number }
  | { callback: string; accepted: true }
  | { received: string };

export function encodeRecord(record: FixtureRecord): string {
  return `${PREFIX}${JSON.stringify(record)}\n`;
}

/** The records among the other lines of a handler's log file. */
export function decodeRecords(log: string): FixtureRecord[] {
  return log
    .split('\n')
    .filter((line) => line.startsWith(PREFIX))
    .map((line) => JSON.parse(line.slice(PREFIX.length)) as FixtureRecord);
}
