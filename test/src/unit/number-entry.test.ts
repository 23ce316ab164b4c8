// Item numbers from the keyboard: one key when no more digits could follow, else digits and Enter.
import { NumberEntry } from '@syncmgr/host/internal/cli/terminal/number-entry.js';

function entry(highest: number) {
  const chosen: number[] = [];
  const typed: string[] = [];
  const numbers = new NumberEntry(() => highest, { typing: (d) => typed.push(d), choose: (n) => chosen.push(n) });
  const press = (...keys: string[]) => keys.map((k) => numbers.key(k.length === 1 ? undefined : k, k.length === 1 ? k : undefined));
  return { chosen, typed, press };
}

describe('NumberEntry', () => {
  it('chooses at once when no item number is longer', () => {
    const { chosen, press } = entry(9);
    press('3');
    expect(chosen).toEqual([3]);
  });

  it('waits for Enter while more digits could follow, then chooses the whole number', () => {
    const { chosen, press } = entry(25);
    press('1');
    expect(chosen).toEqual([]);
    press('2', 'return');
    expect(chosen).toEqual([12]);
  });

  it('chooses once the digits cannot grow into another number', () => {
    const { chosen, press } = entry(25);
    press('3');
    expect(chosen).toEqual([3]);
    press('2', '5');
    expect(chosen).toEqual([3, 25]);
  });

  it('takes back a digit with Backspace, clears with Escape, and leaves other keys alone', () => {
    const { chosen, typed, press } = entry(300);
    expect(press('2', '7', 'backspace', '4', 'return')).toEqual([true, true, true, true, true]);
    expect(chosen).toEqual([24]);
    press('5', 'escape');
    expect(typed.at(-1)).toBe('');
    expect(press('return')).toEqual([false]);
    expect(chosen).toEqual([24]);
  });
});
