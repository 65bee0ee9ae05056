/**
 * The small encodings the sync format is built of: self-delimiting whole numbers in the
 * printable ASCII that JSON does not escape (one byte a character in Chrome's count), and
 * a short fixed-width key for a card id. Pure: no browser, no clock.
 */

/** 92 characters: '!'..'~' without '"' and '\', so JSON.stringify never escapes one. */
const ALPHABET = Array.from({ length: 94 }, (_, i) => String.fromCharCode(33 + i))
  .filter((c) => c !== '"' && c !== '\\')
  .join('');
const HALF = 46;
const VALUE = new Map([...ALPHABET].map((c, i) => [c, i]));

/**
 * A whole number 0..2^53-1 as a varint: every character but the last is one of the first 46
 * (more to come), the last one of the other 46, so numbers follow each other without a separator.
 *
 * @example
 * packUint(0) // 'P' (one character); packUint(10 ** 9) has 6
 */
export function packUint(n: number): string {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`not a whole number ≥ 0: ${n}`);
  let out = ALPHABET[HALF + (n % HALF)]!;
  let rest = Math.floor(n / HALF);
  while (rest > 0) {
    out = ALPHABET[rest % HALF]! + out;
    rest = Math.floor(rest / HALF);
  }
  return out;
}

/** Reads varints from a string in order; `null` on anything malformed. */
export class Reader {
  private pos = 0;
  constructor(private readonly text: string) {}

  uint(): number | null {
    let n = 0;
    for (let i = 0; i < 10; i++) {
      const d = VALUE.get(this.text[this.pos++] ?? '');
      if (d === undefined) return null;
      if (d >= HALF) {
        n = n * HALF + (d - HALF);
        return Number.isSafeInteger(n) ? n : null;
      }
      n = n * HALF + d;
    }
    return null;
  }

  /** A signed whole number (zigzag). */
  int(): number | null {
    const z = this.uint();
    return z === null ? null : z % 2 === 0 ? z / 2 : -(z + 1) / 2;
  }

  fixed(length: number): string | null {
    const s = this.text.slice(this.pos, this.pos + length);
    this.pos += length;
    return s.length === length ? s : null;
  }

  rest(): string {
    const s = this.text.slice(this.pos);
    this.pos = this.text.length;
    return s;
  }

  /** A whole number written with `packFixed` in `length` characters. */
  fixedUint(length: number): number | null {
    let n = 0;
    for (let i = 0; i < length; i++) {
      const d = VALUE.get(this.text[this.pos++] ?? '');
      if (d === undefined) return null;
      n = n * ALPHABET.length + d;
    }
    return Number.isSafeInteger(n) ? n : null;
  }

  get done(): boolean {
    return this.pos >= this.text.length;
  }
}

export function packInt(n: number): string {
  return packUint(n >= 0 ? n * 2 : -n * 2 - 1);
}

/** Characters of a card key: 92^5 ≈ 6.6e9 values, so 3,000 cards collide with odds ~1 in 1,500. */
export const CARD_KEY_LENGTH = 5;

/**
 * A card id's key in sync: a 53-bit hash (cyrb53) reduced to 5 characters. The full ids
 * stay out of sync (3,000 ids of ~30 characters would be 90 KB); a device maps a key back
 * through the ids it knows, and refuses a key it cannot map or that two known ids share.
 */
export function cardKey(id: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < id.length; i++) {
    const ch = id.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  let n = 4294967296 * (2097151 & h2) + (h1 >>> 0);
  let out = '';
  for (let i = 0; i < CARD_KEY_LENGTH; i++) {
    out += ALPHABET[n % ALPHABET.length]!;
    n = Math.floor(n / ALPHABET.length);
  }
  return out;
}

/** Card keys to ids for the ids a device knows; a key two ids share maps to null (refused). */
export function cardKeyTable(ids: Iterable<string>): Map<string, string | null> {
  const table = new Map<string, string | null>();
  for (const id of ids) {
    const k = cardKey(id);
    table.set(k, table.has(k) && table.get(k) !== id ? null : id);
  }
  return table;
}

/** FSRS stores stability and difficulty rounded to 8 decimals: such a number packs exactly as an integer. */
export const FSRS_SCALE = 1e8;

export function packFsrsNumber(x: number): string | null {
  const k = Math.round(x * FSRS_SCALE);
  return x >= 0 && Number.isSafeInteger(k) && k / FSRS_SCALE === x ? packUint(k) : null;
}

/** Characters `packFixed` needs for `n`. */
export function fixedLength(n: number): number {
  let len = 1;
  for (let rest = Math.floor(n / ALPHABET.length); rest > 0; rest = Math.floor(rest / ALPHABET.length)) len++;
  return len;
}

/** A whole number in exactly `length` base-92 characters (6.5 bits each, against the varint's 5.5). */
export function packFixed(n: number, length: number): string {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`not a whole number ≥ 0: ${n}`);
  let out = '';
  let rest = n;
  for (let i = 0; i < length; i++) {
    out = ALPHABET[rest % ALPHABET.length]! + out;
    rest = Math.floor(rest / ALPHABET.length);
  }
  if (rest > 0) throw new RangeError(`${n} does not fit in ${length} characters`);
  return out;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/** Characters of a packed UUID: 92^20 > 2^128. */
export const UUID_LENGTH = 20;

/** A lowercase UUID (what `crypto.randomUUID()` makes) in 20 characters instead of 36; null for anything else. */
export function packUuid(id: string): string | null {
  if (!UUID.test(id)) return null;
  let n = BigInt(`0x${id.replaceAll('-', '')}`);
  let out = '';
  const base = BigInt(ALPHABET.length);
  for (let i = 0; i < UUID_LENGTH; i++) {
    out = ALPHABET[Number(n % base)]! + out;
    n /= base;
  }
  return out;
}

export function unpackUuid(packed: string): string | null {
  if (packed.length !== UUID_LENGTH) return null;
  let n = 0n;
  for (const c of packed) {
    const d = VALUE.get(c);
    if (d === undefined) return null;
    n = n * BigInt(ALPHABET.length) + BigInt(d);
  }
  if (n >= 1n << 128n) return null;
  const hex = n.toString(16).padStart(32, '0');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
