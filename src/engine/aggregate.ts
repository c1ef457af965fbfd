/**
 * The streaming usage aggregation: every used sign-in of every export goes
 * through {@link UsageAggregator.addInterned}, which resolves the user
 * (./identities.ts), matches the app to a product once per distinct app, and
 * keeps per product and user only the day of the last sign-in
 * (./last-days.ts); the figures are counted from that (./figures.ts). State
 * is typed arrays and a few Maps keyed by distinct strings, so memory grows
 * with distinct users × products and apps, never with rows, and a row of a
 * user and app already seen allocates nothing.
 */
import { splitUnmatched, type UnmatchedRows, type UnmatchedSplit } from '../model/identifiers.js';
import type { DayNumber } from '../model/dates.js';
import { TrendMonths } from '../model/months.js';
import type { SafePattern } from '../model/pattern.js';
import type { Role } from '../model/roles.js';
import type { Roster } from '../model/roster.js';
import type { CountRow, InternedUsageSink, SignInCounts, UsageSink } from '../model/usage.js';
import { signInFigures, type FigureQuery } from './figures.js';
import { Identities } from './identities.js';
import { LastDayStore, type LastDayIndex } from './last-days.js';
import { monthlyTrend } from './monthly.js';
import { grow } from './typed-arrays.js';

export type { FigureQuery } from './figures.js';

/** How {@link UsageAggregator} resolves products and roles. */
export interface AggregatorOptions {
  /** The roster that unifies identities and supplies roles; null without one. */
  roster: Roster | null;
  /** The product index of an export's app (name and optional id), or -1 when it matches none. Called once per distinct app/app id. */
  match: (app: string, appId: string | undefined) => number;
  /** Products are 0..productCount-1. */
  productCount: number;
  /** Policy `usage.teacher_pattern`: identifiers it matches are teachers when neither export nor roster gives a role. */
  teacherPattern: SafePattern | null;
  /** The as-of date: the monthly trend's months end with its month (without it, {@link UsageAggregator.add} records no month and no product has a trend). */
  asOfDay?: DayNumber;
  /** Tuning, for tests: most entries of the dense users × products matrix before the hash table takes over (default 16 Mi). */
  denseLimit?: number;
}

/** The {@link UsageSink} every usage reader feeds; roles are learned from every used row, matched to a product or not. */
export class UsageAggregator implements UsageSink, InternedUsageSink {
  private readonly roster: Roster | null;
  private readonly match: (app: string, appId: string | undefined) => number;
  private readonly productCount: number;
  private readonly users: Identities;
  private readonly lastDays: LastDayStore;
  /** The trend's months (null without an as-of date). */
  private readonly trend: TrendMonths | null;
  /** The union of every trend-month mask recorded: which months the run's events cover. */
  private monthsUnion = 0;

  // apps: one slot per distinct app (and per distinct app id of an app)
  private readonly appSlots = new Map<string, number>();
  private readonly appIdSlots = new Map<string, Map<string, number>>();
  private slotApp: string[] = [];
  private slotAppId: (string | undefined)[] = [];
  private slotProduct = new Int32Array(16);
  private slotRows = new Float64Array(16);
  private readonly productRows: Float64Array;
  /** Per product, its used rows of aggregate counts (few: a district copies them from dashboards). */
  private readonly countRows: CountRow[][];

  // the earliest day of the rows read since startFile() (usage-sources.md "Coverage"), and the products they matched
  private fileEarliestDay: DayNumber | null = null;
  private readonly fileProducts: Uint8Array;

  // built for figures(), dropped by addInterned()
  private index: { days: LastDayIndex; roles: Uint8Array } | null = null;

  constructor(opts: AggregatorOptions) {
    this.roster = opts.roster;
    this.match = opts.match;
    this.productCount = opts.productCount;
    this.users = new Identities(opts.roster, opts.teacherPattern);
    this.productRows = new Float64Array(this.productCount);
    this.fileProducts = new Uint8Array(this.productCount);
    this.countRows = Array.from({ length: this.productCount }, () => []);
    this.lastDays = new LastDayStore(this.productCount, this.users.rosterSize, opts.denseLimit);
    this.trend = opts.asOfDay === undefined ? null : new TrendMonths(opts.asOfDay);
  }

  /** Records one used sign-in event (on or before as-of). */
  add(day: DayNumber, user: string, app: string, appId: string | undefined, role: Role): void {
    this.addInterned(day, this.userHandle(user), this.appHandle(app, appId), role, 1, this.trend === null ? 0 : this.trend.bitOf(day));
  }

  /** The aggregator's index of an export user identifier (unified through the roster, else by its lower-cased trimmed form). */
  userHandle(user: string): number {
    return this.users.userOf(user);
  }

  /** The slot of an app name with its optional app id. */
  appHandle(app: string, appId: string | undefined): number {
    const slot = appId === undefined ? this.appSlots.get(app) : this.appIdSlots.get(app)?.get(appId);
    return slot === undefined ? this.newSlot(app, appId) : slot;
  }

