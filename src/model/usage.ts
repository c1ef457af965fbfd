/**
 * Usage, as one shape from the readers to the reporters: the sink every
 * usage reader feeds (the contract between src/load/usage and the
 * aggregation in src/engine), and {@link UsageFigures}, the figures of one
 * product that the aggregation counts, the usage rules judge and the
 * reporters show. The narrower types below are views of it, never copies.
 */
import type { DayNumber } from './dates.js';
import type { Cents } from './money.js';
import type { Role } from './roles.js';

/** Receives every *used* sign-in (not skipped, not bad, not after as-of), one call per row. */
export interface UsageSink {
  add(day: DayNumber, user: string, app: string, appId: string | undefined, role: Role): void;
  /** A used edvet-counts row (a sink without it cannot take counts). */
  addCountRow?(app: string, appId: string | undefined, row: CountRow): void;
}

/**
 * One used row of aggregate counts (usage-sources.md "edvet-counts"): at least `activeUsers` distinct users of
 * the app (of `role`; `unknown`: everyone) signed in from `start` to `end`, both included.
 */
export interface CountRow {
  start: DayNumber;
  end: DayNumber;
  activeUsers: number;
  role: Role;
  /** The row's school as written ('' none): it only groups rows of one period. */
  school: string;
}

/**
 * The fast form of {@link UsageSink}: the reader interns each distinct user
 * identifier and app (name and optional app id) of a file once, from its
 * bytes, and then passes the sink's own integer handles per row, so no string
 * is made per row. What the sink must keep depends only on each user's last
 * day per app, its role and row counts, so a batch of rows may be passed as
 * one call (`rows` > 1, `day` their latest, `role` the highest of theirs).
 */
export interface InternedUsageSink {
  /** The sink's handle of an export user identifier (the decoded field, untrimmed inner text). Called once per distinct identifier per file (or per reading thread). */
  userHandle(user: string): number;
  /** The sink's handle of an app name with its optional app id. Called once per distinct pair per file (or per reading thread). */
  appHandle(app: string, appId: string | undefined): number;
  /**
   * Used sign-ins of `user` to `app`, the latest on `day`; `role` is the
   * highest role among them (teacher > staff > student > family > unknown).
   * `rows` is how many used rows the call stands for, counted per app only:
   * 1 when streaming rows; when passing per-range summaries, an app's rows
   * may all come with one of its calls and 0 with the others. `months` is
   * the mask (model/months.ts) of the trend months the rows' events fall in,
   * 0 for last-seen rows, which do not enter the monthly trend.
   */
  addInterned(day: DayNumber, user: number, app: number, role: Role, rows: number, months: number): void;
  /** A used row of aggregate counts for app handle `app` (a sink without it cannot take counts). */
  addCount?(app: number, row: CountRow): void;
  /** A hint before per-range summaries are passed: at least `users` distinct identifiers are coming (the sink may size its state once). */
  reserveUsers?(users: number): void;
}

/** True when `sink` takes interned handles. */
export function isInternedSink(sink: UsageSink | InternedUsageSink): sink is InternedUsageSink {
  return typeof (sink as Partial<InternedUsageSink>).addInterned === 'function';
}

/** Active students of one grade (PK, TK, K, 1..12, or `unknown`). */
export interface GradeCount {
  grade: string;
  activeStudents: number;
}

/** Active users of one school (its name, or `unknown`). */
export interface SchoolCount {
  school: string;
  activeUsers: number;
}

/** Distinct users of one calendar month of the monthly trend (usage-sources.md "Monthly trend"); null in both for a month before the run's earliest event. */
export interface MonthCount {
  /** `YYYY-MM`. */
  month: string;
  activeUsers: number | null;
  /** Of those, the teachers. */
  activeTeachers: number | null;
}

/** Where a product's activity figures come from (usage-sources.md): per-user rows, or aggregate counts (lower bounds). */
export type UsageBasis = 'users' | 'counts';

/** Who a licence is for (usage-sources.md "Per-teacher licences"): `teacher` for `cost.model: per_teacher`, else `any`. */
export type LicensedRole = 'teacher' | 'any';

/**
 * Usage figures of one product (reports.md `usage`; rules.md "Usage rules";
 * usage-sources.md "Honest no data"); null where a figure cannot be
 * computed, and every activity figure null for a product no export row
 * matched unless its manifest says `usage.tracked: true`. Money in cents.
 */
