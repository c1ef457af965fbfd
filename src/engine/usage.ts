/**
 * The usage step of the engine (rules.md "Usage rules", "Sunset"): from the
 * aggregated sign-ins, the products, the policy and the as-of date to each
 * product's usage figures, sunset plan and renewal. Pure: no I/O, no clock.
 * Money is in cents, each figure rounded once where it is computed.
 */
import { unmatchedWarnings, type UnmatchedSplit } from '../model/identifiers.js';
import { compileSafePattern, type SafePattern } from '../model/pattern.js';
import type { Policy } from '../load/schema/policy.js';
import { SchoolCalendar } from '../model/calendar.js';
import { addDaysIso, daysBetween } from '../model/date-math.js';
import { dayOf, isoOf, type DayNumber } from '../model/dates.js';
import { centsShare } from '../model/money.js';
import { clientIdKeys, isInUse, matchKeys, type Product } from '../model/product.js';
import { suggester } from '../model/suggest.js';
import type { Roster } from '../model/roster.js';
import type { Finding, InputReport, Renewal, SunsetPlan, UsageRowKind } from '../model/types.js';
import type { CountRow, SignInCounts, UnmatchedApp, UsageCounts, UsageFigures } from '../model/usage.js';
import { decideBy } from '../rules/contract/renewal.js';
import { deletionDeadline } from '../rules/privacy/data-deletion.js';
import { atLeast, countFigures, countMonthly } from './counts.js';
import { TrendMonths } from '../model/months.js';
import type { FigureQuery } from './figures.js';

/** What the usage step produced for a run. */
export interface UsageResults {
  /** Product id → its counts. */
  counts: Map<string, UsageCounts>;
  inputs: InputReport[];
  unmatchedApps: UnmatchedApp[];
  /** Warnings about unmatched apps that look like user identifiers (counts only), and the alias suggestions. */
  unmatchedWarnings: string[];
  /** Products with per-user rows whose aggregate counts give a higher bound (usage-sources.md "Mixing"). */
  mixingWarnings: string[];
  /** The coverage warning when the sign-in exports start after the semester window's first day (usage-sources.md "Coverage"). */
  coverageWarnings: string[];
}

/** Formats whose rows are last-seen records or counts, not events: they never set the run's earliest used event (usage-sources.md). */
const NOT_EVENT_FORMATS = new Set(['canvas-last-access', 'canvas-access-tokens', 'edvet-last-seen', 'google-user-report', 'edvet-counts']);

/**
 * The earliest used event of a file read in `format` whose earliest used row
 * fell on `day`: that day for an event format, the first day of its month for
 * `edvet-summary` (its month's first day stands for its earliest event), null
 * for last-seen and counts formats.
 */
export function earliestEventOf(format: string, day: DayNumber | null): DayNumber | null {
  if (day === null || NOT_EVENT_FORMATS.has(format)) return null;
  if (format === 'edvet-summary') return dayOf(`${isoOf(day).slice(0, 8)}01`);
  return day;
}

/** Where the sign-in figures come from: the aggregator, once every export has been read into it. */
export interface SignInSource {
  figures(productIndex: number, q: FigureQuery): SignInCounts;
  unmatchedApps(limit: number): UnmatchedSplit;
  /** The used rows of aggregate counts matched to a product (none when absent). */
  countRowsOf?(productIndex: number): readonly CountRow[];
}

/** The steps of a retirement, in the order rules.md gives them; the last, on deletion, is {@link deletionStep}. */
export const SUNSET_STEPS = [
  'Give teachers notice that the product will be retired',
  "Archive student work (export it to the district's storage)",
  'Remove the app from the SSO portal and the LMS',
] as const;

/** The last step of a retirement (privacy-laws.md §5): the disposition directive, the certificate's due date, the record. */
export function deletionStep(requestBy: string, dueBy: string): string {
  return `Send the vendor the disposition directive (edvet letters --kind deletion) on ${requestBy}; its certificate of deletion is due ${dueBy}; record both under offboarding`;
}

