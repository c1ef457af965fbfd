/**
 * Maps byte strings to values without decoding a string per lookup: the hot
 * path hashes and compares bytes; a value is made (from the decoded string)
 * once per distinct byte string. Used for the user ids, apps, app ids and
 * roles of a usage export.
 */

interface Slices {
  latin1Slice(start: number, end: number): string;
  utf8Slice(start: number, end: number): string;
}

/** Decodes `buf[s, e)`: latin1 when the caller knows the bytes are ASCII (faster, identical), else UTF-8. */
export function decodeRange(buf: Buffer, s: number, e: number, ascii: boolean): string {
  const b = buf as unknown as Slices;
  return ascii ? b.latin1Slice(s, e) : b.utf8Slice(s, e);
}

/** FNV-1a hash of `buf[s, e)` (the hash {@link BytesToInt} uses). */
export function hashBytes(buf: Uint8Array, s: number, e: number): number {
  let h = 0x811c9dc5 ^ (e - s);
  for (let i = s; i < e; i++) h = Math.imul(h ^ buf[i], 0x01000193);
  return h | 0;
}

/**
 * An open-addressing hash table from byte strings to integers, laid out for
 * many keys (10^5 user ids and more): one table entry holds the hash, the
 * value and where the key's bytes are, so a lookup touches the entry and the
 * key bytes only.
 * Values are made by `make` on first sight; past `limit` keys new ones are
 * made on every lookup and not stored.
 */
export class BytesToInt {
  /** Entries [hash, value, start in store, length]; length -1 = empty. */
  private table: Int32Array;
  private mask: number;
  private count = 0;
  private store: Buffer = Buffer.alloc(256 * 1024);
  private storeUsed = 0;
  private readonly make: (text: string) => number;
  private readonly limit: number;

  constructor(make: (text: string) => number, limit = 1 << 22) {
    this.make = make;
    this.limit = limit;
    this.table = BytesToInt.emptyTable(1024);
    this.mask = 1023;
  }

  private static emptyTable(size: number): Int32Array {
    const t = new Int32Array(size * 4);
    for (let i = 3; i < t.length; i += 4) t[i] = -1;
    return t;
  }

  /** Number of distinct keys stored. */
  get size(): number {
    return this.count;
  }

  /** The value for the bytes `buf[s, e)` (made on first sight). */
  get(buf: Buffer, s: number, e: number, ascii: boolean): number {
    const h = hashBytes(buf, s, e);
    const table = this.table;
    const mask = this.mask;
    const len = e - s;
    let idx = h & mask;
    for (;;) {
      const o = idx << 2;
      const elen = table[o + 3];
      if (elen === -1) break;
      if (table[o] === h && elen === len) {
        const store = this.store;
        let k = table[o + 2];
        let i = s;
        while (i < e && store[k] === buf[i]) {
          i++;
          k++;
        }
        if (i === e) return table[o + 1];
      }
      idx = (idx + 1) & mask;
    }
    const value = this.make(decodeRange(buf, s, e, ascii));
    if (this.count < this.limit) this.insert(idx << 2, h, buf, s, e, value);
    return value;
  }

  private insert(o: number, h: number, buf: Buffer, s: number, e: number, value: number): void {
    const len = e - s;
    if (this.storeUsed + len > this.store.length) {
      const bigger = Buffer.alloc(Math.max(this.store.length * 2, this.storeUsed + len));
      this.store.copy(bigger, 0, 0, this.storeUsed);
      this.store = bigger;
    }
    buf.copy(this.store, this.storeUsed, s, e);
    const t = this.table;
    t[o] = h;
    t[o + 1] = value;
    t[o + 2] = this.storeUsed;
    t[o + 3] = len;
    this.storeUsed += len;
    if (++this.count * 2 > this.mask + 1) this.rehash();
  }

  private rehash(): void {
    const size = (this.mask + 1) * 2;
    this.table = rehashSlots(this.table, BytesToInt.emptyTable(size), -1);
    this.mask = size - 1;
  }
}

/**
 * Moves every used slot of an open-addressing table of 4-int slots (hash, value, offset, length) into
 * `into` (an empty table of a power-of-two number of slots), probing linearly from each hash; a slot
 * whose length is `empty` is free. Returns `into`.
 */
export function rehashSlots(old: Int32Array, into: Int32Array, empty: number): Int32Array {
  const mask = (into.length >> 2) - 1;
  for (let o = 0; o < old.length; o += 4) {
    if (old[o + 3] === empty) continue;
    let idx = old[o] & mask;
    while (into[(idx << 2) + 3] !== empty) idx = (idx + 1) & mask;
    into.set(old.subarray(o, o + 4), idx << 2);
  }
  return into;
}
