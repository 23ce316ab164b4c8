// LogBook: a handler's LogError entries and the host's own, with DeleteLogError and a limit per handler.
import { GUID_NULL, SyncMgrErrorFlags, SyncMgrLogErrorMask as Mask, SyncMgrLogLevel, type LogErrorParams } from '@syncmgr/protocol';
import { LogBook } from '@syncmgr/host/internal/session/log-book.js';

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

  it('always keeps the host entries, even past the limit', () => {
    const book = new LogBook({ maxLogEntries: 1 });
    book.addFromHandler(logged('handler'));
    book.addFromHost('error', 'a protocol violation');
    book.addFromHost('error', 'a fault');
    expect(book.list().filter((entry) => entry.source === 'host' && entry.level === 'error')).toHaveLength(2);
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
});