/**
 * The product index an export's app (name, optional app id) matches
 * (usage-sources.md "Client ids"): first a product whose `usage.client_ids`
 * holds the app id, so the id decides between apps sharing a display name;
 * only otherwise a product's id, name or alias equal to the app name (or to
 * the app id), ignoring case and surrounding spaces; -1 when none. The catalog
 * refuses a key two products claim (load/catalog.ts), so each key has one owner.
 */
export function productMatcher(products: readonly Product[]): (app: string, appId: string | undefined) => number {
  const index = new Map<string, number>();
  const ids = new Map<string, number>();
  products.forEach((p, i) => {
    for (const k of matchKeys(p)) if (!index.has(k)) index.set(k, i);
    for (const k of clientIdKeys(p)) if (!ids.has(k)) ids.set(k, i);
  });
  return (app, appId) => {
    const id = appId?.trim().toLowerCase();
    if (id) {
      const byId = ids.get(id);
      if (byId !== undefined) return byId;
    }
    const i = index.get(app.trim().toLowerCase());
    if (i !== undefined) return i;
    if (id) {
      const j = index.get(id);
      if (j !== undefined) return j;
    }
    return -1;
  };
}

/** Policy `usage.teacher_pattern` as a case-insensitive pattern; null when not set. */
export function teacherPatternOf(policy: Policy): SafePattern | null {
  return policy.usage.teacher_pattern ? compileSafePattern(policy.usage.teacher_pattern) : null;
}

/** The school calendar of the policy (weekdays only without one). */
export function calendarOf(policy: Policy): SchoolCalendar {
  return new SchoolCalendar(policy.calendar);
}

/** The rows one usage file gave: its path, its kind of rows, its earliest used row's day and the products its per-user rows matched. */
export interface SourceCoverage {
  path: string;
  kind: UsageRowKind;
  earliest: DayNumber | null;
  products: readonly number[];
}

/** What {@link measureUsage} needs beyond the figures' sources. */
export interface MeasureOptions {
  /** The run's earliest used event (usage-sources.md "Coverage"); null when no event was read. */
  earliestEvent?: DayNumber | null;
  /** `--tool`: the ids measured (the others still claim their rows); null for all. */
  reported?: ReadonlySet<string> | null;
  /** Every file read, for usage-sources.md "Short last-seen sources". */
  lastSeenSources?: readonly SourceCoverage[];
}

/**
 * usage-sources.md "Short last-seen sources": a last-seen file's coverage starts at its earliest
 * last_seen; those starting after the semester window's first day give a coverage warning each, and a
 * product whose per-user rows all come from such files gets the latest of their starts.
 */
function shortSources(files: readonly SourceCoverage[], semesterFrom: DayNumber): { warnings: string[]; from: Map<number, DayNumber> } {
  const warnings: string[] = [];
  const from = new Map<number, DayNumber>();
  const full = new Set<number>();
  for (const f of files) {
    const isShort = f.kind === 'last-seen' && f.earliest !== null && f.earliest > semesterFrom;
    if (f.kind === 'counts') continue;
    if (!isShort) {
      for (const p of f.products) full.add(p);
      continue;
    }
    warnings.push(`${f.path}: last-seen rows start on ${isoOf(f.earliest!)}, after the semester window's start ${isoOf(semesterFrom)}: semester figures from it count only from ${isoOf(f.earliest!)}`);
    for (const p of f.products) from.set(p, Math.max(from.get(p) ?? f.earliest!, f.earliest!));
  }
  for (const p of full) from.delete(p);
  return { warnings, from };
}

/**
 * The usage step: each product's counts for the policy's windows ending at
 * `asOf` (policy.md "School days"), whether it has been in use for a
 * semester, and the apps that matched no product.
 */
