import { spawn } from 'node:child_process';
import { PassThrough, Writable } from 'node:stream';
import { answersLeaveAtOnce, BatchedMessageWriter, requestsLeaveAtOnce, utf8Length } from '@syncmgr/protocol';
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

/** How many frames a native-level write carried. */
const frames = (chunks: string[]) => chunks.join('').split('Content-Length:').length - 1;

const message = (id: number): Message => ({ jsonrpc: '2.0', id, result: { hr: 0, text: 'café 📁' } }) as Message;

describe('BatchedMessageWriter', () => {
  it('sends the messages of one turn of the event loop in one write', async () => {
    const { sink, writes } = recordingSink();
    const writer = new BatchedMessageWriter(sink);
    for (let id = 0; id < 5; id++) void writer.write(message(id));
    await Promise.resolve().then(() => writer.write(message(5))); // a promise reaction's answer joins the burst
    expect(writes).toEqual([]);
    await new Promise((resolve) => setImmediate(resolve));
    expect(writes).toHaveLength(1);
    expect(frames(writes[0]!)).toBe(6);
    await writer.write(message(6));
    await new Promise((resolve) => setImmediate(resolve));
    expect(writes).toHaveLength(2);
  });

  it('sends a message that leaves at once (the host: a request) at once, with the burst before it in the same write', () => {
    const { sink, writes } = recordingSink();
    const writer = new BatchedMessageWriter(sink, requestsLeaveAtOnce);
    void writer.write(message(0));
    void writer.write(message(1));
    void writer.write({ jsonrpc: '2.0', id: 2, method: 'enumItems/next', params: {} } as Message);
    expect(writes).toHaveLength(1);
    expect(frames(writes[0]!)).toBe(3);
    void writer.write({ jsonrpc: '2.0', id: 3, method: 'enumItems/next', params: {} } as Message);
    expect(writes).toHaveLength(2);
  });

  it("a handler's choice: an answer leaves at once, its own requests wait for the turn's end", () => {
    const { sink, writes } = recordingSink();
    const writer = new BatchedMessageWriter(sink, answersLeaveAtOnce);
    void writer.write({ jsonrpc: '2.0', id: 7, method: 'callback/progressBatch', params: {} } as Message);
    expect(writes).toEqual([]);
    void writer.write(message(1));
    expect(writes).toHaveLength(1);
    expect(frames(writes[0]!)).toBe(2);
  });

  it('writes at once a burst grown past 256 KB, so that memory stays bounded', () => {
    const { sink, writes } = recordingSink();
    const writer = new BatchedMessageWriter(sink);
    const big = { jsonrpc: '2.0', id: 1, result: { text: 'x'.repeat(64 * 1024) } } as Message;
    for (let i = 0; i < 3; i++) void writer.write(big);
    expect(writes).toEqual([]);
    void writer.write(big);
    expect(writes).toHaveLength(1);
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

  it('keeps backpressure: once the stream refused a burst, a write resolves only when it drains', async () => {
    const held: (() => void)[] = [];
    const slow = new Writable({
      highWaterMark: 64,
      decodeStrings: false,
      write: (_chunk, _encoding, done) => held.push(done),
    });
    const writer = new BatchedMessageWriter(slow);
    await writer.write(message(1));
    await new Promise((resolve) => setImmediate(resolve)); // the burst leaves, past the high-water mark
    let drained = false;
    const waiting = writer.write(message(2)).then(() => (drained = true));
    await new Promise((resolve) => setImmediate(resolve));
    expect(drained).toBe(false);
    while (!drained) {
      held.shift()?.();
      await new Promise((resolve) => setImmediate(resolve));
    }
    await waiting;
    expect(held).toEqual([]);
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

  const texts = ['plain', 'café', '日本語のフォルダー', 'a 📁 folder, 🎉 twice', 'lone \ud800 surrogate', ''];

  it('counts UTF-8 bytes exactly as Node does, in the fallback it uses where there is no Buffer', () => {
    for (const text of texts) expect([text, utf8Length(text)]).toEqual([text, Buffer.byteLength(text, 'utf8')]);
  });

  it('frames messages with non-ASCII text so that vscode-jsonrpc reads each one back whole', async () => {
    const pipe = new PassThrough();
    const writer = new BatchedMessageWriter(pipe);
    const reader = new StreamMessageReader(pipe);
    const received: Message[] = [];
    const all = new Promise<void>((resolve) => reader.listen((message) => received.push(message) === texts.length && resolve()));
    const sent = texts.map((text, id) => ({ jsonrpc: '2.0', id, method: 'callback/progress', params: { statusText: text } }));
    for (const message of sent) await writer.write(message);
    await all;
    expect(received).toEqual(JSON.parse(JSON.stringify(sent)));
    reader.dispose();
  });
});
