// Deterministic generator of a district's school year of sign-ins in the `edvet`
// usage format (usage.md), plus a matching 40-product catalog and policy.
// Used by `npm run bench` (test/bench/run.mjs), the warehouse test and the memory test.
//
// No Math.random: every choice comes from a seeded xorshift generator, so the same
// (rows, seed) always gives byte-identical files. Rows are written in time order,
// with ISO 8601 UTC timestamps, straight into large byte buffers (no per-row strings),
// so 10 M rows (~690 MB) take a few seconds.
import { closeSync, mkdirSync, openSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';

export const HEADER = 'timestamp,user_id,role,app,school_id,grade';
export const USERS = 100_000;
export const APPS = 40;
/** The policy's time zone: timestamps are UTC, days are counted in this zone. */
export const TIMEZONE = 'America/Chicago';
/** First and last school days of the generated year; sign-ins after AS_OF exist and must be skipped. */
export const YEAR_START = '2025-08-18';
export const YEAR_END = '2026-06-12';
export const AS_OF = '2026-06-05';
/** Policy windows (school days; the bench policy has no calendar, so weekdays). */
export const ACTIVE_WINDOW_DAYS = 30;
export const SEMESTER_DAYS = 90;
export const DEFAULT_SEED = 20250818;

const DAY_MS = 86_400_000;

export function appName(a) {
  return `App ${String(a + 1).padStart(2, '0')}`;
}
export function appId(a) {
  return `app-${String(a + 1).padStart(2, '0')}`;
}
/** Role of generated user `u`: 10 % teachers, 2 % staff, the rest students. */
export function roleOf(u) {
  if (u % 10 === 0) return 'teacher';
  if (u % 50 === 7) return 'staff';
  return 'student';
}
export function userId(u) {
  return `u${String(u).padStart(7, '0')}@bench.example`;
}

/** Days since 1970-01-01 of a YYYY-MM-DD date. */
export function dayOf(iso) {
  return Math.floor(Date.parse(`${iso}T00:00:00Z`) / DAY_MS);
}
export function isoOf(day) {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}
/** Weekdays from..to (inclusive) as day numbers. */
export function weekdays(from, to) {
  const out = [];
  for (let d = dayOf(from); d <= dayOf(to); d++) {
    const wd = new Date(d * DAY_MS).getUTCDay();
    if (wd !== 0 && wd !== 6) out.push(d);
  }
  return out;
}
/** First day of a window of `n` school days (weekdays, no calendar) ending on as-of (policy.md "School days"). */
export function windowStart(asOf, n) {
  let d = dayOf(asOf);
  let seen = 0;
  for (;;) {
    const wd = new Date(d * DAY_MS).getUTCDay();
    if (wd !== 0 && wd !== 6 && ++seen === n) return isoOf(d);
    d--;
  }
}

/** xorshift32 with a seed scrambled by splitmix-style multiplication; returns uint32 (shared by the bench's generators). */
export function makeRng(seed) {
  let x = Math.imul((seed | 0) ^ 0x9e3779b9, 0x85ebca6b) ^ 0x27d4eb2f;
  if (x === 0) x = 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return x >>> 0;
  };
}

function ascii(s) {
  return Buffer.from(s, 'latin1');
}

/** Packs strings into one byte array with offsets, for fast copying. */
function pack(strings) {
  const bufs = strings.map(ascii);
  const offsets = new Int32Array(bufs.length + 1);
  for (let i = 0; i < bufs.length; i++) offsets[i + 1] = offsets[i] + bufs[i].length;
  const bytes = new Uint8Array(offsets[bufs.length]);
  bufs.forEach((b, i) => bytes.set(b, offsets[i]));
  return { bytes, offsets };
}

/**
 * Writes `rows` sign-ins (plus the header) to `path`. Returns { rows, bytes, users, apps }.
 * Shape of the data:
 * - every one of the 100,000 users signs in (the first 100,000 rows are a shuffled roll call);
 * - each user has a base app and uses ~6 apps around it, the first ones most;
 * - apps 31-40 are dropped at the winter break (their users move to apps 1-10), and
 *   apps 39-40 are dropped after October: dormant seats and unused products;
 * - school days are weekdays; each day's sign-ins run 12:00Z-04:00Z next day
 *   (07:00-23:00 in Chicago), so sign-ins after 00:00Z belong to the previous local day.
 */