export function measureUsage(
  signIns: SignInSource,
  roster: Roster | null,
  products: readonly Product[],
  policy: Policy,
  asOf: string,
  inputs: InputReport[],
  opts: MeasureOptions = {},
): UsageResults {
  const { earliestEvent = null, reported = null, lastSeenSources = [] } = opts;
  const cal = calendarOf(policy);
  const asOfDay = dayOf(asOf);
  const activeFrom = cal.windowStart(asOfDay, policy.usage.active_window_days);
  const semesterFrom = cal.windowStart(asOfDay, policy.usage.semester_days);
  const short = shortSources(lastSeenSources, semesterFrom);
  const counts = new Map<string, UsageCounts>();
  const mixingWarnings: string[] = [];
  const unmatched = signIns.unmatchedApps(Infinity);
  const trend = new TrendMonths(asOfDay);
  // usage-sources.md "Alias suggestions": never matched automatically, only named.
  const suggest = suggester(
    products.map((p) => ({ id: p.id, names: [p.id, p.manifest.name, ...(p.manifest.usage?.aliases ?? [])] })),
    policy.usage.suggest_ignore,
  );
  const apps: UnmatchedApp[] = unmatched.listed.map((a) => ({ ...a, suggestedProduct: suggest(a.app) }));
  products.forEach((p, i) => {
    // `--tool`: the products left out still claim their rows (so they are not unmatched) but are not measured.
    if (reported !== null && !reported.has(p.id)) return;
    const m = p.manifest;
    const teachersWithAccess = roster ? roster.teachersWithAccess(m.schools ?? null, p.grades) : null;
    const c = signIns.figures(i, { activeFrom, semesterFrom, teachersWithAccess, licensedTeachers: m.usage?.licensed_teachers ?? null, schools: m.schools ?? null });
    const deployed = m.deployed_on ? dayOf(m.deployed_on) : null;
    const inUseForSemester = deployed !== null && deployed <= asOfDay && cal.schoolDaysBetween(deployed, asOfDay) >= policy.usage.semester_days;
    const countRows = signIns.countRowsOf?.(i) ?? [];
    if (c.rows === 0 && countRows.length > 0) {
      // usage-sources.md "Lower bounds": counts only, so every activity figure is a lower bound; counts name nobody.
      const f = countFigures(countRows, activeFrom, semesterFrom, c.teachersWithAccess);
      const monthly = countMonthly(countRows, trend, asOfDay);
      counts.set(p.id, { ...c, ...f, basis: 'counts', lastSeen: null, activeByGrade: null, activeBySchool: null, semesterStudentsByGrade: null, monthly, inUseForSemester, noUsageData: false, suggestedApps: [] });
      return;
    }
    if (countRows.length > 0) {
      // usage-sources.md "Mixing": the per-user rows alone; a higher bound from counts is a gap in the per-user exports.
      const bound = atLeast(countRows, activeFrom, Number.POSITIVE_INFINITY, 'all');
      if (bound !== null && c.activeUsers !== null && bound > c.activeUsers) {
        mixingWarnings.push(
          `${p.manifest.name}: per-user exports give ${c.activeUsers.toLocaleString('en-US')} active user${c.activeUsers === 1 ? '' : 's'}, counts at least ${bound.toLocaleString('en-US')}: do the per-user exports cover every way users sign in?`,
        );
      }
    }
    // usage-sources.md "Honest no data": no used row of any export matched the product.
    const shortFrom = short.from.get(i);
    counts.set(p.id, {
      ...c,
      inUseForSemester,
      shortCoverageFrom: shortFrom === undefined ? null : isoOf(shortFrom),
      noUsageData: c.rows === 0,
      suggestedApps: apps.filter((a) => a.suggestedProduct === p.id),
    });
  });
  // Why (usage-sources.md "Coverage"): days before the exports start are not days without use.
  const coverageWarnings =
    earliestEvent !== null && earliestEvent > semesterFrom
      ? [`sign-in exports start on ${isoOf(earliestEvent)}, after the semester window's start ${isoOf(semesterFrom)}: semester figures count only from ${isoOf(earliestEvent)}`]
      : [];
  coverageWarnings.push(...short.warnings);
  return { counts, inputs, unmatchedApps: apps, unmatchedWarnings: [...unmatchedWarnings(unmatched), ...suggestionWarnings(apps)], coverageWarnings, mixingWarnings };
}

