/**
 * Roster ids, usernames and emails, matched ignoring case and surrounding
 * spaces (usage.md "Rosters"), in a hash table over bytes: a million users'
 * ids, usernames and emails are three million keys, which as JavaScript
 * strings in a `Map` cost seconds of hashing and hundreds of MB. Here a key
 * read from a roster row is hashed and compared on the row's own bytes,
 * lower-cased on the fly (ASCII), and stored once as bytes; only a key with
 * non-ASCII bytes is decoded, normalised as a string (`trim().toLowerCase()`)
 * and encoded again, so both paths give the same key.
 */
import { rehashSlots } from '../csv/intern.js';

/** A cell's bytes: `buf[start, end)`; `ascii` when every byte is below 0x80. */
export interface ByteSpan {
  buf: Buffer;
  start: number;
  end: number;
  ascii: boolean;
}

/** The value {@link KeyTable.get} gives for a key that is not there. */
export const ABSENT = -2147483648;

const encoder = new TextEncoder();

function isSpace(b: number): boolean {
  return b === 32 || (b >= 9 && b <= 13);
}

/** The normalised form of a key as a string (what the byte path computes for ASCII). */
export function normKey(s: string): string {
  return s.trim().toLowerCase();
}

/** A span over the normalised UTF-8 bytes of a string (a scratch buffer, valid until the next call). */
export class StringSpans {
  private scratch = Buffer.alloc(256);
  private readonly span: ByteSpan = { buf: this.scratch, start: 0, end: 0, ascii: true };

  of(text: string): ByteSpan {
    const key = normKey(text);
    if (key.length * 3 > this.scratch.length) this.scratch = Buffer.alloc(key.length * 3 + 16);
    const { written } = encoder.encodeInto(key, this.scratch);
    this.span.buf = this.scratch;
    this.span.start = 0;
    this.span.end = written;
    this.span.ascii = written === key.length;
    return this.span;
  }
}

/** Open addressing; entry [hash, value, key start in store, key length]; length 0 = empty (no key is empty). */
export class KeyTable {
  private table: Int32Array;
  private mask: number;
  private count = 0;
  private store: Buffer = Buffer.alloc(64 * 1024);
  private used = 0;
  private readonly strings = new StringSpans();
  /** Where the last {@link find} ended: the entry of the key, or the empty entry it would go in. */
  private slot = 0;
  private slotHash = 0;

  constructor() {
    this.table = KeyTable.empty(1024);
    this.mask = 1023;
  }

  private static empty(size: number): Int32Array {
    return new Int32Array(size * 4);
  }

  /** Number of keys. */
  get size(): number {
    return this.count;
  }

  /** The value of a key given as a string (normalised here); {@link ABSENT} when none. */
  getText(text: string): number {
    return this.get(this.strings.of(text));
  }

  /** The value of the key in `span` (normalised here); {@link ABSENT} when none, and for an empty key. */
  get(span: ByteSpan): number {
    if (!span.ascii) span = this.strings.of(span.buf.toString('utf8', span.start, span.end));
    return this.find(span.buf, span.start, span.end) ? this.table[(this.slot << 2) + 1] : ABSENT;
  }

  /** Sets the value of a key (normalised here); an empty key is ignored. */
  set(span: ByteSpan, value: number): void {
    if (!span.ascii) span = this.strings.of(span.buf.toString('utf8', span.start, span.end));
    if (this.find(span.buf, span.start, span.end)) {
      this.table[(this.slot << 2) + 1] = value;
      return;
    }
    let s = span.start;
    let e = span.end;
    while (s < e && isSpace(span.buf[s])) s++;
    while (e > s && isSpace(span.buf[e - 1])) e--;
    if (s === e) return;
    this.insert(span.buf, s, e, value);
  }