  /** Records `rows` used sign-ins of user `u` (a {@link userHandle}) to app slot `slot` (an {@link appHandle}), the latest on `day`, in the trend months `months`. */
  addInterned(day: DayNumber, u: number, slot: number, role: Role, rows: number, months: number): void {
    this.index = null;
    if (this.fileEarliestDay === null || day < this.fileEarliestDay) this.fileEarliestDay = day;
    this.slotRows[slot] += rows;
    this.users.noteRole(u, role);
    // Why: "months before that of the run's earliest used event" — any event of the run, matched to a product or not.
    this.monthsUnion |= months;
    const p = this.slotProduct[slot];
    if (p < 0) return;
    this.productRows[p] += rows;
    this.fileProducts[p] = 1;
    this.lastDays.record(u, p, day, months);
  }

  /** Sizes the per-user state once for at least `users` export users (without a roster: they are users 0..users-1). */
  reserveUsers(users: number): void {
    if (this.users.rosterSize === 0) this.lastDays.reserve(users);
  }

  /** Starts a new file: {@link fileEarliest} then gives the earliest day of its used rows. */
  startFile(): void {
    this.fileEarliestDay = null;
    this.fileProducts.fill(0);
  }

  /** The products (indices) that per-user rows read since {@link startFile} matched. */
  fileProductIndices(): number[] {
    const out: number[] = [];
    for (let p = 0; p < this.productCount; p++) if (this.fileProducts[p] === 1) out.push(p);
    return out;
  }

  /** The earliest day of the used rows (matched to a product or not) since {@link startFile}; null when none. */
  fileEarliest(): DayNumber | null {
    return this.fileEarliestDay;
  }

  /** Records one used row of aggregate counts (edvet-counts) for app slot `slot` (an {@link appHandle}). */
  addCount(slot: number, row: CountRow): void {
    this.index = null;
    this.slotRows[slot] += 1;
    const p = this.slotProduct[slot];
    if (p >= 0) this.countRows[p].push(row);
  }

  private newSlot(app: string, appId: string | undefined): number {
    const slot = this.slotApp.length;
    let p = this.match(app, appId);
    if (!(p >= 0 && p < this.productCount)) p = -1;
    this.slotApp.push(app);
    this.slotAppId.push(appId);
    this.slotProduct = grow(this.slotProduct, slot + 1);
    this.slotRows = grow(this.slotRows, slot + 1);
    this.slotProduct[slot] = p;
    this.slotRows[slot] = 0;
    if (appId === undefined) this.appSlots.set(app, slot);
    else {
      let ids = this.appIdSlots.get(app);
      if (ids === undefined) this.appIdSlots.set(app, (ids = new Map()));
      ids.set(appId, slot);
    }
    return slot;
  }

  /**
   * Apps that matched no product, with their used rows, keyed by app and app id ignoring case (the first spelling
   * seen is kept): every one, sorted as usage-sources.md says (model/identifiers.ts), or the first `limit`. Values
   * that look like a user identifier (an e-mail, `User: Name`) are only counted.
   */
  unmatchedApps(limit = Infinity): UnmatchedSplit {
    const byKey = new Map<string, UnmatchedRows>();
    for (let s = 0; s < this.slotApp.length; s++) {
      if (this.slotProduct[s] >= 0) continue;
      const app = this.slotApp[s];
      const appId = this.slotAppId[s] ?? null;
      const key = `${app.toLowerCase()}\u0000${appId === null ? '\u0001' : appId.toLowerCase()}`;
      const e = byKey.get(key);
      if (e) e.rows += this.slotRows[s];
      else byKey.set(key, { app, appId, rows: this.slotRows[s] });
    }
    return splitUnmatched([...byKey.values()], limit);
  }

  /** The used rows of aggregate counts matched to product `p` (usage-sources.md "edvet-counts"). */
  countRowsOf(p: number): readonly CountRow[] {
    return this.countRows[p] ?? [];
  }

  /** The sign-in figures of product `p` (0..productCount-1) for the given windows (rules.md, "Usage rules"), from its per-user rows. */
  figures(p: number, q: FigureQuery): SignInCounts {
    if (this.index === null) this.index = { days: this.lastDays.index(), roles: this.users.resolvedRoles() };
    const { days: ix, roles } = this.index;
    const from = ix.offsets[p];
    const to = ix.offsets[p + 1];
    const users = ix.users.subarray(from, to);
    const counts = signInFigures(
      { users, days: ix.days.subarray(from, to), rows: this.productRows[p] ?? 0, lastDay: (u) => this.lastDays.lastDay(u, p) },
      { roles, roster: this.roster },
      q,
    );
    const monthly = this.trend === null ? null : monthlyTrend(users, ix.months.subarray(from, to), roles, this.monthsUnion, this.trend);
    return { ...counts, monthly };
  }
}