/**
 * One line per unmatched app the suggester points at a product
 * (`'Quizly Add-on' (1 row) may be quizly: if so, add it to usage.aliases`;
 * `usage.client_ids` when the app has an id). The app's text is the export's:
 * it is escaped on its way out like every other.
 */
export function suggestionWarnings(apps: readonly UnmatchedApp[]): string[] {
  return apps
    .filter((a) => a.suggestedProduct !== null)
    .map((a) => `'${a.app}'${a.appId === null ? '' : ` (app id ${a.appId})`} (${a.rows.toLocaleString('en-US')} row${a.rows === 1 ? '' : 's'}) may be ${a.suggestedProduct}: if so, add it to ${a.appId === null ? 'usage.aliases' : 'usage.client_ids'}`);
}

/** The warnings the exports read call for: display-name users (moodle-log), and each file's unreadable rows (counts and the first line, never content). */
export function inputWarnings(inputs: readonly InputReport[]): string[] {
  const warnings: string[] = [];
  if (inputs.some((i) => i.format === 'moodle-log')) {
    warnings.push('moodle-log exports name users by display name, which is not unique: two people with the same name count as one user');
  }
  for (const i of inputs) {
    // usage-sources.md "edvet-last-seen": a later last sign-in hides whether the user was active before as-of.
    const late = i.kind === 'last-seen' ? (i.skipped['after as-of'] ?? 0) : 0;
    if (late > 0) warnings.push(`${i.path}: ${late} last-seen row${late === 1 ? '' : 's'} after as-of: run with --as-of on the export's date`);
    const bad = Object.values(i.bad).reduce((a, b) => a + b, 0);
    if (bad > 0) warnings.push(`${i.path}: ${bad} row${bad === 1 ? '' : 's'} could not be read (${Object.entries(i.bad).map(([k, v]) => `${k}: ${v}`).join(', ')}); first at line ${i.firstBad[0]?.line ?? '?'}`);
  }
  return warnings;
}

/** Recommended seats: ceil(semester-active × (1 + buffer)), the product rounded to 6 places first (50 × 1.10 → 55). */
export function recommendedSeats(semesterActive: number, buffer: number): number {
  return Math.ceil(Number((semesterActive * (1 + buffer)).toFixed(6)));
}

/** True when a product's activity figures are unknown: no export row matched it and its manifest does not say `usage.tracked: true`. */
export function unknownUse(p: Product, c: Pick<UsageCounts, 'noUsageData'>): boolean {
  return c.noUsageData && p.manifest.usage?.tracked !== true;
}

/**
 * Usage figures of one product before its rules run: right-sizing (which
 * follows usage.dormant-seats) is left null. A product with no usage data
 * that is not `usage.tracked` gets null activity figures, never 0
 * (usage-sources.md "Honest no data": absent sign-ins are not zero use).
 * Per-teacher licences count active teachers against the seats.
 */
export function usageFigures(p: Product, c: UsageCounts): UsageFigures {
  const seats = p.manifest.cost?.seats ?? null;
  const licensedRole = p.manifest.cost?.model === 'per_teacher' ? 'teacher' : 'any';
  const annual = p.annualCost;
  const base = {
    ...c,
    licensedRole,
    seats,
    annualCost: annual ?? 0,
    costPerSeat: p.costPerSeat,
    recommendedSeats: null,
    rightSizeSaving: null,
    shortCoverageFrom: c.shortCoverageFrom ?? null,
  } as const;
  if (unknownUse(p, c)) {
    return {
      ...base,
      basis: null,
      activeUsers: null,
      activeTeachers: null,
      activeStudents: null,
      semesterActiveUsers: null,
      semesterActiveTeacherUsers: null,
      semesterActiveTeachers: null,
      dormantSeats: null,
      dormantRatio: null,
      wastedSpend: null,
      costPerActiveUser: null,
      teacherUtilization: null,
      lastSeen: null,
      activeByGrade: null,
      activeBySchool: null,
      monthly: null,
    };
  }
  // Why: a proposed or retired product's seats are not being paid for, so none of them is "wasted".
  const paying = p.manifest.status !== 'proposed' && p.manifest.status !== 'retired';
  const licensedActive = licensedRole === 'teacher' ? c.activeTeachers : c.activeUsers;
  const dormantSeats = seats === null || !paying || licensedActive === null ? null : Math.max(0, seats - licensedActive);
  const dormantRatio = seats === null || dormantSeats === null || seats === 0 ? null : dormantSeats / seats;
  const perSeat = annual !== null && seats !== null && seats > 0;
  const twa = c.teachersWithAccess;
  return {
    ...base,
    basis: c.basis ?? 'users',
    dormantSeats,
    dormantRatio,
    // The cost of the dormant seats from the annual cost itself, rounded once (not from the rounded cost per seat).
    wastedSpend: dormantSeats !== null && perSeat ? centsShare(annual, dormantSeats, seats) : null,
    // On counts the active users are a lower bound, so a cost per active user would be an upper one: none is given.
    costPerActiveUser: c.basis !== 'counts' && c.activeUsers !== null && c.activeUsers > 0 && annual !== null ? centsShare(annual, 1, c.activeUsers) : null,
    // Null with no teacher count inside the semester window (usage-sources.md "Decided details").
    teacherUtilization: twa && !(c.basis === 'counts' && c.semesterActiveTeachers === null) ? (c.semesterActiveTeachers ?? 0) / twa : null,
  };
}

