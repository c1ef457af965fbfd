/**
 * Maps byte strings to values without decoding a string per lookup: the hot
 * path hashes and compares bytes; a value is made (from the decoded string)
 * once per distinct byte string. Used for the few distinct apps, app ids and
 * roles of a usage export (a small table that stays in cache; for 10^5 user
 * ids a table lookup misses the cache and costs more than decoding).
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

/**
 * An open-addressing hash table from byte strings to values of type T. After
 * `limit` distinct keys it stops storing new ones (they are still made and
 * returned), so memory stays bounded.
 */
export class BytesInterner<T> {
  private table: Int32Array;
  private mask: number;
  /** Per stored key: hash, start in `store`, length. */
  private meta = new Int32Array(3 * 1024);
  private values: T[] = [];
  private store: Buffer = Buffer.alloc(64 * 1024);
  private storeUsed = 0;
  private readonly make: (text: string) => T;
  private readonly limit: number;

  constructor(make: (text: string) => T, limit = 1 << 22) {
    this.make = make;
    this.limit = limit;
    this.table = new Int32Array(1024).fill(-1);
    this.mask = 1023;
  }

  /** Number of distinct keys stored. */
  get size(): number {
    return this.values.length;
  }

  /** The value for the bytes `buf[s, e)` (made on first sight). */
  get(buf: Buffer, s: number, e: number, ascii: boolean): T {
    let h = 0x811c9dc5 ^ (e - s);
    for (let i = s; i < e; i++) h = Math.imul(h ^ buf[i], 0x01000193);
    h |= 0;
    const table = this.table;
    const mask = this.mask;
    const len = e - s;
    let idx = h & mask;
    for (;;) {
      const slot = table[idx];
      if (slot === -1) break;
      const m = slot * 3;
      if (this.meta[m] === h && this.meta[m + 2] === len) {
        const store = this.store;
        let k = this.meta[m + 1];
        let i = s;
        while (i < e && store[k] === buf[i]) {
          i++;
          k++;
        }
        if (i === e) return this.values[slot];
      }
      idx = (idx + 1) & mask;
    }
    const value = this.make(decodeRange(buf, s, e, ascii));
    if (this.values.length < this.limit) this.insert(idx, h, buf, s, e, value);
    return value;
  }

  private insert(idx: number, h: number, buf: Buffer, s: number, e: number, value: T): void {
    const len = e - s;
    if (this.storeUsed + len > this.store.length) {
      const bigger = Buffer.alloc(Math.max(this.store.length * 2, this.storeUsed + len));
      this.store.copy(bigger, 0, 0, this.storeUsed);
      this.store = bigger;
    }
    buf.copy(this.store, this.storeUsed, s, e);
    const slot = this.values.length;
    if ((slot + 1) * 3 > this.meta.length) {
      const bigger = new Int32Array(this.meta.length * 2);
      bigger.set(this.meta);
      this.meta = bigger;
    }
    this.meta[slot * 3] = h;
    this.meta[slot * 3 + 1] = this.storeUsed;
    this.meta[slot * 3 + 2] = len;
    this.values.push(value);
    this.storeUsed += len;
    this.table[idx] = slot;
    if (this.values.length * 2 > this.table.length) this.rehash();
  }

  private rehash(): void {
    const size = this.table.length * 2;
    const table = new Int32Array(size).fill(-1);
    const mask = size - 1;
    for (let slot = 0; slot < this.values.length; slot++) {
      let idx = this.meta[slot * 3] & mask;
      while (table[idx] !== -1) idx = (idx + 1) & mask;
      table[idx] = slot;
    }
    this.table = table;
    this.mask = mask;
  }
}
