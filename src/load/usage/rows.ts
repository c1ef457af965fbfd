/**
 * Turning one usage export's CSV records into sign-ins (usage.md "Reading
 * rules"): the row handler the one-thread reader (./read.ts) and the range
 * threads (./ranges.ts) share, with the row accounting they both return.
 * No message ever quotes a row's content.
 */
import { inputError } from '../../model/errors.js';
import { normaliseRole, ROLES, type Role } from '../../model/roles.js';
import type { InputReport } from '../../model/types.js';
import type { CsvRecord, CsvRecordHandler } from '../csv/records.js';
import { BytesToInt } from '../csv/intern.js';
import { choosePlan, HeaderIndex, type RowPlan } from './formats.js';
import { isInternedSink, type InternedUsageSink, type ReadUsageOptions, type UsageSink } from './types.js';

/** How many bad rows' line numbers a report lists. */
export const FIRST_BAD_MAX = 10;

/**
 * True when `buf[s, e)` is a value meaning "none": empty, `-`, `never`,
 * `N/A`, `NA`, `NULL` or `\N` (ignoring case).
 */
export function isNoneBytes(buf: Uint8Array, s: number, e: number): boolean {
  const len = e - s;
  if (len === 0) return true;
  if (len > 5) return false;
  const a = buf[s] | 0x20;
  switch (len) {
    case 1:
      return buf[s] === 45; // -
    case 2:
      return (buf[s] === 92 && buf[s + 1] === 78) /* \N */ || (a === 110 && (buf[s + 1] | 0x20) === 97); // na
    case 3:
      return a === 110 && buf[s + 1] === 47 && (buf[s + 2] | 0x20) === 97; // n/a
    case 4:
      return a === 110 && (buf[s + 1] | 0x20) === 117 && (buf[s + 2] | 0x20) === 108 && (buf[s + 3] | 0x20) === 108; // null
    default:
      return (
        a === 110 &&
        (buf[s + 1] | 0x20) === 101 &&
        (buf[s + 2] | 0x20) === 118 &&
        (buf[s + 3] | 0x20) === 101 &&
        (buf[s + 4] | 0x20) === 114
      ); // never
  }
}

/** True when the value meaning "none" (see {@link isNoneBytes}). */
export function isNoneValue(value: string): boolean {
  const v = value.trim();
  return isNoneBytes(Buffer.from(v, 'utf8'), 0, Buffer.byteLength(v));
}

function equalsLower(buf: Uint8Array, s: number, e: number, lower: string): boolean {
  if (e - s !== lower.length) return false;
  for (let i = 0; i < lower.length; i++) if ((buf[s + i] | 0x20) !== lower.charCodeAt(i)) return false;
  return true;
}

function startsWithLower(buf: Uint8Array, s: number, e: number, lower: string): boolean {
  if (e - s < lower.length) return false;
  for (let i = 0; i < lower.length; i++) {
    const c = buf[s + i];
    const l = lower.charCodeAt(i);
    if (c !== l && (c | 0x20) !== l) return false;
  }
  return true;
}

/** Feeds a plain {@link UsageSink} (one string call per row) through the interned interface. */
class StringSink implements InternedUsageSink {
  private readonly users: string[] = [];
  private readonly userIndex = new Map<string, number>();
  private readonly apps: { app: string; appId: string | undefined }[] = [];
  constructor(private readonly sink: UsageSink) {}
  userHandle(user: string): number {
    let u = this.userIndex.get(user);
    if (u === undefined) {
      u = this.users.push(user) - 1;
      this.userIndex.set(user, u);
    }
    return u;
  }
  appHandle(app: string, appId: string | undefined): number {
    return this.apps.push({ app, appId }) - 1;
  }
  addInterned(day: number, user: number, app: number, role: Role, rows: number): void {
    const a = this.apps[app];
    for (let i = 0; i < rows; i++) this.sink.add(day, this.users[user], a.app, a.appId, role);
  }
}

/** Distinct strings of one column, numbered in order of first sight. */
class Names {
  readonly list: string[] = [];
  private readonly index = new Map<string, number>();
  readonly number = (text: string): number => {
    let i = this.index.get(text);
    if (i === undefined) {
      i = this.list.push(text) - 1;
      this.index.set(text, i);
    }
    return i;
  };
}

