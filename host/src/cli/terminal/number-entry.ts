/** What the number entry shows while digits are typed, and what it chose. */
export interface NumberEntryEvents {
  /** The digits typed so far ('' once chosen or cleared). */
  typing(digits: string): void;
  choose(number: number): void;
}

/**
 * Item numbers from the keyboard, any number of digits: digits then Enter; Backspace takes one
 * back, Escape clears. A number no more digits could extend (every item's number is shorter, or
 * the typed digits times ten exceed the highest) is chosen at once, so with 9 items or fewer a
 * single key still skips.
 */
export class NumberEntry {
  private digits = '';

  constructor(
    private readonly highest: () => number,
    private readonly events: NumberEntryEvents,
  ) {}

  /** Takes a key; false when it was not one of the entry's (the caller handles it). */
  key(name: string | undefined, sequence: string | undefined): boolean {
    if (sequence !== undefined && /^[0-9]$/.test(sequence)) return (this.digit(sequence), true);
    if (this.digits === '') return false;
    if (name === 'return' || name === 'enter') this.choose();
    else if (name === 'backspace') this.set(this.digits.slice(0, -1));
    else if (name === 'escape') this.set('');
    else return false;
    return true;
  }

  private digit(digit: string): void {
    if (this.digits === '' && digit === '0') return;
    this.set(this.digits + digit);
    if (Number(this.digits) * 10 > this.highest()) this.choose();
  }

  private choose(): void {
    const number = Number(this.digits);
    this.set('');
    this.events.choose(number);
  }

  private set(digits: string): void {
    this.digits = digits;
    this.events.typing(digits);
  }
}
