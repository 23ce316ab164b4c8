// Cold start (issue 11): the time from spawning a child to its answer to the handshake, for the
// smallest SDK handler and for bare vscode-jsonrpc children (CommonJS, ES module), interleaved so
// that the machine's drift hits all three alike. Medians in ms. `node handler-sdk/scripts/cold-start.js [rounds]`
// (build first: the SDK child loads dist/handler-sdk.js, as any handler does).
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.join(path.dirname(fileURLToPath(import.meta.url)), 'cold-start');
const children = { 'sdk handler': 'sdk-handler.js', 'jsonrpc, CommonJS': 'jsonrpc-child.cjs', 'jsonrpc, ES module': 'jsonrpc-child.js' };
const rounds = Number(process.argv[2] ?? 21);

const params = {
  protocolVersion: '1.0',
  hostPid: process.pid,
  hostName: 'cold-start',
  hostVersion: '0',
  clsid: '{00000000-0000-4000-8000-000000000001}',
  capabilities: { maxMessageBytes: 1 << 24 },
};
const body = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'syncmgr/handshake', params });
const frame = `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;

/** Spawns one child, writes the handshake at once and resolves to the ms until a response to id 1 arrives. */
function once(file) {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(process.execPath, [path.join(here, file)], { stdio: ['pipe', 'pipe', 'inherit'] });
    let out = '';
    let ms;
    child.stdout.on('data', (chunk) => {
      out += chunk;
      if (ms !== undefined || !out.includes('"id":1')) return;
      ms = Number(process.hrtime.bigint() - started) / 1e6;
      child.stdin.end(); // the host is gone: each child exits (the SDK's with its own code), after which the next starts
    });
    child.on('error', reject);
    child.on('exit', (code) => (ms === undefined ? reject(new Error(`${file} exited with ${code} before answering`)) : resolve(ms)));
    child.stdin.write(frame);
  });
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

const samples = Object.fromEntries(Object.keys(children).map((name) => [name, []]));
for (const file of Object.values(children)) await once(file); // warm the disk cache, not counted
for (let i = 0; i < rounds; i++) for (const [name, file] of Object.entries(children)) samples[name].push(await once(file));
for (const [name, values] of Object.entries(samples)) {
  const sorted = [...values].sort((a, b) => a - b);
  console.log(`${name.padEnd(20)} median ${median(values).toFixed(1)} ms  (min ${sorted[0].toFixed(1)}, max ${sorted.at(-1).toFixed(1)}, n=${values.length})`);
}
