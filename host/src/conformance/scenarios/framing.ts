import type { BadFrameCategory } from '../frame-scanner.js';
import { clip } from '../probe-peer.js';
import type { ScenarioContext } from '../scenario-context.js';
import { MANUAL_WITH_USER } from '../session-driver.js';
import { runSession } from './full-session.js';

// A protocol frame on stderr: a handler writing its messages to the wrong stream.
const FRAME_ON_STDERR = /Content-Length:\s*\d+\r?\n\r?\n\s*\{\s*"jsonrpc"/i;

/** A whole session, with every byte of stdout accounted for and stderr looked at. */
export async function framing(context: ScenarioContext): Promise<void> {
  const driver = context.start();
  driver.answers.grantToken = true;
  const run = await runSession(driver, MANUAL_WITH_USER);
  await driver.shutdown();
  await driver.probe.outputEnded;
  const { peer } = driver;
  const { checks } = context;
  const messages = `${peer.callbacks.length} callbacks and the answers to the kit's requests${run.stoppedBecause ? ` (the session stopped: ${run.stoppedBecause})` : ''}`;
  checks.verdict(
    'framing.frames-only',
    peer.strayOutput.map((bytes) => `stdout carries ${bytes.length} bytes outside any frame: ${clip(JSON.stringify(bytes.toString('utf8')))}`),
    `every byte of stdout was a frame: ${messages}`,
  );
  const of = (category: BadFrameCategory): string[] =>
    peer.badFrames.filter((frame) => frame.category === category).map((frame) => `${frame.problem}: ${clip(JSON.stringify(frame.bytes.toString('utf8')))}`);
  checks.verdict('framing.headers', of('header'), 'every header was a Content-Length line and an empty line, CRLF');
  checks.verdict('framing.utf8', of('encoding'), 'every body was UTF-8 without a byte order mark');
  const strayAnswers = peer.unexpectedAnswers.map((answer) => `an answer to no request of the kit's: ${clip(JSON.stringify(answer))}`);
  checks.verdict('framing.json-rpc', [...of('json-rpc'), ...strayAnswers], 'every body was one JSON-RPC 2.0 request or answer');
  const stderr = driver.probe.stderr;
  if (FRAME_ON_STDERR.test(stderr))
    checks.fail('streams.stderr', `stderr carries a protocol frame: ${clip(JSON.stringify(stderr.slice(stderr.search(FRAME_ON_STDERR))))}`);
  else checks.pass('streams.stderr', `${Buffer.byteLength(stderr)} bytes of stderr (the last 64 KiB looked at), no frame among them`);
}
