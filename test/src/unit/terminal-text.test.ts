// printable() and CliOutput: handler text cannot drive the terminal, and a reader going away cannot crash the CLI.
import { PassThrough, Writable } from 'node:stream';
import { printable } from '@syncmgr/host/internal/cli/render/format.js';
import { CliOutput } from '@syncmgr/host/internal/cli/output.js';

const ESC = '\u001b';

describe('printable', () => {
  it.each([
    ['OSC 52 ended by BEL', `a${ESC}]52;c;cm0gLXJmIH4=\u0007b`, 'ab'],
    ['OSC ended by ST', `a${ESC}]0;title${ESC}\\b`, 'ab'],
    ['an unterminated OSC', `a${ESC}]52;c;cm0g`, 'a'],
    ['a screen clear (CSI)', `a${ESC}[2Jb`, 'ab'],
    ['a colour (CSI with parameters)', `a${ESC}[1;31mb${ESC}[0m`, 'ab'],
    ['8-bit CSI', `a\u009b2Jb`, 'ab'],
    ['DCS', `a${ESC}Pq#0;2;0;0;0${ESC}\\b`, 'ab'],
    ['a terminal reset (ESC c)', `a${ESC}cb`, 'ab'],
    ['newlines and tabs', 'a\nb\tc', 'a b c'],
    ['a bidi override', 'a\u202eb\u2066c', 'abc'],
    ['plain text', 'Ünïcode ✔ text', 'Ünïcode ✔ text'],
  ])('makes %s printable', (_what, text, shown) => {
    expect(printable(text)).toBe(shown);
  });
});

describe('CliOutput', () => {
  it('strips control sequences from lines, keeping the line breaks', () => {
    const sink = new PassThrough();
    new CliOutput(sink).line(`one ${ESC}[2J\ntwo`);
    expect(String(sink.read())).toBe('one \ntwo\n');
  });

  it('writes JSON that parses to the same value, with no raw control character', () => {
    const sink = new PassThrough();
    const value = { name: `x${ESC}]52;c;AA\u0007\u009b2J\u202e` };
    new CliOutput(sink).json(value);
    const text = String(sink.read());
    // eslint-disable-next-line no-control-regex -- the test looks for control characters
    expect(text).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202e]/);
    expect(JSON.parse(text)).toEqual(value);
  });

  it('stops writing, without throwing, once a write failed', async () => {
    let writes = 0;
    const broken = new Writable({
      write: (_chunk, _encoding, done) => {
        writes += 1;
        done(Object.assign(new Error('write EPIPE'), { code: 'EPIPE' }));
      },
    });
    const output = new CliOutput(broken);
    output.line('first');
    await new Promise((resolve) => broken.once('close', resolve));
    expect(output.isOpen).toBe(false);
    expect(() => output.line('second')).not.toThrow();
    expect(writes).toBe(1);
  });
});