  /**
   * The value of the key in `span` if it is there; else sets it to `value` and returns {@link ABSENT}
   * (an empty key is not set). One lookup where get-then-set would make two.
   */
  getOrSet(span: ByteSpan, value: number): number {
    if (!span.ascii) span = this.strings.of(span.buf.toString('utf8', span.start, span.end));
    if (this.find(span.buf, span.start, span.end)) return this.table[(this.slot << 2) + 1];
    let s = span.start;
    let e = span.end;
    while (s < e && isSpace(span.buf[s])) s++;
    while (e > s && isSpace(span.buf[e - 1])) e--;
    if (s < e) this.insert(span.buf, s, e, value);
    return ABSENT;
  }

  /** Makes room for `keys` keys in all without growing again (a hint: more may come). */
  reserve(keys: number): void {
    let size = this.mask + 1;
    while (keys * 2 > size) size *= 2;
    if (size > this.mask + 1) this.rehash(size);
  }

  /** Every value (for counting), in table order. */
  *values(): IterableIterator<number> {
    const t = this.table;
    for (let o = 0; o < t.length; o += 4) if (t[o + 3] !== 0) yield t[o + 1];
  }

  /** Every key as a string with its value (for checks across tables; decodes every key). */
  *entries(): IterableIterator<[string, number]> {
    const t = this.table;
    for (let o = 0; o < t.length; o += 4) if (t[o + 3] !== 0) yield [this.store.toString('utf8', t[o + 2], t[o + 2] + t[o + 3]), t[o + 1]];
  }

  /** Looks an ASCII key up, trimmed and lower-cased on the fly; leaves `slot` at its entry or at the free entry. False for an empty key too. */
  private find(buf: Buffer, s: number, e: number): boolean {
    while (s < e && isSpace(buf[s])) s++;
    while (e > s && isSpace(buf[e - 1])) e--;
    const len = e - s;
    let h = 0x811c9dc5 ^ len;
    for (let i = s; i < e; i++) {
      let b = buf[i];
      if (b >= 65 && b <= 90) b += 32;
      h = Math.imul(h ^ b, 0x01000193);
    }
    // FNV's low bits depend only on the bytes' low bits: mix the high bits in (murmur3's finaliser) before masking.
    h ^= h >>> 16;
    h = Math.imul(h, 0x85ebca6b);
    h ^= h >>> 13;
    h = Math.imul(h, 0xc2b2ae35);
    h ^= h >>> 16;
    h |= 0;
    this.slotHash = h;
    if (len === 0) return false;
    const table = this.table;
    const mask = this.mask;
    const store = this.store;
    let idx = h & mask;
    for (;;) {
      const o = idx << 2;
      const elen = table[o + 3];
      if (elen === 0) break;
      if (table[o] === h && elen === len) {
        let k = table[o + 2];
        let i = s;
        for (; i < e; i++, k++) {
          let b = buf[i];
          if (b >= 65 && b <= 90) b += 32;
          if (store[k] !== b) break;
        }
        if (i === e) {
          this.slot = idx;
          return true;
        }
      }
      idx = (idx + 1) & mask;
    }
    this.slot = idx;
    return false;
  }

  private insert(buf: Buffer, s: number, e: number, value: number): void {
    const len = e - s;
    if (this.used + len > this.store.length) {
      const bigger = Buffer.alloc(Math.max(this.store.length * 2, this.used + len));
      this.store.copy(bigger, 0, 0, this.used);
      this.store = bigger;
    }
    for (let i = s, k = this.used; i < e; i++, k++) {
      const b = buf[i];
      this.store[k] = b >= 65 && b <= 90 ? b + 32 : b;
    }
    const o = this.slot << 2;
    const t = this.table;
    t[o] = this.slotHash;
    t[o + 1] = value;
    t[o + 2] = this.used;
    t[o + 3] = len;
    this.used += len;
    if (++this.count * 2 > this.mask + 1) this.rehash();
  }

  private rehash(size = (this.mask + 1) * 2): void {
    // Keys are never empty, so a slot whose length is 0 is free.
    this.table = rehashSlots(this.table, KeyTable.empty(size), 0);
    this.mask = size - 1;
  }
}
