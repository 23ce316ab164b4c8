// The kit's reader of a handler's stdout: every frame, every stray byte and every malformed frame
// is named, in order, however the bytes are split into chunks.
import { FrameScanner, type ScannedOutput } from '@syncmgr/host/internal/conformance/frame-scanner.js';
import { parseExpectedFailures } from '@syncmgr/host/internal/conformance/expected-failures.js';
import { HostError } from '@syncmgr/host';

function frame(body: string, header = (length: number) => `Content-Length: ${length}\r\n\r\n`): Buffer {
  const bytes = Buffer.from(body, 'utf8');
  return Buffer.concat([Buffer.from(header(bytes.length), 'latin1'), bytes]);
}

/** What the scanner makes of the bytes, fed in chunks of `chunk` bytes. */
function scan(bytes: Buffer, chunk = bytes.length): string[] {
  const seen: ScannedOutput[] = [];
  const scanner = new FrameScanner((output) => seen.push(output));
  for (let at = 0; at < bytes.length; at += chunk) scanner.push(bytes.subarray(at, at + chunk));
  scanner.end();
  return seen.map((output) =>
    output.kind === 'message'
      ? `message ${JSON.stringify(output.message)}`
      : output.kind === 'stray'
        ? `stray ${JSON.stringify(output.bytes.toString())}`
        : `${output.category}`,
  );
}

const ANSWER = '{"jsonrpc":"2.0","id":1,"result":{"hr":0}}';

describe('the frame scanner', () => {
  it('reads frames split at every byte, with a Content-Length counted in bytes', () => {
    const body = '{"jsonrpc":"2.0","method":"callback/logError","params":{"errorText":"résumé verrouillé"}}';
    const bytes = Buffer.concat([frame(ANSWER), frame(body)]);
    const whole = scan(bytes);
    expect(whole).toEqual([`message ${ANSWER}`, `message ${JSON.stringify(JSON.parse(body))}`]);
    expect(scan(bytes, 1)).toEqual(whole);
  });

  it('names stray text between frames as one stretch, however it arrived', () => {
    const bytes = Buffer.concat([Buffer.from('starting up\n'), frame(ANSWER), Buffer.from('done\n')]);
    expect(scan(bytes, 3)).toEqual(['stray "starting up\\n"', `message ${ANSWER}`, 'stray "done\\n"']);
  });

  it('flags LF-only headers, a byte order mark, invalid UTF-8, a batch and a body that is not JSON-RPC', () => {
    const bom = Buffer.concat([Buffer.from('Content-Length: 45\r\n\r\n'), Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(ANSWER)]);
    const invalid = Buffer.concat([Buffer.from('Content-Length: 3\r\n\r\n'), Buffer.from([0x22, 0xff, 0x22])]);
    const bytes = Buffer.concat([frame(ANSWER, (n) => `Content-Length: ${n}\n\n`), bom, invalid, frame(`[${ANSWER}]`), frame('{"id":1}')]);
    expect(scan(bytes)).toEqual(['header', `message ${ANSWER}`, 'encoding', 'encoding', 'json-rpc', 'json-rpc']);
  });

  it('gives up on a header part that never ends, and reads on after it', () => {
    const bytes = Buffer.concat([Buffer.from(`Content-Length: 5\r\nX-Padding: ${'x'.repeat(1100)}`), frame(ANSWER)]);
    expect(scan(bytes)).toEqual(['header', expect.stringMatching(/^stray /), `message ${ANSWER}`]);
  });
});

describe('the expected-failures file', () => {
  it('takes one check id per line, with comments and blank lines', () => {
    expect([...parseExpectedFailures('# known\nframing.utf8  # a BOM, fixed in 2.0\n\nlog.levels\n', 'x.txt')]).toEqual(['framing.utf8', 'log.levels']);
  });

  it('refuses an id the kit does not have, naming the line (HostError USAGE)', () => {
    const refusal = thrownBy(() => parseExpectedFailures('framing.utf8\nframing.utf9\n', 'x.txt'));
    expect(refusal).toBeInstanceOf(HostError);
    expect((refusal as HostError).code).toBe('USAGE');
    expect((refusal as HostError).message).toContain('x.txt:2');
  });
});

function thrownBy(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  return undefined;
}
