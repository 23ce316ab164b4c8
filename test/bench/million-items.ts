// One round of B5 in a process of its own, so that no earlier benchmark's heap counts in its peak RSS:
//   node million-items.js host|bare
// enumerates 1,000,000 unchecked items from one handler (SDK, through the host) or from a bare
// child (bare vscode-jsonrpc parent), and prints {seconds, peakRss, result} as JSON.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { bareSession } from './bare-session.js';
import { benchManager } from './host-session.js';
import { withPeakRss } from './measure.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const env = { ITEMS: '1000000', CHECKED: '0' };

/** What one round times: run(), resolving to the handler's result; setting up the home is outside it. */
interface Round {
  run: () => Promise<string>;
  dispose: () => Promise<void>;
}

async function hostRound(): Promise<Round> {
  const bench = await benchManager([{ script: path.join(here, 'sdk-handler.js'), env }]);
  const run = async () => (await bench.manager.sync()).handlers[0]?.result ?? 'no handler';
  return { run, dispose: bench.dispose };
}

function bareRound(): Round {
  const run = async () => (await bareSession(path.join(here, 'baseline-child.cjs'), env), 'succeeded');
  return { run, dispose: () => Promise.resolve() };
}

const mode = process.argv[2];
if (mode !== 'host' && mode !== 'bare') throw new Error('usage: million-items.js host|bare');
const round = mode === 'host' ? await hostRound() : bareRound();
const started = performance.now();
const { result, peakRss } = await withPeakRss(round.run);
const seconds = (performance.now() - started) / 1000;
await round.dispose();
process.stdout.write(JSON.stringify({ seconds, peakRss, result }));