/** Turns records into sign-ins and counts; the CSV reader calls it (in the main thread, or in a range worker). */
export class UsageRowHandler implements CsvRecordHandler {
  plan: RowPlan | null = null;
  headerLine = 0;
  rows = 0;
  used = 0;
  readonly skipped: Record<string, number> = {};
  readonly badCounts: Record<string, number> = {};
  readonly firstBad: { line: number; reason: string }[] = [];
  private readonly sink: InternedUsageSink;
  /** User id bytes → the sink's user handle (made only for used rows). */
  private readonly users: BytesToInt;
  // Apps and app ids are numbered as read; their sink handle is made when a row using them is used.
  private readonly appNames = new Names();
  private readonly appIdNames = new Names();
  private readonly apps = new BytesToInt(this.appNames.number, 1 << 16);
  private readonly appIds = new BytesToInt(this.appIdNames.number, 1 << 16);
  /** Sink app handle per app number (rows without an app id, or -1 not made yet). */
  private appHandles = new Int32Array(64).fill(-1);
  /** Sink app handle per app number × app id number. */
  private readonly appIdHandles = new Map<number, number>();
  /** App number of the format's constant app (-1: not made yet). */
  private constApp = -1;
  /** Role values → index in ROLES (a handful of distinct strings per export). */
  private readonly roles = new BytesToInt((text) => ROLES.indexOf(normaliseRole(text)), 1 << 12);
  private readonly asOf: number;
  // Trimmed bounds of the field last read by `trim`.
  private s = 0;
  private e = 0;

  constructor(
    private readonly opts: ReadUsageOptions,
    private readonly file: string,
  ) {
    const sink = opts.sink;
    this.sink = isInternedSink(sink) ? sink : new StringSink(sink);
    this.users = new BytesToInt((user) => this.sink.userHandle(user));
    this.asOf = opts.asOfDay;
  }

  /** The sink's handle of app number `app` with app id number `appId` (-1: none). */
  private appHandle(app: number, appId: number): number {
    if (appId < 0) {
      if (app >= this.appHandles.length) {
        const bigger = new Int32Array(Math.max(app + 1, this.appHandles.length * 2)).fill(-1);
        bigger.set(this.appHandles);
        this.appHandles = bigger;
      }
      let h = this.appHandles[app];
      if (h < 0) h = this.appHandles[app] = this.sink.appHandle(this.appNames.list[app], undefined);
      return h;
    }
    const key = app * 0x4000000 + appId;
    let h = this.appIdHandles.get(key);
    if (h === undefined) {
      h = this.sink.appHandle(this.appNames.list[app], this.appIdNames.list[appId]);
      this.appIdHandles.set(key, h);
    }
    return h;
  }

  private header(rec: CsvRecord): void {
    const raw: string[] = [];
    for (let i = 0; i < rec.count; i++) raw.push(rec.field(i));
    this.headerLine = rec.line;
    this.plan = choosePlan(
      new HeaderIndex(raw),
      this.opts.customFormats,
      this.opts.forcedFormat,
      { timezone: this.opts.timezone, dateOrder: this.opts.dateOrder },
      this.file,
      rec.line,
    );
  }

  bad(line: number, reason: string): void {
    if (this.plan === null) {
      throw inputError({ file: this.file, line, message: `the header row cannot be read (${reason}): is this a CSV text file?` });
    }
    this.rows++;
    this.badRow(line, reason);
  }

  private badRow(line: number, reason: string): void {
    this.badCounts[reason] = (this.badCounts[reason] ?? 0) + 1;
    if (this.firstBad.length < FIRST_BAD_MAX) this.firstBad.push({ line, reason });
  }

  private skip(reason: string): void {
    this.skipped[reason] = (this.skipped[reason] ?? 0) + 1;
  }

  /** Sets `this.s`/`this.e` to field `i` without surrounding spaces. */
  private trim(rec: CsvRecord, i: number): void {
    const buf = rec.buf;
    let s = rec.starts[i];
    let e = rec.ends[i];
    while (s < e && (buf[s] === 32 || buf[s] === 9)) s++;
    while (e > s && (buf[e - 1] === 32 || buf[e - 1] === 9)) e--;
    this.s = s;
    this.e = e;
  }

