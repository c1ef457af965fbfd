/**
 * The streaming usage aggregation: every used sign-in of every export goes
 * through {@link UsageAggregator.add}, which keeps, per product and user, only
 * the day of the last sign-in (every usage figure depends on nothing else,
 * usage.md "Scale"). State is typed arrays and a few Maps keyed by distinct
 * strings, so memory grows with distinct users × products and apps, never
 * with rows, and `add` allocates nothing for a user and app it has seen.
 */
import type { Roster } from '../load/roster/index.js';
import type { DayNumber, InternedUsageSink, UsageSink } from '../load/usage/types.js';
import { GRADES } from '../model/grades.js';
import type { Role } from '../model/types.js';

/** The usage figures of one product that depend on sign-ins (the rest come from the manifest). */
export interface UsageCounts {
  /** Used rows whose app matched the product. */
  rows: number;
  /** Distinct seat users (family excluded) whose last sign-in is on or after `activeFrom`. */
  activeUsers: number;
  /** Of those, the teachers. */
  activeTeachers: number;
  /** Of those, the students (staff and unknown-role users count only in `activeUsers`). */
  activeStudents: number;
  /** Distinct seat users whose last sign-in is on or after `semesterFrom`. */
  semesterActiveUsers: number;
  /** Roster teachers with access; without a roster, `licensedTeachers` (null when unknown). */
  teachersWithAccess: number | null;
  /** Teachers with access who signed in on or after `semesterFrom`; without a roster, the distinct teacher-role users who did, at most `licensedTeachers` (null when unknown). */
  semesterActiveTeachersWithAccess: number | null;
  /** Day of the last sign-in to the product by anyone; null without one. */
  lastSeen: DayNumber | null;
  /** With a roster: active students by grade (see {@link Breakdown}); null without a roster. */
  activeByGrade: Breakdown | null;
  /** With a roster: active users by school (see {@link Breakdown}); null without a roster. */
  activeBySchool: Breakdown | null;
}

/**
 * Counts by grade or school, in grade order (PK, TK, K, 1..12) or by school
 * name, with `unknown` last for active users the roster gives no grade or
 * school (or does not know). A user with two grades or schools counts in
 * each. Every school where the product is deployed is listed, also at 0.
 */
export type Breakdown = { key: string; count: number }[];

/** How {@link UsageAggregator} resolves products and roles. */
export interface AggregatorOptions {
  /** The roster that unifies identities and supplies roles; null without one. */
  roster: Roster | null;
  /** The product index of an export's app (name and optional id), or -1 when it matches none. Called once per distinct app/app id. */
  match: (app: string, appId: string | undefined) => number;
  /** Products are 0..productCount-1. */
  productCount: number;
  /** Policy `usage.teacher_pattern`: identifiers it matches are teachers when neither export nor roster gives a role. */
  teacherPattern: RegExp | null;
  /** Tuning, for tests: most entries of the dense users × products matrix before the hash table takes over (default 16 Mi). */
  denseLimit?: number;
}

/** What {@link UsageAggregator.figures} needs besides the sign-ins. */
export interface FigureQuery {
  /** First day of the active window (policy.md, "School days"). */
  activeFrom: DayNumber;
  /** First day of the semester window. */
  semesterFrom: DayNumber;
  /** Roster indices of the product's teachers with access (Roster.teachersWithAccess); null without a roster. */
  teachersWithAccess: Int32Array | null;
  /** Manifest `usage.licensed_teachers`, used when `teachersWithAccess` is null. */
  licensedTeachers: number | null;
  /** Manifest `schools` (null or absent: every school of the roster): listed in the school breakdown even with no active user. */
  schools?: readonly string[] | null;
}

// Role codes; among the roles an export gives one user, the highest wins (so file order does not matter).
const R_NONE = 0;
const R_FAMILY = 1;
const R_STUDENT = 2;
const R_STAFF = 3;
const R_TEACHER = 4;
const R_UNKNOWN = 5; // only in resolved roles: no export role, no roster role, no pattern match

const NO_DAY = -2147483648;
/** Most entries of the dense users × products matrix (64 MB) before switching to the hash table. */
const DENSE_LIMIT = 16 * 1024 * 1024;

function roleCode(role: Role): number {
  switch (role) {
    case 'teacher':
      return R_TEACHER;
    case 'staff':
      return R_STAFF;
    case 'student':
      return R_STUDENT;
    case 'family':
      return R_FAMILY;
    default:
      return R_NONE;
  }
}

function grow<T extends Int32Array | Uint8Array | Float64Array>(a: T, need: number): T {
  if (need <= a.length) return a;
  let n = Math.max(16, a.length);
  while (n < need) n *= 2;
  const b = new (a.constructor as { new (n: number): T })(n);
  b.set(a);
  return b;
}

