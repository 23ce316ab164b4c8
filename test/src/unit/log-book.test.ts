// LogBook: a handler's LogError entries and the host's own, with DeleteLogError and a limit per handler.
import { GUID_NULL, SyncMgrErrorFlags, SyncMgrLogErrorMask as Mask, SyncMgrLogLevel, type LogErrorParams } from '@syncmgr/protocol';
import { ByteBudget } from '@syncmgr/host/internal/session/byte-budget.js';
import { LogBook } from '@syncmgr/host/internal/session/log-book.js';
import { truncationMarker } from '@syncmgr/host/internal/util/bounded-text.js';

const ITEM = 'aaaaaaaa-0000-0000-0000-000000000001';
const ERROR_1 = 'eeeeeeee-0000-0000-0000-000000000001';
const ERROR_2 = 'eeeeeeee-0000-0000-0000-000000000002';

function logged(errorText: string, errorLevel: number = SyncMgrLogLevel.SYNCMGRLOGLEVEL_ERROR, logErrorInfo?: LogErrorParams['logErrorInfo']): LogErrorParams {
  return logErrorInfo ? { errorLevel, errorText, logErrorInfo } : { errorLevel, errorText };
}

const ACTIONABLE_MASK = Mask.SYNCMGRLOGERROR_ERRORID | Mask.SYNCMGRLOGERROR_ERRORFLAGS;
const jump = SyncMgrErrorFlags.SYNCMGRERRORFLAG_ENABLEJUMPTEXT;