export function generateUsage(path, rows, { seed = DEFAULT_SEED, users = USERS } = {}) {
  const rng = makeRng(seed);
  // A shuffled roll call so all users appear.
  const perm = new Int32Array(users);
  for (let i = 0; i < users; i++) perm[i] = i;
  for (let i = users - 1; i > 0; i--) {
    const j = rng() % (i + 1);
    const t = perm[i];
    perm[i] = perm[j];
    perm[j] = t;
  }
  const base = new Uint8Array(users);
  for (let u = 0; u < users; u++) base[u] = rng() % APPS;

  const heads = pack(Array.from({ length: users }, (_, u) => `,${userId(u)},${roleOf(u)},`));
  const tails = pack(
    Array.from({ length: users }, (_, u) => {
      const role = roleOf(u);
      const grade = role === 'student' ? ['K', '1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '11', '12'][(u >> 3) % 13] : '';
      return `,sch-${String(u % 37).padStart(2, '0')},${grade}\n`;
    }),
  );
  const apps = pack(Array.from({ length: APPS }, (_, a) => appName(a)));
  const days = weekdays(YEAR_START, YEAR_END);
  const winterBreak = dayOf('2025-12-20');
  const octoberEnd = dayOf('2025-11-01');
  const dateBytes = (d) => ascii(`${isoOf(d)}T`);
  const STRIDES = [0, 1, 3, 7, 13, 22];

  const CHUNK = 1 << 24;
  const buf = Buffer.allocUnsafe(CHUNK + 4096);
  let pos = 0;
  let total = 0;
  const fd = openSync(path, 'w');
  const flush = () => {
    writeSync(fd, buf, 0, pos);
    total += pos;
    pos = 0;
  };
  pos += buf.write(`${HEADER}\n`, 0, 'latin1');

  const D = days.length;
  const SPAN = 16 * 3600; // seconds from 12:00Z
  let row = 0;
  for (let di = 0; di < D; di++) {
    const end = Math.floor(((di + 1) * rows) / D);
    const n = end - row;
    const day = days[di];
    const d0 = dateBytes(day);
    const d1 = dateBytes(day + 1);
    for (let k = 0; k < n; k++, row++) {
      const r = rng();
      const u = row < users ? perm[row] : r % users;
      const r2 = rng();
      const pick = STRIDES[Math.floor(((r2 & 0xffff) / 65536) ** 2 * STRIDES.length)];
      let a = (base[u] + pick) % APPS;
      if (a >= 38 && day >= octoberEnd) a -= 38;
      if (a >= 30 && day >= winterBreak) a -= 30;
      const secs = 12 * 3600 + Math.floor((k * SPAN) / n);
      const next = secs >= 86400;
      const s = next ? secs - 86400 : secs;
      // timestamp
      const db = next ? d1 : d0;
      for (let i = 0; i < 11; i++) buf[pos + i] = db[i];
      const h = (s / 3600) | 0;
      const m = ((s % 3600) / 60) | 0;
      const sec = s % 60;
      buf[pos + 11] = 48 + ((h / 10) | 0);
      buf[pos + 12] = 48 + (h % 10);
      buf[pos + 13] = 58;
      buf[pos + 14] = 48 + ((m / 10) | 0);
      buf[pos + 15] = 48 + (m % 10);
      buf[pos + 16] = 58;
      buf[pos + 17] = 48 + ((sec / 10) | 0);
      buf[pos + 18] = 48 + (sec % 10);
      buf[pos + 19] = 90; // Z
      pos += 20;
      for (let i = heads.offsets[u], e = heads.offsets[u + 1]; i < e; i++) buf[pos++] = heads.bytes[i];
      for (let i = apps.offsets[a], e = apps.offsets[a + 1]; i < e; i++) buf[pos++] = apps.bytes[i];
      for (let i = tails.offsets[u], e = tails.offsets[u + 1]; i < e; i++) buf[pos++] = tails.bytes[i];
      if (pos >= CHUNK) flush();
    }
  }
  flush();
  closeSync(fd);
  return { rows, bytes: total, users, apps: APPS };
}

/** A 40-product catalog matching the generated apps (aliases "App 01".."App 40"). */
export function writeCatalog(dir) {
  mkdirSync(dir, { recursive: true });
  for (let a = 0; a < APPS; a++) {
    const lines = [
      `id: ${appId(a)}`,
      `name: ${appName(a)}`,
      'vendor: Bench Vendor',
      'category: supplemental',
      'status: active',
      'deployed_on: 2025-08-18',
      `cost: { model: per_seat, unit_price: ${(2 + (a % 5)).toFixed(2)}, seats: ${a % 3 === 0 ? 30000 : 20000} }`,
      `usage: { aliases: ["${appName(a)}"]${a % 4 === 0 ? `, licensed_teachers: ${1500 + a * 10}` : ''} }`,
      '',
    ];
    writeFileSync(join(dir, `${appId(a)}.yaml`), lines.join('\n'));
  }
}

/** The bench policy: defaults, the Chicago time zone, no calendar (school days are weekdays). */
export function writePolicy(path) {
  writeFileSync(
    path,
    [
      'district:',
      '  name: Bench Unified School District',
      '  students: 90000',
      '  teachers: 10000',
      'usage:',
      `  active_window_days: ${ACTIVE_WINDOW_DAYS}`,
      `  semester_days: ${SEMESTER_DAYS}`,
      `  timezone: ${TIMEZONE}`,
      '',
    ].join('\n'),
  );
}
