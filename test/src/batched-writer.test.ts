import { spawn } from 'node:child_process';
import { PassThrough, Writable } from 'node:stream';
import { BatchedMessageWriter } from '@syncmgr/host/internal/transport/batched-writer.js';
import { StreamMessageReader, type Message } from 'vscode-jsonrpc/node';

// A sink that records each native-level write: write() for one chunk, writev() for a burst.
function recordingSink(highWaterMark = 16 * 1024) {
  const writes: string[][] = [];
  const sink = new Writable({
    highWaterMark,
    decodeStrings: false,
    write(chunk: string, _encoding, done) {
      writes.push([chunk]);
      done();
    },
    writev(chunks, done) {
      writes.push(chunks.map((c) => c.chunk as string));
      done();
    },
  });
  return { sink, writes };
}

const message = (id: number): Message => ({ jsonrpc: '2.0', id, result: { hr: 0, text: 'café 📁' } }) as Message;

describe('BatchedMessageWriter', () => {
  it('sends the messages of one turn of the event loop in one write, each framed as a string of its own', async () => {
    const { sink, writes } = recordingSink();
    const writer = new BatchedMessageWriter(sink);
    for (let id = 0; id < 5; id++) void writer.write(message(id));
    await Promise.resolve().then(() => writer.write(message(5))); // a promise reaction's answer joins the burst
    expect(writes).toEqual([]);
    await new Promise((resolve) => setImmediate(resolve));
    expect(writes).toHaveLength(1);
    expect(writes[0]).toHaveLength(6);
    await writer.write(message(6));
    await new Promise((resolve) => setImmediate(resolve));
    expect(writes).toHaveLength(2);
  });

  it('sends a request at once, with the burst written before it in the same write', () => {
    const { sink, writes } = recordingSink();
    const writer = new BatchedMessageWriter(sink);
    void writer.write(message(0));
    void writer.write(message(1));
    void writer.write({ jsonrpc: '2.0', id: 2, method: 'enumItems/next', params: {} } as Message);
    expect(writes).toHaveLength(1);
    expect(writes[0]).toHaveLength(3);
    void writer.write({ jsonrpc: '2.0', id: 3, method: 'enumItems/next', params: {} } as Message);
    expect(writes).toHaveLength(2);
  });

  it('frames a burst so that vscode-jsonrpc reads each message back whole', async () => {
    const pipe = new PassThrough();
    const writer = new BatchedMessageWriter(pipe);
    const reader = new StreamMessageReader(pipe);
    const received: Message[] = [];
    const sent = Array.from({ length: 20 }, (_, id) => message(id));
    const all = new Promise<void>((resolve) => reader.listen((m) => received.push(m) === sent.length && resolve()));
    for (const m of sent) void writer.write(m);
    await all;
    expect(received).toEqual(sent);
    reader.dispose();
  });

  it('keeps backpressure: a write past the high-water mark resolves only once the stream drains', async () => {
    let release: (() => void) | undefined;
    const slow = new Writable({
      highWaterMark: 64,
      decodeStrings: false,
      write: (_chunk, _encoding, done) => (release = done),
      writev: (_chunks, done) => (release = done),
    });
    const writer = new BatchedMessageWriter(slow);
    let drained = false;
    const refused = writer.write(message(1)).then(() => (drained = true));
    await new Promise((resolve) => setImmediate(resolve));
    expect(drained).toBe(false);
    release?.();
    await refused;
    expect(drained).toBe(true);
  });

  it('tells of a write to a handler that closed its stdin (EPIPE) as an error, and throws nothing', async () => {
    const script = "require('fs').closeSync(0); process.stdout.write('closed'); setTimeout(() => undefined, 5000)";
    const child = spawn(process.execPath, ['-e', script], { stdio: ['pipe', 'pipe', 'ignore'] });
    await new Promise((resolve) => child.stdout.once('data', resolve));
    const writer = new BatchedMessageWriter(child.stdin);
    const errored = new Promise<Error>((resolve) => writer.onError(([error]) => resolve(error)));
    for (let id = 0; id < 3; id++) void writer.write(message(id));
    expect((await errored).message).toMatch(/EPIPE/);
    child.kill('SIGKILL');
  }, 10_000);
});
