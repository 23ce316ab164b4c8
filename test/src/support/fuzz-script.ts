// The script that tells test/fixtures/fuzz-handler.ts where to misbehave and what bytes to write,
// shared by the fixture and the property tests that generate it. No fast-check here: the fixture loads it.
import { Buffer } from 'node:buffer';

/** The requests at which the fuzz handler can misbehave (the first request of that kind triggers the script). */
export const FUZZ_POINTS = [
  'handshake',
  'initialize',
  'handlerInfo',
  'enumeration',
  'enumNext',
  'enumRelease',
  'setProgressCallback',
  'prepare',
  'synchronize',
  'shutdown',
] as const;
export type FuzzPoint = (typeof FUZZ_POINTS)[number];

/** The host's request that triggers each point. */
export const FUZZ_POINT_METHODS: Record<FuzzPoint, string> = {
  handshake: 'syncmgr/handshake',
  initialize: 'synchronize/initialize',
  handlerInfo: 'synchronize/getHandlerInfo',
  enumeration: 'synchronize/enumSyncMgrItems',
  enumNext: 'enumItems/next',
  enumRelease: 'enumItems/release',
  setProgressCallback: 'synchronize/setProgressCallback',
  prepare: 'synchronize/prepareForSync',
  synchronize: 'synchronize/synchronize',
  shutdown: 'syncmgr/shutdown',
};

/**
 * What the handler writes at the point, in order:
 * - bytes: raw bytes (base64), written as they are;
 * - frame: a JSON text framed with Content-Length; every `"$ID"` in it becomes the id of the triggering
 *   request (so a frame can answer it) and every `"$DEEP:array:<n>"` or `"$DEEP:object:<n>"` a value nested
 *   n deep (so the script stays small); `lie` is added to the Content-Length (a header that lies), `pieces` > 1
 *   writes it in that many parts a few milliseconds apart (the host must join them), `repeat` sends it that
 *   many times (a flood);
 * - pause: a gap in milliseconds, so the host reads the bytes before and after it separately.
 */
export type FuzzChunk =
  { kind: 'bytes'; base64: string } | { kind: 'frame'; body: string; lie?: number; pieces?: number; repeat?: number } | { kind: 'pause'; ms: number };

export interface FuzzScript {
  at: FuzzPoint;
  /**
   * before: the chunks come before the handler's answer to the triggering request;
   * after: after the answer; late: for prepare and synchronize, after the item progress and just
   * before the completion callback (elsewhere the same as after).
   */
  when: 'before' | 'after' | 'late';
  chunks: FuzzChunk[];
  /**
   * continue: go on as a correct handler; unanswered: never answer the triggering request (the chunks
   * stand in for the answer), go on otherwise; exit: exit with code 3; hang: write nothing more and
   * answer nothing (the handler still exits when its stdin closes).
   */
  then: 'continue' | 'unanswered' | 'exit' | 'hang';
}

/** The environment variable that carries the script (base64 of its JSON). */
export const FUZZ_SCRIPT_VARIABLE = 'FUZZ_SCRIPT';

export function encodeFuzzScript(script: FuzzScript): string {
  return Buffer.from(JSON.stringify(script), 'utf8').toString('base64');
}

export function decodeFuzzScript(text: string | undefined): FuzzScript | undefined {
  return text ? (JSON.parse(Buffer.from(text, 'base64').toString('utf8')) as FuzzScript) : undefined;
}

/** The fuzz handler's items; none of them is the well-behaved handler's (those end in …0001, …0002, …). */
export function fuzzItemId(n: number): string {
  return `f0000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
}

/** The JSON text a `"$DEEP:…"` placeholder stands for. */
export function deepJson(kind: string, depth: number): string {
  return kind === 'object' ? '{"a":'.repeat(depth) + '0' + '}'.repeat(depth) : '['.repeat(depth) + ']'.repeat(depth);
}

/** The bytes a chunk stands for (a frame's placeholders expanded, `"$ID"` to `id`); pauses are empty. */
export function chunkBytes(chunk: FuzzChunk, id: number | string | null): Buffer {
  switch (chunk.kind) {
    case 'bytes':
      return Buffer.from(chunk.base64, 'base64');
    case 'frame': {
      const text = chunk.body
        .replaceAll('"$ID"', JSON.stringify(id))
        .replace(/"\$DEEP:(array|object):(\d+)"/g, (_, kind: string, depth: string) => deepJson(kind, Number(depth)));
      const body = Buffer.from(text, 'utf8');
      const length = Math.max(0, body.length + (chunk.lie ?? 0));
      const one = Buffer.concat([Buffer.from(`Content-Length: ${length}\r\n\r\n`, 'ascii'), body]);
      return chunk.repeat && chunk.repeat > 1 ? Buffer.concat(Array.from({ length: chunk.repeat }, () => one)) : one;
    }
    case 'pause':
      return Buffer.alloc(0);
  }
}
