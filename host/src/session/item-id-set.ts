// Hex digit values by character code; -1 for what is not a lower-case hex digit.
const HEX = new Int8Array(128).fill(-1);
for (let i = 0; i < 10; i++) HEX[48 + i] = i;
for (let i = 0; i < 6; i++) HEX[97 + i] = 10 + i;

// Where each 32-bit word of a canonical GUID (8-4-4-4-12) starts, in pairs of 4-digit runs.
const RUNS = [0, 4, 9, 14, 19, 24, 28, 32];
const DASHES = [8, 13, 18, 23];

/**
 * The item IDs an enumeration listed, to drop one listed twice. B5 lists a million items, and a Set
 * of their ID strings cost the host about as much as parsing them (every string kept and promoted
 * by the GC, the table rehashed as it grew, ~0.5 s). A canonical GUID is 128 bits: here they are
 * kept in an open-addressed table of typed arrays, 16 bytes an ID, with no string held. An ID not
 * in canonical form (the schema lets none through; this set does not rely on it) goes to a Set.
 */
export class ItemIdSet {
  #slots = 1 << 12; // a power of two, kept at most half full
  #words = new Int32Array(this.#slots * 4);
  #used = new Uint8Array(this.#slots);
  #guids = 0;
  readonly #others = new Set<string>();
  readonly #parsed = new Int32Array(4);

  /** How many distinct IDs were added. */
  get size(): number {
    return this.#guids + this.#others.size;
  }

  /** Adds an ID; false when it was there already. */
  add(itemId: string): boolean {
    if (!parseGuid(itemId, this.#parsed)) {
      if (this.#others.has(itemId)) return false;
      this.#others.add(itemId);
      return true;
    }
    if (this.#guids * 2 >= this.#slots) this.#grow();
    const [a = 0, b = 0, c = 0, d = 0] = this.#parsed;
    return this.#insert(a, b, c, d);
  }

  #insert(a: number, b: number, c: number, d: number): boolean {
    const words = this.#words;
    const used = this.#used;
    const mask = this.#slots - 1;
    let slot = hash(a, b, c, d) & mask;
    while (used[slot] === 1) {
      const at = slot * 4;
      if (words[at] === a && words[at + 1] === b && words[at + 2] === c && words[at + 3] === d) return false;
      slot = (slot + 1) & mask;
    }
    const at = slot * 4;
    used[slot] = 1;
    words[at] = a;
    words[at + 1] = b;
    words[at + 2] = c;
    words[at + 3] = d;
    this.#guids += 1;
    return true;
  }

  #grow(): void {
    const words = this.#words;
    const used = this.#used;
    this.#slots *= 2;
    this.#words = new Int32Array(this.#slots * 4);
    this.#used = new Uint8Array(this.#slots);
    this.#guids = 0;
    for (let slot = 0; slot < used.length; slot++) {
      const at = slot * 4;
      if (used[slot] === 1) this.#insert(words[at] ?? 0, words[at + 1] ?? 0, words[at + 2] ?? 0, words[at + 3] ?? 0);
    }
  }
}

/** The 128 bits of a canonical GUID into `into`; false when the text is not one. */
function parseGuid(text: string, into: Int32Array): boolean {
  if (text.length !== 36) return false;
  for (const at of DASHES) if (text.charCodeAt(at) !== 45) return false;
  for (let word = 0; word < 4; word++) {
    const high = hex4(text, RUNS[word * 2] ?? 0);
    const low = hex4(text, RUNS[word * 2 + 1] ?? 0);
    if (high < 0 || low < 0) return false;
    into[word] = (high << 16) | low;
  }
  return true;
}

// Four hex digits from `at`; -1 when one is not a lower-case hex digit.
function hex4(text: string, at: number): number {
  let value = 0;
  for (let i = at; i < at + 4; i++) {
    const code = text.charCodeAt(i);
    const digit = code < 128 ? (HEX[code] ?? -1) : -1;
    if (digit < 0) return -1;
    value = (value << 4) | digit;
  }
  return value;
}

// A mix of all four words: sequential IDs differ only in their last digits.
function hash(a: number, b: number, c: number, d: number): number {
  let h = Math.imul(a ^ Math.imul(b, 0x9e3779b1) ^ Math.imul(c, 0x85ebca6b) ^ Math.imul(d, 0xc2b2ae35), 0x27d4eb2f);
  h ^= h >>> 15;
  return h >>> 0;
}