export interface UsageFigures {
  /** `users` (per-user rows) or `counts`; null for a product with no usage data that is not `usage.tracked`. */
  basis: UsageBasis | null;
  /** True when no used row of any export matched the product (a fact about the exports, also for a tracked product). */
  noUsageData: boolean;
  /** `teacher` for per-teacher licences (dormant seats, right-sizing and over-deployment count teachers), else `any`. */
  licensedRole: LicensedRole;
  /** Used rows whose app matched the product. */
  rows: number;
  /** Manifest `cost.seats`. */
  seats: number | null;
  /** Distinct seat users (family excluded) whose last sign-in is in the active window. */
  activeUsers: number | null;
  /** Of those, the teachers. */
  activeTeachers: number | null;
  /** Of those, the students (staff and unknown-role users count only in `activeUsers`). */
  activeStudents: number | null;
  /** Distinct seat users whose last sign-in is in the semester window. */
  semesterActiveUsers: number | null;
  /** Distinct teacher-role users whose last sign-in is in the semester window (right-sizing of per-teacher licences). */
  semesterActiveTeacherUsers: number | null;
  /** Roster teachers with access; without a roster, `usage.licensed_teachers` (null when unknown). */
  teachersWithAccess: number | null;
  /** Teachers with access who signed in during the semester window; without a roster, the distinct teacher-role users who did, at most `licensed_teachers` (null when unknown). */
  semesterActiveTeachers: number | null;
  /** True when the product has been deployed for at least `semester_days` school days (policy.md "School days"). */
  inUseForSemester: boolean;
  /**
   * `YYYY-MM-DD` when every per-user row of the product comes from last-seen files whose coverage (their
   * earliest last_seen) starts after the semester window's first day: the latest such start. Null otherwise
   * (usage-sources.md "Short last-seen sources": utilization then warns, never fails).
   */
  shortCoverageFrom: string | null;
  /** Seats without an active user; null without seats or for a product the district does not pay for (proposed, retired). */
  dormantSeats: number | null;
  dormantRatio: number | null;
  /** The product's annual cost (0 when unknown). */
  annualCost: Cents;
  /** Annual cost ÷ seats. */
  costPerSeat: Cents | null;
  /** The annual cost of the dormant seats. */
  wastedSpend: Cents | null;
  costPerActiveUser: Cents | null;
  /** `semesterActiveTeachers` ÷ `teachersWithAccess`. */
  teacherUtilization: number | null;
  /** Set when usage.dormant-seats warned (right-sizing applies). */
  recommendedSeats: number | null;
  /** The annual cost of the seats above `recommendedSeats`; null when not computable. */
  rightSizeSaving: Cents | null;
  /** `YYYY-MM-DD` of the last sign-in to the product by anyone. */
  lastSeen: string | null;
  /** With a roster: active students by grade, grade order, `unknown` last; null without a roster. */
  activeByGrade: GradeCount[] | null;
  /** With a roster: semester-active students by roster grade (grade order, `unknown` last); null without a roster (privacy.grade-band-use). */
  semesterStudentsByGrade: GradeCount[] | null;
  /** With a roster: active users by school (every school the product is deployed at, also at 0), by name, `unknown` last; null without a roster. */
  activeBySchool: SchoolCount[] | null;
  /** Unmatched apps whose best alias suggestion is this product, most rows first (for the messages of a product with no usage data; not a figure). */
  suggestedApps: UnmatchedApp[];
  /** Distinct users per month, the as-of month and the 11 before, oldest first; null for a product without events. */
  monthly: MonthCount[] | null;
}

/** The figures the aggregation counts from sign-ins (the rest come from the manifest and the calendar). */
export type SignInCounts = Pick<
  UsageFigures,
  | 'rows'
  | 'activeUsers'
  | 'activeTeachers'
  | 'activeStudents'
  | 'semesterActiveUsers'
  | 'semesterActiveTeacherUsers'
  | 'teachersWithAccess'
  | 'semesterActiveTeachers'
  | 'lastSeen'
  | 'activeByGrade'
  | 'activeBySchool'
  | 'semesterStudentsByGrade'
  | 'monthly'
>;

/** What the usage step measured for one product: its sign-in counts, whether it has been in use for a semester, whether any row matched it, and the unmatched apps that suggest it. */
export type UsageCounts = SignInCounts & Pick<UsageFigures, 'inUseForSemester' | 'noUsageData' | 'suggestedApps'> & { basis?: UsageBasis; shortCoverageFrom?: string | null };

/** The figures a usage rule judges: the counts without the last day and breakdowns, and the seats (no money, no right-sizing: those follow the rules' outcomes). */
export type RuleUsage = Pick<
  UsageFigures,
  | 'basis'
  | 'noUsageData'
  | 'licensedRole'
  | 'rows'
  | 'seats'
  | 'activeUsers'
  | 'activeTeachers'
  | 'activeStudents'
  | 'semesterActiveUsers'
  | 'teachersWithAccess'
  | 'semesterActiveTeachers'
  | 'inUseForSemester'
  | 'shortCoverageFrom'
  | 'suggestedApps'
  | 'semesterStudentsByGrade'
>;

/** An app of the exports that matched no product (usage-sources.md "Unmatched apps"), with its used rows. */
export interface UnmatchedApp {
  /** The app as first spelt in the exports (apps are keyed by app and app id ignoring case). */
  app: string;
  /** The app id the rows gave (an OAuth client id, an Entra Application ID, a Canvas dev key id); null when the format has none. */
  appId: string | null;
  rows: number;
  /** The product the alias suggestion points at (usage-sources.md "Alias suggestions"; never matched automatically); null when none is close. */
  suggestedProduct: string | null;
}
