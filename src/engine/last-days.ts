/**
 * The day of each user's last sign-in to each product: the only state every
 * usage figure needs (usage.md "Scale"). While users × products is small it
 * is a dense matrix (one array access per row); past `denseLimit` entries,
 * or from the start with many products, it is an open-addressing hash table
 * of the pairs seen, so memory grows with the pairs, never with rows.
 * Beside each last day it keeps the union of the pair's trend-month masks
 * (model/months.ts) for the monthly trend: 2 bytes more a dense entry, made
 * only once a mask arrives, and the hash table's spare fourth slot.
 */
import type { DayNumber } from '../model/dates.js';

const NO_DAY = -2147483648;
/** Most entries of the dense users × products matrix (64 MB) before switching to the hash table. */
export const DENSE_LIMIT = 16 * 1024 * 1024;

/** The pairs of one store grouped by product: product p's users are `users[offsets[p]..offsets[p+1])`, with their last `days` and trend-month masks. */
export interface LastDayIndex {
  offsets: Int32Array;
  users: Int32Array;
  days: Int32Array;
  months: Uint16Array;
}

/** (user, product) → last day and trend months. */
export class LastDayStore {
  private readonly productCount: number;
  private readonly denseLimit: number;
  // lastDay[user * productCount + product] (NO_DAY = none)
  private dense: Int32Array | null = null;
  // denseMonths[user * productCount + product]: the month mask, made with the first non-zero mask
  private denseMonths: Uint16Array | null = null;
  private denseUsers = 0;
  // The hash table: one slot = [user, product, day, months] in one array so a probe
  // touches one cache line; linear probing; user -1 = empty.
  private table = new Int32Array(4 << 12).fill(-1);
  private capacity = 1 << 12;
  private count = 0;

  /** A store for products 0..productCount-1, sized for `users` users to start with. */
  constructor(productCount: number, users: number, denseLimit = DENSE_LIMIT) {
    this.productCount = productCount;
    this.denseLimit = denseLimit;
    const n = Math.max(16, users);
    if (productCount > 0 && n * productCount <= denseLimit) {
      this.dense = new Int32Array(n * productCount).fill(NO_DAY);
      this.denseUsers = n;
    }
  }

  /** Keeps `day` as the last day of (u, p) when it is later than the one kept, and adds `months` to its month mask. */
  record(u: number, p: number, day: DayNumber, months = 0): void {
    if (this.dense !== null) {
      if (u >= this.denseUsers) this.growDense(u);
      if (this.dense !== null) {
        const i = u * this.productCount + p;
        if (day > this.dense[i]) this.dense[i] = day;
        if (months !== 0) {
          if (this.denseMonths === null) this.denseMonths = new Uint16Array(this.dense.length);
          this.denseMonths[i] |= months;
        }
        return;
      }
    }
    this.upsert(u, p, day, months);
  }

  /** Makes room for users 0..users-1 at once (what recording them one by one would grow to). */
  reserve(users: number): void {
    if (this.dense !== null && users > this.denseUsers) this.growDense(users - 1);
  }

  /** The last day of (u, p); null when u never signed in to p. */
  lastDay(u: number, p: number): DayNumber | null {
    if (this.dense !== null) {
      if (u >= this.denseUsers) return null;
      const d = this.dense[u * this.productCount + p];
      return d === NO_DAY ? null : d;
    }
    const o = this.slotOf(this.table, u, p, this.capacity - 1);
    return this.table[o] === -1 ? null : this.table[o + 2];
  }

