/**
 * Turning one usage export's CSV records into sign-ins (usage.md "Reading
 * rules"): the row handler the one-thread reader (./read.ts) and the range
 * threads (./ranges.ts) share, with the row accounting they both return.
 * No message ever quotes a row's content.
 */
import { inputError } from '../../model/errors.js';
import { TrendMonths } from '../../model/months.js';
import { normaliseRole, ROLES, type Role } from '../../model/roles.js';
import type { InputReport } from '../../model/types.js';
import type { CsvRecord, CsvRecordHandler } from '../csv/records.js';
import { BytesToInt } from '../csv/intern.js';
import { choosePlan, HeaderIndex, type RowPlan } from './formats.js';
import { compileSafePattern } from '../../model/pattern.js';
import { isInternedSink, type CountRow, type InternedUsageSink, type ReadUsageOptions, type UsageSink } from './types.js';

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

/** True when `buf[s, e)` is `lower` ignoring the case of ASCII letters (`login_success`: `_` is no letter). */
function equalsLower(buf: Uint8Array, s: number, e: number, lower: string): boolean {
  if (e - s !== lower.length) return false;
  for (let i = 0; i < lower.length; i++) {
    const c = buf[s + i];
    if ((c >= 65 && c <= 90 ? c | 0x20 : c) !== lower.charCodeAt(i)) return false;
  }
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
  addInterned(day: number, user: number, app: number, role: Role, rows: number, _months: number): void {
    const a = this.apps[app];
    for (let i = 0; i < rows; i++) this.sink.add(day, this.users[user], a.app, a.appId, role);
  }
  addCount(app: number, row: CountRow): void {
    const a = this.apps[app];
    this.sink.addCountRow?.(a.app, a.appId, row);
  }
}

/** The epoch as Google writes "never" (usage-sources.md `google-user-report`): `1970-01-01T00:00:00…` or a plain 0. */
function isEpochNever(buf: Uint8Array, s: number, e: number): boolean {
  const EPOCH = '1970-01-01T00:00:00';
  if (e - s >= EPOCH.length) {
    for (let i = 0; i < EPOCH.length; i++) {
      const c = buf[s + i];
      const want = EPOCH.charCodeAt(i);
      if (c !== want && !(i === 10 && c === 32)) return false;
    }
    return true;
  }
  for (let i = s; i < e; i++) if (buf[i] !== 48) return false;
  return e > s;
}

/**
 * A count of edvet-counts: digits with `,` grouping, else -1. Why the grouping: counts are copied from dashboards
 * that print `1,240` (usage-sources.md).
 */
