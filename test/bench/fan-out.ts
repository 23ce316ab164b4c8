// One round of B4 in a process of its own, so that its peak RSS is its own:
//   node fan-out.js host|bare COUNT
// runs COUNT handlers of 100 items at once, through the host (SDK handlers) or as bare
// vscode-jsonrpc sessions with the fair bare child (waiting for what the SDK waits for, SDK_AWAITS),
// and prints {wallMs, peakRss, peakChildRss} as JSON.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { bareSession } from './bare-session.js';
import { withPeakChildRss } from './child-rss.js';
import { assertSucceeded, benchManager } from './host-session.js';
import { withPeakRss } from './measure.js';
import { SDK_AWAITS } from './sdk-awaits.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const [mode, countArg] = process.argv.slice(2);
const count = Number(countArg);
const env = { ITEMS: '100' };

/** What one round times: run(); setting up and cleaning up the home are outside the timed window. */
interface Round {
  run: () => Promise<void>;
  dispose: () => Promise<void>;
}

async function hostRound(): Promise<Round> {
  const bench = await benchManager([{ script: path.join(here, 'sdk-handler.js'), env, count }]);
  const run = async () => {
    assertSucceeded(await bench.manager.sync());
  };
  return { run, dispose: bench.dispose };
}

function bareRound(): Round {
  const run = async () => {
    await Promise.all(Array.from({ length: count }, () => bareSession(path.join(here, 'baseline-child.cjs'), { ...env, AWAIT: SDK_AWAITS })));
  };
  return { run, dispose: () => Promise.resolve() };
}

if ((mode !== 'host' && mode !== 'bare') || !(count > 0)) throw new Error('usage: fan-out.js host|bare COUNT');
const round = mode === 'host' ? await hostRound() : bareRound();
const started = performance.now();
const { result, peakRss } = await withPeakRss(() => withPeakChildRss(round.run));
const wallMs = performance.now() - started;
await round.dispose();
process.stdout.write(JSON.stringify({ wallMs, peakRss, peakChildRss: result.peakChildRss }));
