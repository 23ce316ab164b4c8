// What a bare fixture tells its test, one JSON line on stderr each (so it lands in the handler's
// log file): how the host answered a callback it sent, which host request reached it, or when it
// held and released the EnableModeless token.
const PREFIX = 'fixture-record ';

export type FixtureRecord =
  | { callback: string; refusedWith: number }
  | { callback: string; accepted: true; result: unknown }
  | { received: string; params?: unknown }
  // `at` is process.hrtime.bigint() in decimal: a monotonic clock every process on the machine shares,
  // so the token records of several handlers merge in the order things happened.
  | { token: 'held' | 'released'; at: string }
  // The pid of a process the fixture started outside its process group, and (when it started it with
  // an empty environment) the variables the process had.
  | { daemonPid: number; daemonEnvironment?: string[] };

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

/** The host's answers to a callback the fixture sent, in order (refusals left out). */
export function answersTo(records: FixtureRecord[], method: string): unknown[] {
  return records.flatMap((r) => ('accepted' in r && r.callback === method ? [r.result] : []));
}

/** The parameters of each host request of this method that reached the fixture, in order. */
export function paramsReceived(records: FixtureRecord[], method: string): unknown[] {
  return records.flatMap((r) => ('received' in r && r.received === method ? [r.params] : []));
}