function readCount(buf: Uint8Array, s: number, e: number): number {
  if (s >= e) return -1;
  let n = 0;
  let digits = 0;
  for (let i = s; i < e; i++) {
    const c = buf[i];
    if (c === 44 && digits > 0 && i + 1 < e) continue;
    const d = c - 48;
    if (d < 0 || d > 9 || n > 1e12) return -1;
    n = n * 10 + d;
    digits++;
  }
  return digits > 0 ? n : -1;
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
  /** Org-unit paths → index in ROLES through policy `usage.role_by_org_unit` (null: the policy sets none). */
  private readonly orgUnitRoles: BytesToInt | null;
  /** Schools of edvet-counts rows, numbered (only groups rows). */
  private readonly schools = new Names();
  private readonly schoolIds = new BytesToInt(this.schools.number, 1 << 12);
  /** Earliest and latest day of a used record (NaN: none yet). */
  firstDay = Number.NaN;
  lastDay = Number.NaN;
  private readonly asOf: number;
  /** The sink takes edvet-counts rows. */
  private readonly takesCounts: boolean;
  /** The monthly trend's months ending at as-of: each event row's month bit. */
  private readonly months: TrendMonths;
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
    this.takesCounts = isInternedSink(sink) ? typeof sink.addCount === 'function' : typeof sink.addCountRow === 'function';
    const rules = (opts.roleByOrgUnit ?? []).map((r) => ({ re: compileSafePattern(r.match), role: r.role }));
    // The first rule matching an org unit gives its role (usage-sources.md "Roles by org unit"); none: unknown.
    this.orgUnitRoles = rules.length === 0 ? null : new BytesToInt((ou) => ROLES.indexOf(rules.find((r) => r.re.test(ou))?.role ?? 'unknown'), 1 << 12);
    this.months = new TrendMonths(opts.asOfDay);
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

  /** Sets `this.s`/`this.e` to the first of `cols` that holds a value (not a none-value); false when none does. */
  private pick(rec: CsvRecord, cols: readonly number[]): boolean {
    for (const c of cols) {
      this.trim(rec, c);
      if (!isNoneBytes(rec.buf, this.s, this.e)) return true;
    }
    this.e = this.s;
    return false;
  }

  /** Notes the day of a used record. */
  private usedDay(day: number): void {
    if (!(day >= this.firstDay)) this.firstDay = day;
    if (!(day <= this.lastDay)) this.lastDay = day;
  }

  /** The role of a row: its org unit through `usage.role_by_org_unit` first, else its role column (both export roles: a roster's wins later). */
  private roleOf(rec: CsvRecord, p: RowPlan): Role {
    if (this.orgUnitRoles !== null && p.orgUnit.length > 0 && this.pick(rec, p.orgUnit)) {
      const r = ROLES[this.orgUnitRoles.get(rec.buf, this.s, this.e, rec.ascii)];
      if (r !== 'unknown') return r;
    }
    if (p.role >= 0) {
      this.trim(rec, p.role);
      if (this.e > this.s) return ROLES[this.roles.get(rec.buf, this.s, this.e, rec.ascii)];
    }
    return 'unknown';
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
    if (p.counts !== null) {
      this.countRow(rec, p);
      return;
    }
    const buf = rec.buf;
    const ascii = rec.ascii;
    const m = p.multi;

    // Rows the format says are not sign-ins.
    if (p.successCol >= 0) {
      this.trim(rec, p.successCol);
      if (!equalsLower(buf, this.s, this.e, 'success')) {
        this.skip('not a successful sign-in');
        return;
      }
    }
    if (p.event !== null) {
      if (!this.pick(rec, p.event.cols) || !equalsLower(buf, this.s, this.e, p.event.value)) {
        this.skip(p.event.reason);
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
    if (m !== null) this.pick(rec, m.user);
    else this.trim(rec, p.user);
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
    if (p.records !== null) {
      this.recordsRow(rec, p, us, ue);
      return;
    }

    // App.
    let app = -1;
    if (p.appConst === null) {
      if (m !== null) this.pick(rec, m.app);
      else this.trim(rec, p.app);
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
    if (m !== null) this.pick(rec, m.timestamp);
    else this.trim(rec, p.timestamp);
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

    const role = this.roleOf(rec, p);
    let appId = -1;
    if (m !== null) {
      if (this.pick(rec, m.appId)) appId = this.appIds.get(buf, this.s, this.e, ascii);
    } else if (p.appId >= 0) {
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
    // An event (or an edvet-summary row: a user active in the month of its last_seen) enters the trend; a last-seen row does not.
    this.sink.addInterned(day, user, appHandle, role, weight, p.kind === 'events' ? this.months.bitOf(day) : 0);
    this.usedDay(day);
    this.used++;
  }

  /**
   * A google-user-report row: up to one last-seen record per time column, each for its constant app. An empty,
   * none or epoch ("never") time gives none; an unreadable one makes the row bad; a row with no record left is
   * skipped ("after as-of" when a time was later than as-of, else "never signed in").
   */
  private recordsRow(rec: CsvRecord, p: RowPlan, us: number, ue: number): void {
    const buf = rec.buf;
    const records = p.records!;
    let n = 0;
    let late = false;
    const days: number[] = [];
    for (const r of records) {
      let day = Number.NaN;
      if (this.pick(rec, r.cols) && !isEpochNever(buf, this.s, this.e)) {
        day = p.timestamps.parseBytes(buf, this.s, this.e);
        if (day !== day) {
          this.badRow(rec.line, 'unparsable timestamp');
          return;
        }
        if (day > this.asOf) {
          late = true;
          day = Number.NaN;
        } else {
          n++;
        }
      }
      days.push(day);
    }
    if (n === 0) {
      this.skip(late ? 'after as-of' : 'never signed in');
      return;
    }
    const role = this.roleOf(rec, p);
    const user = this.users.get(buf, us, ue, rec.ascii);
    records.forEach((r, i) => {
      const day = days[i];
      if (day !== day) return;
      this.sink.addInterned(day, user, this.appHandle(this.appNames.number(r.app), -1), role, 1, 0); // last-seen records: not in the monthly trend
      this.usedDay(day);
    });
    this.used++;
  }

  /** An edvet-counts row (usage-sources.md "edvet-counts"): distinct users of an app in a period, naming nobody. */
  private countRow(rec: CsvRecord, p: RowPlan): void {
    const buf = rec.buf;
    const ascii = rec.ascii;
    const c = p.counts!;
    this.trim(rec, p.app);
    if (isNoneBytes(buf, this.s, this.e)) {
      this.badRow(rec.line, 'empty app');
      return;
    }
    const app = this.apps.get(buf, this.s, this.e, ascii);
    const start = this.periodDay(rec, p, c.start);
    const end = this.periodDay(rec, p, c.end);
    if (start !== start || end !== end) {
      this.badRow(rec.line, 'unparsable timestamp');
      return;
    }
    this.trim(rec, c.count);
    const count = readCount(buf, this.s, this.e);
    if (count < 0) {
      this.badRow(rec.line, 'unparsable count');
      return;
    }
    if (end < start) {
      this.badRow(rec.line, 'period ends before it starts');
      return;
    }
    if (end > this.asOf) {
      this.skip('period ends after as-of');
      return;
    }
    let role: Role = 'unknown';
    if (p.role >= 0) {
      this.trim(rec, p.role);
      if (this.e > this.s) role = ROLES[this.roles.get(buf, this.s, this.e, ascii)];
    }
    if (role === 'family') {
      this.skip('not a seat user');
      return;
    }
    let appId = -1;
    if (p.appId >= 0) {
      this.trim(rec, p.appId);
      if (!isNoneBytes(buf, this.s, this.e)) appId = this.appIds.get(buf, this.s, this.e, ascii);
    }
    let school = '';
    if (c.school >= 0) {
      this.trim(rec, c.school);
      if (this.e > this.s) school = this.schools.list[this.schoolIds.get(buf, this.s, this.e, ascii)];
    }
    if (!this.takesCounts) throw inputError({ file: this.file, message: 'aggregate counts (edvet-counts) cannot be read here' });
    this.sink.addCount!(this.appHandle(app, appId), { start, end, activeUsers: count, role, school });
    this.usedDay(end);
    this.used++;
  }

  /** A period date of edvet-counts (`YYYY-MM-DD` or `M/D/YYYY`, no time): its day, NaN when unreadable. */
  private periodDay(rec: CsvRecord, p: RowPlan, col: number): number {
    this.trim(rec, col);
    const buf = rec.buf;
    for (let i = this.s; i < this.e; i++) if (buf[i] === 58 /* : */ || buf[i] === 32) return Number.NaN;
    return isNoneBytes(buf, this.s, this.e) ? Number.NaN : p.timestamps.parseBytes(buf, this.s, this.e);
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
    firstDay: handler.firstDay === handler.firstDay ? handler.firstDay : null,
    lastDay: handler.lastDay === handler.lastDay ? handler.lastDay : null,
  };
}