  /** Every pair, grouped by product (see {@link LastDayIndex}). */
  index(): LastDayIndex {
    const P = this.productCount;
    const offsets = new Int32Array(P + 1);
    const dense = this.dense;
    if (dense !== null) {
      for (let i = 0; i < dense.length; i++) if (dense[i] !== NO_DAY) offsets[(i % P) + 1]++;
      for (let p = 0; p < P; p++) offsets[p + 1] += offsets[p];
      const fill = offsets.slice(0, P);
      const users = new Int32Array(offsets[P]);
      const days = new Int32Array(offsets[P]);
      const months = new Uint16Array(offsets[P]);
      const dm = this.denseMonths;
      for (let i = 0; i < dense.length; i++) {
        if (dense[i] === NO_DAY) continue;
        const k = fill[i % P]++;
        users[k] = Math.floor(i / P);
        days[k] = dense[i];
        if (dm !== null) months[k] = dm[i];
      }
      return { offsets, users, days, months };
    }
    const t = this.table;
    for (let o = 0; o < t.length; o += 4) if (t[o] !== -1) offsets[t[o + 1] + 1]++;
    for (let p = 0; p < P; p++) offsets[p + 1] += offsets[p];
    const fill = offsets.slice(0, P);
    const users = new Int32Array(this.count);
    const days = new Int32Array(this.count);
    const months = new Uint16Array(this.count);
    for (let o = 0; o < t.length; o += 4) {
      if (t[o] === -1) continue;
      const k = fill[t[o + 1]]++;
      users[k] = t[o];
      days[k] = t[o + 2];
      months[k] = t[o + 3];
    }
    return { offsets, users, days, months };
  }

  /** True once the pairs are kept in the hash table (for tests of the switch). */
  get hashed(): boolean {
    return this.dense === null;
  }

  /** Makes room for user `u` in the dense matrix, or moves every pair to the hash table when it would be too big. */
  private growDense(u: number): void {
    const old = this.dense!;
    const P = this.productCount;
    let users = this.denseUsers * 2;
    while (users <= u) users *= 2;
    const oldMonths = this.denseMonths;
    if (users * P <= this.denseLimit) {
      const d = new Int32Array(users * P).fill(NO_DAY);
      d.set(old);
      this.dense = d;
      if (oldMonths !== null) {
        this.denseMonths = new Uint16Array(users * P);
        this.denseMonths.set(oldMonths);
      }
      this.denseUsers = users;
      return;
    }
    this.dense = null;
    this.denseMonths = null;
    for (let i = 0; i < old.length; i++) if (old[i] !== NO_DAY) this.upsert(Math.floor(i / P), i % P, old[i], oldMonths === null ? 0 : oldMonths[i]);
  }

  /** Offset in `t` of the slot of (u, p): its entry, or the empty slot where it goes. */
  private slotOf(t: Int32Array, u: number, p: number, mask: number): number {
    let h = (Math.imul(u, 0x9e3779b1) ^ Math.imul(p + 0x632be5ab, 0x85ebca77)) >>> 0;
    h = (h ^ (h >>> 15)) & mask;
    for (;;) {
      const o = h << 2;
      const tu = t[o];
      if (tu === -1 || (tu === u && t[o + 1] === p)) return o;
      h = (h + 1) & mask;
    }
  }

  private upsert(u: number, p: number, day: number, months: number): void {
    const t = this.table;
    const o = this.slotOf(t, u, p, this.capacity - 1);
    if (t[o] === -1) {
      t[o] = u;
      t[o + 1] = p;
      t[o + 2] = day;
      t[o + 3] = months;
      if (++this.count * 10 > this.capacity * 6) this.rehash();
    } else {
      if (day > t[o + 2]) t[o + 2] = day;
      t[o + 3] |= months;
    }
  }

  private rehash(): void {
    const old = this.table;
    const capacity = this.capacity * 2;
    const t = new Int32Array(capacity * 4).fill(-1);
    for (let o = 0; o < old.length; o += 4) {
      if (old[o] === -1) continue;
      const n = this.slotOf(t, old[o], old[o + 1], capacity - 1);
      t[n] = old[o];
      t[n + 1] = old[o + 1];
      t[n + 2] = old[o + 2];
      t[n + 3] = old[o + 3];
    }
    this.table = t;
    this.capacity = capacity;
  }
}