/**
 * The {@link UsageSink} every usage reader feeds. Identity unification: an
 * export user the roster knows (id, username or email) is that roster user;
 * any other is keyed by its identifier lower-cased and trimmed. A user's role
 * is the role export rows give it (teacher > staff > student > family when
 * rows disagree), else the roster's, else teacher when `teacherPattern`
 * matches one of its raw identifiers, else unknown. Roles are learned from
 * every used row, matched to a product or not.
 */
export class UsageAggregator implements UsageSink, InternedUsageSink {
  private readonly roster: Roster | null;
  private readonly match: (app: string, appId: string | undefined) => number;
  private readonly productCount: number;
  private readonly pattern: RegExp | null;
  private readonly rosterSize: number;
  private readonly denseLimit: number;

  // users: 0..rosterSize-1 are roster users, then export-only users in order of appearance
  private readonly rawUsers = new Map<string, number>();
  private readonly extUsers = new Map<string, number>();
  private userCount: number;
  private exportRole = new Uint8Array(0);
  private patternTeacher = new Uint8Array(0);

  // apps: one slot per distinct app (and per distinct app id of an app)
  private readonly appSlots = new Map<string, number>();
  private readonly appIdSlots = new Map<string, Map<string, number>>();
  private slotApp: string[] = [];
  private slotProduct = new Int32Array(16);
  private slotRows = new Float64Array(16);
  private readonly productRows: Float64Array;

  // (user, product) -> last day. While users × products is small, a dense matrix
  // lastDay[user * productCount + product] (NO_DAY = none): one array access per row.
  private dense: Int32Array | null = null;
  private denseUsers = 0;
  // Past DENSE_LIMIT entries (or from the start with many products), a hash table of the pairs seen:
  // open addressing, linear probing, one slot = [user, product, day, -]
  // in one array so a probe touches one cache line; user -1 = empty
  private table = new Int32Array(4 << 12).fill(-1);
  private capacity = 1 << 12;
  private hCount = 0;

  // per-product index built for figures(), dropped by add()
  private index: { offsets: Int32Array; users: Int32Array; days: Int32Array; roles: Uint8Array } | null = null;

  constructor(opts: AggregatorOptions) {
    this.roster = opts.roster;
    this.match = opts.match;
    this.productCount = opts.productCount;
    this.pattern = opts.teacherPattern;
    this.rosterSize = opts.roster?.size ?? 0;
    this.userCount = this.rosterSize;
    this.exportRole = new Uint8Array(Math.max(16, this.rosterSize * 2));
    this.patternTeacher = new Uint8Array(this.exportRole.length);
    this.productRows = new Float64Array(this.productCount);
    this.denseLimit = opts.denseLimit ?? DENSE_LIMIT;
    const users = Math.max(16, this.rosterSize);
    if (this.productCount > 0 && users * this.productCount <= this.denseLimit) {
      this.dense = new Int32Array(users * this.productCount).fill(NO_DAY);
      this.denseUsers = users;
    }
  }

  /** Records one used sign-in. */
  add(day: DayNumber, user: string, app: string, appId: string | undefined, role: Role): void {
    this.addInterned(day, this.userHandle(user), this.appHandle(app, appId), role, 1);
  }

  /** The aggregator's index of an export user identifier (unified through the roster, else by its lower-cased trimmed form). */
  userHandle(user: string): number {
    const u = this.rawUsers.get(user);
    return u === undefined ? this.newRawUser(user) : u;
  }

  /** The slot of an app name with its optional app id. */
  appHandle(app: string, appId: string | undefined): number {
    const slot = appId === undefined ? this.appSlots.get(app) : this.appIdSlots.get(app)?.get(appId);
    return slot === undefined ? this.newSlot(app, appId) : slot;
  }

  /** Records `rows` used sign-ins of user `u` (a {@link userHandle}) to app slot `slot` (an {@link appHandle}), the latest on `day`. */
  addInterned(day: DayNumber, u: number, slot: number, role: Role, rows: number): void {
    this.index = null;
    this.slotRows[slot] += rows;
    const code = roleCode(role);
    if (code > this.exportRole[u]) this.exportRole[u] = code;

    const p = this.slotProduct[slot];
    if (p < 0) return;
    this.productRows[p] += rows;
    if (this.dense !== null) {
      if (u >= this.denseUsers) this.growDense(u);
      if (this.dense !== null) {
        const i = u * this.productCount + p;
        if (day > this.dense[i]) this.dense[i] = day;
        return;
      }
    }
    this.upsert(u, p, day);
  }