describe('LogBook', () => {
  it.each([
    [SyncMgrLogLevel.SYNCMGRLOGLEVEL_INFORMATION, 'information'],
    [SyncMgrLogLevel.SYNCMGRLOGLEVEL_WARNING, 'warning'],
    [SyncMgrLogLevel.SYNCMGRLOGLEVEL_ERROR, 'error'],
    [0x99, 'error'],
  ])('reads level %d as %s', (level, name) => {
    const book = new LogBook();
    expect(book.addFromHandler(logged('x', level))).toEqual({ level: name, text: 'x' });
  });

  it('takes the item and error ids only when the mask marks them set', () => {
    const book = new LogBook();
    expect(book.addFromHandler(logged('unmasked', undefined, { mask: 0, itemId: ITEM, errorId: ERROR_1, syncMgrErrorFlags: jump }))).toEqual({
      level: 'error',
      text: 'unmasked',
    });
    expect(
      book.addFromHandler(logged('masked', undefined, { mask: Mask.SYNCMGRLOGERROR_ITEMID | Mask.SYNCMGRLOGERROR_ERRORID, itemId: ITEM, errorId: ERROR_1 })),
    ).toEqual({
      level: 'error',
      text: 'masked',
      itemId: ITEM,
      errorId: ERROR_1,
    });
  });

  it('makes an entry actionable only with ENABLEJUMPTEXT, masked, and an error id to open', () => {
    const book = new LogBook();
    expect(book.addFromHandler(logged('jump', undefined, { mask: ACTIONABLE_MASK, errorId: ERROR_1, syncMgrErrorFlags: jump })).actionable).toBe(true);
    expect(
      book.addFromHandler(logged('flags unmasked', undefined, { mask: Mask.SYNCMGRLOGERROR_ERRORID, errorId: ERROR_1, syncMgrErrorFlags: jump })).actionable,
    ).toBeUndefined();
    expect(book.addFromHandler(logged('no flag', undefined, { mask: ACTIONABLE_MASK, errorId: ERROR_1, syncMgrErrorFlags: 0 })).actionable).toBeUndefined();
    expect(book.addFromHandler(logged('no id', undefined, { mask: Mask.SYNCMGRLOGERROR_ERRORFLAGS, syncMgrErrorFlags: jump })).actionable).toBe(false);
  });

  it('marks the entries the host wrote as its own and lists every entry in order', () => {
    const book = new LogBook();
    book.addFromHandler(logged('from the handler'));
    book.addFromHost('warning', 'from the host');
    expect(book.list()).toEqual([
      { level: 'error', text: 'from the handler' },
      { level: 'warning', text: 'from the host', source: 'host' },
    ]);
  });

  it('hands out a copy: changing the list does not change the book', () => {
    const book = new LogBook();
    book.addFromHandler(logged('kept'));
    book.list().pop();
    expect(book.list()).toHaveLength(1);
  });

  it('drops the handler entries past the limit and counts them in one host entry at the end', () => {
    const book = new LogBook({ maxLogEntries: 2 });
    for (const text of ['1', '2', '3', '4']) book.addFromHandler(logged(text));
    const entries = book.list();
    expect(entries.map((entry) => entry.text).slice(0, 2)).toEqual(['1', '2']);
    expect(entries).toHaveLength(3);
    expect(entries[2]).toMatchObject({ level: 'warning', source: 'host' });
    expect(entries[2]!.text).toContain('2');
  });

  it('adds no note while nothing was dropped', () => {
    const book = new LogBook({ maxLogEntries: 2 });
    book.addFromHandler(logged('1'));
    book.addFromHandler(logged('2'));
    expect(book.list().map((entry) => entry.source)).toEqual([undefined, undefined]);
  });

  it("keeps the host entries past the handler's limit, within a limit of their own", () => {
    const book = new LogBook({ maxLogEntries: 2 });
    for (const text of ['1', '2', '3']) book.addFromHandler(logged(text));
    book.addFromHost('error', 'a protocol violation');
    book.addFromHost('error', 'a fault');
    book.addFromHost('error', 'one too many');
    expect(book.list().filter((entry) => entry.source === 'host' && entry.level === 'error')).toHaveLength(2);
    expect(book.overflow()).toEqual({ dropped: 2, limits: ['entries'], truncated: 0 });
  });

  it('deletes by error id only the entries with that id', () => {
    const book = new LogBook();
    book.addFromHandler(logged('one', undefined, { mask: ACTIONABLE_MASK, errorId: ERROR_1, syncMgrErrorFlags: jump }));
    book.addFromHandler(logged('two', undefined, { mask: ACTIONABLE_MASK, errorId: ERROR_2, syncMgrErrorFlags: jump }));
    book.addFromHandler(logged('one again', undefined, { mask: Mask.SYNCMGRLOGERROR_ERRORID, errorId: ERROR_1 }));
    book.addFromHandler(logged('no id'));
    expect(book.delete(ERROR_1)).toBe(2);
    expect(book.list().map((entry) => entry.text)).toEqual(['two', 'no id']);
    expect(book.delete(ERROR_1)).toBe(0);
  });

  it('deletes with GUID_NULL every entry the handler logged and keeps the host entries', () => {
    const book = new LogBook();
    book.addFromHandler(logged('one', undefined, { mask: ACTIONABLE_MASK, errorId: ERROR_1, syncMgrErrorFlags: jump }));
    book.addFromHost('error', 'a protocol violation');
    book.addFromHandler(logged('no id'));
    expect(book.delete(GUID_NULL)).toBe(2);
    expect(book.list()).toEqual([{ level: 'error', text: 'a protocol violation', source: 'host' }]);
  });

  describe('bounded in bytes', () => {
    it('cuts a long text at maxTextBytes, at a character boundary, with a marker saying how much was cut', () => {
      const book = new LogBook({ maxTextBytes: 10 });
      const entry = book.addFromHandler(logged('ééééééé')); // 14 bytes of UTF-8: 5 characters fit
      expect(entry.text).toBe(`ééééé${truncationMarker(4)}`);
      expect(book.overflow()).toEqual({ dropped: 0, limits: [], truncated: 1 });
    });

    it('keeps a text that fits in bytes whole, however many UTF-16 units it has', () => {
      const book = new LogBook({ maxTextBytes: 10 });
      expect(book.addFromHandler(logged('abcdefghij')).text).toBe('abcdefghij');
      expect(book.overflow()).toBeUndefined();
    });

    it('counts, and does not keep, the entries past maxLogBytes, and says so in its note', () => {
      const book = new LogBook({ maxLogBytes: 3 * 1024, maxTextBytes: 1024 });
      for (let i = 0; i < 10; i++) book.addFromHandler(logged('x'.repeat(5000)));
      const entries = book.list();
      expect(entries.filter((entry) => entry.source === undefined)).toHaveLength(2);
      expect(entries.at(-1)).toMatchObject({ level: 'warning', source: 'host' });
      expect(book.overflow()).toEqual({ dropped: 8, limits: ['handler-bytes'], truncated: 2 });
    });

    it("shares the session's budget with the other handlers' books, and gives back what DeleteLogError frees", () => {
      const budget = new ByteBudget(3 * 1024);
      const first = new LogBook({ maxTextBytes: 1024 }, budget);
      const second = new LogBook({ maxTextBytes: 1024 }, budget);
      first.addFromHandler(logged('x'.repeat(1000), undefined, { mask: Mask.SYNCMGRLOGERROR_ERRORID, errorId: ERROR_1 }));
      first.addFromHandler(logged('x'.repeat(1000)));
      second.addFromHandler(logged('x'.repeat(1000)));
      expect(second.overflow()).toEqual({ dropped: 1, limits: ['session-bytes'], truncated: 0 });
      first.delete(ERROR_1);
      second.addFromHandler(logged('x'.repeat(1000)));
      expect(second.list().filter((entry) => entry.source === undefined)).toHaveLength(1);
      expect(second.overflow()?.dropped).toBe(1);
    });

    it('keeps the host entries when the session budget is spent', () => {
      const book = new LogBook({}, new ByteBudget(0));
      book.addFromHandler(logged('dropped'));
      book.addFromHost('error', 'the fault');
      expect(book.list().map((entry) => [entry.source, entry.level])).toEqual([
        ['host', 'error'],
        ['host', 'warning'],
      ]);
    });
  });
});
