// The host a conformance run kills: it starts the handler as its own child, on the pipes it was
// given (the handler's stdin arrives as fd 4: Node closes a child's own stdin when the child exits,
// which would tell the handler by EOF), tells the kit the handler's pid on fd 3, and waits. Killed,
// it leaves the handler with live pipes and a dead parent, as a crashed host would.
import { spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';

const [program, ...args] = JSON.parse(process.argv[2] ?? '[]') as string[];
if (!program) process.exit(2);
const child = spawn(program, args, { stdio: [4, 'inherit', 'inherit'], env: { ...process.env, SYNCMGR_HOST_PID: String(process.pid) } });
const report = createWriteStream('', { fd: 3 });
child.once('spawn', () => report.end(`${child.pid}\n`));
child.once('error', () => process.exit(127));
child.once('exit', (code) => process.exit(code ?? 1));