  /** Makes room for user `u` in the dense matrix, or moves every pair to the hash table when it would be too big. */
  private growDense(u: number): void {
    const old = this.dense!;
    const P = this.productCount;
    let users = this.denseUsers * 2;
    while (users <= u) users *= 2;
    if (users * P <= this.denseLimit) {
      const d = new Int32Array(users * P).fill(NO_DAY);
      d.set(old);
      this.dense = d;
      this.denseUsers = users;
      return;
    }
    this.dense = null;
    for (let i = 0; i < old.length; i++) if (old[i] !== NO_DAY) this.upsert(Math.floor(i / P), i % P, old[i]);
  }

  private newSlot(app: string, appId: string | undefined): number {
    const slot = this.slotApp.length;
    let p = this.match(app, appId);
    if (!(p >= 0 && p < this.productCount)) p = -1;
    this.slotApp.push(app);
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

  private newRawUser(user: string): number {
    let u = this.roster !== null ? this.roster.lookup(user) : -1;
    if (u < 0) {
      const key = user.trim().toLowerCase();
      const known = this.extUsers.get(key);
      if (known !== undefined) u = known;
      else {
        u = this.userCount++;
        this.extUsers.set(key, u);
        if (u >= this.exportRole.length) {
          this.exportRole = grow(this.exportRole, u + 1);
          this.patternTeacher = grow(this.patternTeacher, u + 1);
        }
      }
    }
    this.rawUsers.set(user, u);
    if (this.pattern !== null && this.patternTeacher[u] === 0) {
      this.pattern.lastIndex = 0;
      if (this.pattern.test(user)) this.patternTeacher[u] = 1;
    }
    return u;
  }

  /** Offset in `table` of the slot of (u, p): its entry, or the empty slot where it goes. */
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

  private upsert(u: number, p: number, day: number): void {
    const t = this.table;
    const o = this.slotOf(t, u, p, this.capacity - 1);
    if (t[o] === -1) {
      t[o] = u;
      t[o + 1] = p;
      t[o + 2] = day;
      if (++this.hCount * 10 > this.capacity * 6) this.rehash();
    } else if (day > t[o + 2]) t[o + 2] = day;
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
    }
    this.table = t;
    this.capacity = capacity;
  }

  /** Last sign-in day of a user (aggregator index) to a product; null when none. */
  private lastDay(u: number, p: number): number | null {
    if (this.dense !== null) {
      if (u >= this.denseUsers) return null;
      const d = this.dense[u * this.productCount + p];
      return d === NO_DAY ? null : d;
    }
    const o = this.slotOf(this.table, u, p, this.capacity - 1);
    return this.table[o] === -1 ? null : this.table[o + 2];
  }

  private resolvedRole(u: number): number {
    const e = this.exportRole[u];
    if (e !== R_NONE) return e;
    if (u < this.rosterSize) {
      const r = roleCode(this.roster!.role(u));
      if (r !== R_NONE) return r;
    }
    return this.patternTeacher[u] ? R_TEACHER : R_UNKNOWN;
  }

  private buildIndex(): NonNullable<UsageAggregator['index']> {
    const P = this.productCount;
    const offsets = new Int32Array(P + 1);
    const roles = new Uint8Array(this.userCount);
    for (let u = 0; u < this.userCount; u++) roles[u] = this.resolvedRole(u);
    const dense = this.dense;
    if (dense !== null) {
      for (let i = 0; i < dense.length; i++) if (dense[i] !== NO_DAY) offsets[(i % P) + 1]++;
      for (let p = 0; p < P; p++) offsets[p + 1] += offsets[p];
      const fill = offsets.slice(0, P);
      const users = new Int32Array(offsets[P]);
      const days = new Int32Array(offsets[P]);
      for (let i = 0; i < dense.length; i++) {
        if (dense[i] === NO_DAY) continue;
        const k = fill[i % P]++;
        users[k] = Math.floor(i / P);
        days[k] = dense[i];
      }
      return { offsets, users, days, roles };
    }
    const t = this.table;
    for (let o = 0; o < t.length; o += 4) if (t[o] !== -1) offsets[t[o + 1] + 1]++;
    for (let p = 0; p < P; p++) offsets[p + 1] += offsets[p];
    const fill = offsets.slice(0, P);
    const users = new Int32Array(this.hCount);
    const days = new Int32Array(this.hCount);
    for (let o = 0; o < t.length; o += 4) {
      if (t[o] === -1) continue;
      const k = fill[t[o + 1]]++;
      users[k] = t[o];
      days[k] = t[o + 2];
    }
    return { offsets, users, days, roles };
  }

