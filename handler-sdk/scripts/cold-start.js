// Cold start (issue 11): the time from spawning a child to its answer to the handshake, for the
// smallest SDK handler and for bare vscode-jsonrpc children (CommonJS, ES module), interleaved so
// that the machine's drift hits all three alike. Medians in ms. `node handler-sdk/scripts/cold-start.js [rounds]`
// [other-bundle.js] (build first: the SDK child loads dist/handler-sdk.js, as any handler does).
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.join(path.dirname(fileURLToPath(import.meta.url)), 'cold-start');
const children = { 'sdk handler': 'sdk-handler.js', 'jsonrpc, CommonJS': 'jsonrpc-child.cjs', 'jsonrpc, ES module': 'jsonrpc-child.js' };
const rounds = Number(process.argv[2] ?? 21);
// A second SDK bundle, e.g. a build of an older commit, runs in the same rounds (imported dynamically).
const other = process.argv[3] && path.resolve(process.argv[3]);
if (other) children[`sdk, ${path.basename(other)}`] = 'sdk-handler-from.js';

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

/** Spawns one child, writes the handshake at once; resolves to the ms until its answer and the CPU ms it used in all. */
function once(file) {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const args = ['--require', path.join(here, 'report-cpu.cjs'), path.join(here, file)];
    const env = { ...process.env, SDK_BUNDLE: other };
    const child = spawn(process.execPath, args, { env, stdio: ['pipe', 'pipe', 'inherit', 'pipe'] });
    let out = '';
    let cpu = '';
    let wall;
    child.stdout.on('data', (chunk) => {
      out += chunk;
      if (wall !== undefined || !out.includes('"id":1')) return;
      wall = Number(process.hrtime.bigint() - started) / 1e6;
      child.stdin.end(); // the host is gone: each child exits (the SDK's with its own code), after which the next starts
    });
    child.stdio[3].on('data', (chunk) => (cpu += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      if (wall === undefined) return reject(new Error(`${file} exited with ${code} before answering`));
      const { user, system } = JSON.parse(cpu);
      resolve({ wall, cpu: (user + system) / 1000 });
    });
    child.stdin.write(frame);
  });
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

const samples = Object.fromEntries(Object.keys(children).map((name) => [name, { wall: [], cpu: [] }]));
for (const file of Object.values(children)) await once(file); // warms the disk cache, not counted
for (let i = 0; i < rounds; i++) {
  for (const [name, file] of Object.entries(children)) {
    const { wall, cpu } = await once(file);
    samples[name].wall.push(wall);
    samples[name].cpu.push(cpu);
  }
}
const range = (values) => `${Math.min(...values).toFixed(1)}-${Math.max(...values).toFixed(1)}`;
console.log(`${rounds} rounds; wall = spawn to the handshake's answer, cpu = the child's user + system time to its exit`);
for (const [name, { wall, cpu }] of Object.entries(samples)) {
  console.log(`${name.padEnd(28)} wall median ${median(wall).toFixed(1)} ms (${range(wall)})  cpu median ${median(cpu).toFixed(1)} ms (${range(cpu)})`);
}
