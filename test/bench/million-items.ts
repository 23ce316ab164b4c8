// B5's host, in a process of its own: a host's peak RSS is only its own when no earlier benchmark
// has grown the heap first. Prints {seconds, peakRss, result} as JSON on stdout.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchManager } from './host-session.js';
import { withPeakRss } from './measure.js';

const sdkHandler = path.join(path.dirname(fileURLToPath(import.meta.url)), 'sdk-handler.js');
const bench = await benchManager([{ script: sdkHandler, env: { ITEMS: '1000000', CHECKED: '0' } }]);
const started = performance.now();
const { result, peakRss } = await withPeakRss(() => bench.manager.sync());
const seconds = (performance.now() - started) / 1000;
await bench.dispose();
process.stdout.write(JSON.stringify({ seconds, peakRss, result: result.handlers[0]?.result ?? 'no handler' }));