  /** Apps that matched no product, with their used rows: most rows first, then by name; at most `limit`. App names are not user data. */
  unmatchedApps(limit = 20): { app: string; rows: number }[] {
    const byApp = new Map<string, number>();
    for (let s = 0; s < this.slotApp.length; s++) {
      if (this.slotProduct[s] >= 0) continue;
      const app = this.slotApp[s];
      byApp.set(app, (byApp.get(app) ?? 0) + this.slotRows[s]);
    }
    return [...byApp]
      .map(([app, rows]) => ({ app, rows }))
      .sort((a, b) => b.rows - a.rows || (a.app < b.app ? -1 : a.app > b.app ? 1 : 0))
      .slice(0, Math.max(0, limit));
  }

  /** The figures of product `p` (0..productCount-1) for the given windows (rules.md, "Usage rules"). */
  figures(p: number, q: FigureQuery): UsageCounts {
    if (this.index === null) this.index = this.buildIndex();
    const { offsets, users, days, roles } = this.index;
    let activeUsers = 0;
    let activeTeachers = 0;
    let activeStudents = 0;
    let semesterActiveUsers = 0;
    let semesterTeachers = 0;
    let lastSeen: number | null = null;
    const roster = this.roster;
    const byGrade = roster === null ? null : new Float64Array(GRADES.length + 1); // the last slot: unknown
    const bySchool = roster === null ? null : new Map<string, number>();
    let noSchool = 0;
    for (let k = offsets[p]; k < offsets[p + 1]; k++) {
      const day = days[k];
      if (lastSeen === null || day > lastSeen) lastSeen = day;
      const u = users[k];
      const role = roles[u];
      if (role === R_FAMILY) continue;
      if (day >= q.activeFrom) {
        activeUsers++;
        if (role === R_TEACHER) activeTeachers++;
        else if (role === R_STUDENT) activeStudents++;
        if (roster !== null) {
          const known = u < this.rosterSize;
          if (role === R_STUDENT) {
            const mask = known ? roster.gradeMask(u) : 0;
            if (mask === 0) byGrade![GRADES.length]++;
            for (let r = 0; r < GRADES.length; r++) if (mask & (1 << r)) byGrade![r]++;
          }
          const schools = known ? roster.schoolsOf(u) : [];
          if (schools.length === 0) noSchool++;
          for (const s of schools) bySchool!.set(s, (bySchool!.get(s) ?? 0) + 1);
        }
      }
      if (day >= q.semesterFrom) {
        semesterActiveUsers++;
        if (role === R_TEACHER) semesterTeachers++;
      }
    }
    let teachersWithAccess: number | null;
    let semesterActiveTeachersWithAccess: number | null;
    if (q.teachersWithAccess !== null) {
      teachersWithAccess = q.teachersWithAccess.length;
      semesterActiveTeachersWithAccess = 0;
      for (const t of q.teachersWithAccess) {
        if (t < 0 || t >= this.rosterSize) continue;
        const last = this.lastDay(t, p);
        if (last !== null && last >= q.semesterFrom) semesterActiveTeachersWithAccess++;
      }
    } else {
      teachersWithAccess = q.licensedTeachers;
      semesterActiveTeachersWithAccess = q.licensedTeachers === null ? null : Math.min(semesterTeachers, q.licensedTeachers);
    }
    let activeByGrade: Breakdown | null = null;
    let activeBySchool: Breakdown | null = null;
    if (roster !== null) {
      activeByGrade = [];
      for (let r = 0; r < GRADES.length; r++) if (byGrade![r] > 0) activeByGrade.push({ key: GRADES[r], count: byGrade![r] });
      if (byGrade![GRADES.length] > 0) activeByGrade.push({ key: 'unknown', count: byGrade![GRADES.length] });
      const known = new Set(roster.schoolKeys());
      const written = new Map<string, string>(); // manifest schools the roster does not name: shown as the manifest writes them
      for (const s of q.schools ?? known) {
        const key = s.trim().toLowerCase();
        if (key === '') continue;
        if (!known.has(key)) written.set(key, s.trim());
        if (!bySchool!.has(key)) bySchool!.set(key, 0);
      }
      activeBySchool = [...bySchool!]
        .map(([key, count]) => ({ key: written.get(key) ?? roster.schoolLabel(key), count }))
        .sort((a, b) => a.key.localeCompare(b.key, 'en') || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
      if (noSchool > 0) activeBySchool.push({ key: 'unknown', count: noSchool });
    }
    return {
      activeByGrade,
      activeBySchool,
      rows: this.productRows[p] ?? 0,
      activeUsers,
      activeTeachers,
      activeStudents,
      semesterActiveUsers,
      teachersWithAccess,
      semesterActiveTeachersWithAccess,
      lastSeen,
    };
  }
}
