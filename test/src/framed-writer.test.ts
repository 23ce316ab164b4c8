import { PassThrough } from 'node:stream';
import { FramedMessageWriter, utf8Length } from '@syncmgr/protocol';
import { StreamMessageReader, type Message } from 'vscode-jsonrpc/node';

describe('FramedMessageWriter', () => {
  const texts = ['plain', 'café', '日本語のフォルダー', 'a 📁 folder, 🎉 twice', 'lone \ud800 surrogate', ''];

  it('counts UTF-8 bytes exactly as Node does, in the fallback it uses where there is no Buffer', () => {
    for (const text of texts) expect([text, utf8Length(text)]).toEqual([text, Buffer.byteLength(text, 'utf8')]);
  });

  it('frames messages with non-ASCII text so that vscode-jsonrpc reads each one back whole', async () => {
    const pipe = new PassThrough();
    const writer = new FramedMessageWriter(pipe);
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