/** The figures with right-sizing, for a product whose usage.dormant-seats warned (and was not waived). */
export function withRightSizing(u: UsageFigures, p: Product, policy: Policy): UsageFigures {
  const seats = u.seats;
  // Per-teacher licences are sized on the teachers who used it during the semester (usage-sources.md).
  const semesterActive = u.licensedRole === 'teacher' ? u.semesterActiveTeacherUsers : u.semesterActiveUsers;
  // Why: nothing is right-sized on a lower bound (usage-sources.md "Lower bounds").
  if (seats === null || semesterActive === null || u.basis === 'counts') return u;
  const recommended = recommendedSeats(semesterActive, policy.usage.right_size_buffer);
  const annual = p.annualCost;
  const saving = annual === null || seats <= 0 ? null : seats > recommended ? centsShare(annual, seats - recommended, seats) : 0;
  return { ...u, recommendedSeats: recommended, rightSizeSaving: saving };
}

/** The renewal block of a product with a renewal date; `due` when it falls within `sunset.renewal_warn_days` of as-of or has passed. */
export function renewalOf(p: Product, policy: Policy, asOf: string): Renewal | null {
  const c = p.manifest.cost;
  // rules.md "Corner cases": only a product in use has a renewal to report.
  if (!c?.renewal_on || !isInUse(p.manifest.status)) return null;
  return {
    renewalOn: c.renewal_on,
    decideBy: decideBy(c.renewal_on, c.notice_days),
    autoRenews: c.auto_renews ?? null,
    due: daysBetween(asOf, c.renewal_on) <= policy.sunset.renewal_warn_days,
  };
}

/**
 * The sunset plan of a candidate (teacher utilization failed) or of a product
 * whose status is already `sunsetting`; null otherwise.
 */
export function sunsetPlan(p: Product, findings: Finding[], policy: Policy, asOf: string): SunsetPlan | null {
  const util = findings.find((f) => f.rule === 'usage.teacher-utilization');
  const candidate = util?.status === 'fail';
  if (!candidate && p.manifest.status !== 'sunsetting') return null;
  const earliest = addDaysIso(asOf, policy.sunset.notice_days);
  const renewal = renewalOf(p, policy, asOf);
  const deletionDueBy = addDaysIso(earliest, deletionDeadline(p, policy).days);
  return {
    reason: candidate ? util!.message : 'The district has already decided to retire it (status sunsetting)',
    noticeOn: asOf,
    earliestRetireOn: earliest,
    decideBy: renewal?.decideBy ?? null,
    beforeRenewal: renewal ? earliest <= renewal.renewalOn : null,
    annualSavings: p.annualCost ?? 0,
    requestDeletionBy: earliest,
    deletionDueBy,
    steps: [...SUNSET_STEPS, deletionStep(earliest, deletionDueBy)],
  };
}