  record(rec: CsvRecord): void {
    const p = this.plan;
    if (p === null) {
      this.header(rec);
      return;
    }
    this.rows++;
    if (rec.count !== p.columns) {
      this.badRow(rec.line, 'wrong column count');
      return;
    }
    const buf = rec.buf;
    const ascii = rec.ascii;

    // Rows the format says are not sign-ins.
    if (p.successCol >= 0) {
      this.trim(rec, p.successCol);
      if (!equalsLower(buf, this.s, this.e, 'success')) {
        this.skip('not a successful sign-in');
        return;
      }
    }
    if (p.skipWhen !== null) {
      const sw = p.skipWhen;
      const v = rec.field(sw.col).trim().toLowerCase();
      if (sw.values.has(v) !== sw.notIn) {
        this.skip(sw.reason);
        return;
      }
    }

    // User.
    this.trim(rec, p.user);
    let us = this.s;
    let ue = this.e;
    if (isNoneBytes(buf, us, ue) && p.userAlt >= 0) {
      this.trim(rec, p.userAlt);
      us = this.s;
      ue = this.e;
    }
    if (isNoneBytes(buf, us, ue)) {
      if (p.noUserIsSkip) this.skip('no user');
      else this.badRow(rec.line, 'empty user');
      return;
    }

    // App.
    let app = -1;
    if (p.appConst === null) {
      this.trim(rec, p.app);
      if (isNoneBytes(buf, this.s, this.e)) {
        this.badRow(rec.line, 'empty app');
        return;
      }
      if (p.skipUserContext && startsWithLower(buf, this.s, this.e, 'user:')) {
        this.skip('not an app');
        return;
      }
      app = this.apps.get(buf, this.s, this.e, ascii);
    }

    // Timestamp.
    this.trim(rec, p.timestamp);
    if (isNoneBytes(buf, this.s, this.e)) {
      if (p.noTimestampSkip !== null) this.skip(p.noTimestampSkip);
      else this.badRow(rec.line, 'unparsable timestamp');
      return;
    }
    const day = p.timestamps.parseBytes(buf, this.s, this.e);
    if (day !== day) {
      this.badRow(rec.line, 'unparsable timestamp');
      return;
    }
    if (day > this.asOf) {
      this.skip('after as-of');
      return;
    }

    let role: Role = 'unknown';
    if (p.role >= 0) {
      this.trim(rec, p.role);
      if (this.e > this.s) role = ROLES[this.roles.get(buf, this.s, this.e, ascii)];
    }
    let appId = -1;
    if (p.appId >= 0) {
      this.trim(rec, p.appId);
      if (!isNoneBytes(buf, this.s, this.e)) appId = this.appIds.get(buf, this.s, this.e, ascii);
    }
    if (app < 0) {
      if (this.constApp < 0) this.constApp = this.appNames.number(p.appConst!);
      app = this.constApp;
    }
    // A summary row stands for `sign_ins` sign-ins, so `rows` agrees with the raw events it summarises.
    let weight = 1;
    if (p.weight >= 0) {
      this.trim(rec, p.weight);
      weight = 0;
      for (let i = this.s; i < this.e; i++) {
        const c = buf[i] - 48;
        if (c < 0 || c > 9 || weight > 1e12) {
          weight = 0;
          break;
        }
        weight = weight * 10 + c;
      }
      if (weight < 1) {
        this.badRow(rec.line, 'unreadable sign_ins count');
        return;
      }
    }
    const appHandle = this.appHandle(app, appId);
    const user = this.users.get(buf, us, ue, ascii);
    this.sink.addInterned(day, user, appHandle, role, weight);
    this.used++;
  }
}

/** What reading a file (or a range of it) counted, before the checks of readUsageFile: an input report without its path, with the header's line. */
export type FileCounts = Omit<InputReport, 'path'> & { headerLine: number };

/** The counts of a handler that has read its records. */
export function countsOf(handler: UsageRowHandler): FileCounts {
  return {
    format: handler.plan?.format ?? '',
    headerLine: handler.headerLine,
    rows: handler.rows,
    used: handler.used,
    skipped: handler.skipped,
    bad: handler.badCounts,
    firstBad: handler.firstBad,
  };
}

