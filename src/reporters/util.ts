/**
 * Display helpers shared by the reporters: sanitising data values, rounding
 * and formatting figures, status symbols, and the few filters (renewals due,
 * findings to show) every human-readable format applies the same way.
 * Nothing here computes a figure the report model lacks.
 */
import path from 'node:path';
import { dollarsOf, type Cents } from '../model/money.js';
import type { Comparison, Decision, Finding, ProductReport, Reconciliation, Report, Status, UsageFigures, Verdict } from '../model/types.js';
import type { UnmatchedApp } from '../model/usage.js';

// ANSI/VT escape sequences: CSI (7-bit and 8-bit), OSC / DCS / PM / APC / SOS strings, and two-byte ESC sequences.
const ANSI_RE =
  // eslint-disable-next-line no-control-regex
  /(?:\u001b\[|\u009b)[0-?]*[ -/]*[@-~]|(?:\u001b[\]PX^_]|[\u0090\u0098\u009d-\u009f])[\s\S]*?(?:\u0007|\u001b\\|\u009c|$)|\u001b[ -/]*[0-~]?/g;
// C0 (except tab, LF, CR), DEL, C1 controls, and bidi overrides/isolates (Trojan-source style reordering).
// eslint-disable-next-line no-control-regex
const CONTROL_RE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/**
 * A data value made safe for any text output: ANSI escape sequences and
 * control characters removed; tabs and line breaks become single spaces
 * unless `keepNewlines`, in which case line breaks are normalised to `\n`.
 */
export function clean(value: unknown, keepNewlines = false): string {
  let s = typeof value === 'string' ? value : value === null || value === undefined ? '' : String(value);
  s = s.replace(ANSI_RE, '').replace(CONTROL_RE, '');
  if (keepNewlines) return s.replace(/\r\n?/g, '\n').replace(/\t/g, ' ');
  return s.replace(/[\t\r\n]+/g, ' ');
}

/** A data value cleaned of control characters, with `& < >` escaped: safe as HTML text (and inside Markdown). */
export function htmlText(value: unknown): string {
  return clean(value).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Rounds for display without binary-float artefacts (1.005 → 1.01 at 2 places). */
export function round(x: number, places: number): number {
  if (!Number.isFinite(x)) return x;
  const sign = x < 0 ? -1 : 1;
  const r = Number(Math.round(Number(`${Math.abs(x)}e${places}`)) + `e-${places}`);
  return r === 0 ? 0 : sign * r;
}

/** A ratio rounded to 4 places (null stays null). */
export function ratio4(x: number | null): number | null {
  return x === null ? null : round(x, 4);
}

const MONEY = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', minimumFractionDigits: 2, maximumFractionDigits: 2 });
const INT = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

/** `$1,234.50` from an amount in cents, or `–` when the figure is unknown. */
export function money(x: Cents | null | undefined): string {
  return x === null || x === undefined ? '–' : MONEY.format(dollarsOf(x));
}

/** `1,234`, or `–` when unknown. */
export function int(x: number | null | undefined): string {
  return x === null || x === undefined ? '–' : INT.format(x);
}

/** `31.7%` from a 0..1 ratio, or `–` when unknown. */
export function pct(x: number | null | undefined): string {
  return x === null || x === undefined ? '–' : `${round(x * 100, 1).toFixed(1)}%`;
}

/**
 * The active users of a product's usage figures as the seats are counted:
 * `no data` when no export row matched it (and it is not `usage.tracked`);
 * for a per-teacher licence the active teachers (`4 teachers`), since
 * those are what its dormant seats count; else {@link int}.
 */
export function activeText(u: UsageFigures): string {
  if (u.activeUsers === null && u.noUsageData) return 'no data';
  // Counts give lower bounds (usage-sources.md "Lower bounds"): "at least N".
  const atLeast = u.basis === 'counts' ? 'at least ' : '';
  if (u.licensedRole === 'teacher' && u.activeTeachers !== null) return `${atLeast}${int(u.activeTeachers)} teachers`;
  return u.activeUsers === null ? int(null) : `${atLeast}${int(u.activeUsers)}`;
}

/** Dormant seats as counted: "up to N" on aggregate counts (an upper estimate), else {@link int}. */
export function dormantText(u: UsageFigures): string {
  return u.basis === 'counts' && u.dormantSeats !== null ? `up to ${int(u.dormantSeats)}` : int(u.dormantSeats);
}

/** The dormant share as counted: "up to N%" on aggregate counts (an upper estimate), else {@link pct}. */
export function dormantShareText(u: UsageFigures): string {
  return u.basis === 'counts' && u.dormantRatio !== null ? `up to ${pct(u.dormantRatio)}` : pct(u.dormantRatio);
}

/** Teacher utilization as counted: "at least N%" on aggregate counts (a lower bound), else {@link pct}. */
export function utilizationText(u: UsageFigures): string {
  return u.basis === 'counts' && u.teacherUtilization !== null ? `at least ${pct(u.teacherUtilization)}` : pct(u.teacherUtilization);
}

/** Wasted spend as counted: "up to $X" on aggregate counts (an upper estimate), else {@link money}. */
export function wastedText(u: UsageFigures): string {
  return u.basis === 'counts' && u.wastedSpend !== null ? `up to ${money(u.wastedSpend)}` : money(u.wastedSpend);
}

/** Text of an evidence value: `not provided` for null/absent, lists joined, objects as JSON. */
/** Whether a contract renews automatically, in words: yes, no, or "not stated" when the manifest does not say (rules.md: `autoRenews` null). */
export function autoRenewsText(autoRenews: boolean | null): string {
  return autoRenews === null ? 'not stated' : autoRenews ? 'yes' : 'no';
}

/** Words after the wasted-spend total when part of it is an upper estimate from counts (`up to $X of it from counts`), else ''. */
export function fromCountsText(s: { wastedSpendFromCounts: Cents }): string {
  return s.wastedSpendFromCounts > 0 ? `up to ${money(s.wastedSpendFromCounts)} of it estimated from counts` : '';
}

export function valueText(v: unknown): string {
  if (v === null || v === undefined) return 'not provided';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return String(v);
  if (Array.isArray(v)) return v.length === 0 ? '(none)' : v.map((x) => (typeof x === 'string' ? x : valueText(x))).join(', ');
  try {
    return JSON.stringify(v) ?? String(v);
  } catch {
    return String(v);
  }
}

/** Terminal symbol of each status. */
export const SYMBOL: Record<Status, string> = { pass: '✔', warn: '!', fail: '✘', waived: '~', 'n/a': '–' };

/** `✘ fail` — the symbol and the word, so neither colour nor shape is the only signal. */
export function statusLabel(s: Status): string {
  return `${SYMBOL[s]} ${s}`;
}

/** Verdicts in report order. */
export const VERDICTS: Verdict[] = ['approved', 'conditional', 'rejected'];

/** Products sorted by id (code-unit order, so the same everywhere). */
export function sortedProducts(report: Report): ProductReport[] {
  return [...report.products].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** The findings a reader must act on: warn and fail, then waived (whose waiver is listed). */
export function attentionFindings(p: ProductReport): Finding[] {
  return p.findings.filter((f) => f.status === 'fail' || f.status === 'warn' || f.status === 'waived');
}

/** Products whose renewal is due (within `renewalWarnDays` of as-of or already past, decided by the engine), soonest decide-by first. */
export function renewalsDue(report: Report): ProductReport[] {
  return sortedProducts(report)
    .filter((p) => p.renewal?.due === true)
    .sort((a, b) => (a.renewal!.decideBy < b.renewal!.decideBy ? -1 : a.renewal!.decideBy > b.renewal!.decideBy ? 1 : 0));
}

/** Whether a report without usage files still shows its sunset plans and renewals due: `audit` and `sunset` (a sunsetting product's plan needs no usage; privacy-laws.md, "Decided details"). */
export function plansWithoutUsage(report: Report): boolean {
  return report.command === 'audit' || report.command === 'sunset';
}

/** Products with a sunset plan, largest savings first. */
export function sunsetProducts(report: Report): ProductReport[] {
  return sortedProducts(report)
    .filter((p) => p.sunset !== null)
    .sort((a, b) => b.sunset!.annualSavings - a.sunset!.annualSavings);
}

/** Usage products whose figures break active users down by school and grade (a roster was given). */
export function breakdownProducts(report: Report): ProductReport[] {
  return usageProducts(report).filter((p) => p.usage!.activeBySchool !== null || p.usage!.activeByGrade !== null);
}

/** `Lincoln ES: 66, Maple ES: 0` — a breakdown as one line of plain text (escape it for the format); `–` when empty. */
export function breakdownText(parts: readonly { label: string; count: number }[] | null): string {
  if (parts === null || parts.length === 0) return '–';
  return parts.map((b) => `${b.label}: ${INT.format(b.count)}`).join(', ');
}

/** The school and grade breakdowns of a product's usage figures as label/count pairs. */
export function breakdowns(p: ProductReport): { schools: { label: string; count: number }[] | null; grades: { label: string; count: number }[] | null } {
  const u = p.usage!;
  return {
    schools: u.activeBySchool?.map((b) => ({ label: b.school, count: b.activeUsers })) ?? null,
    grades: u.activeByGrade?.map((b) => ({ label: b.grade, count: b.activeStudents })) ?? null,
  };
}

/** Products with usage figures, most wasted spend first. */
export function usageProducts(report: Report): ProductReport[] {
  return sortedProducts(report)
    .filter((p) => p.usage !== null)
    .sort((a, b) => (b.usage!.wastedSpend ?? 0) - (a.usage!.wastedSpend ?? 0) || (a.id < b.id ? -1 : 1));
}

/** A report path relative to `cwd`, with forward slashes; absolute or outside paths stay as given (slashes normalised). */
export function relPath(file: string, cwd: string): string {
  if (!file) return file;
  let p = file;
  if (path.isAbsolute(file) || path.win32.isAbsolute(file)) {
    const rel = path.relative(cwd, file);
    if (rel && !rel.startsWith('..') && !path.isAbsolute(rel)) p = rel;
  }
  return p.replace(/\\/g, '/').replace(/^\.\//, '');
}

/** Display of a waiver: `waived by X until D: reason` (or `expired D`). */
export function waiverText(f: Finding): string {
  if (!f.waiver) return '';
  const w = f.waiver;
  return w.expired
    ? `waiver by ${w.approvedBy} expired ${w.expiresOn}: ${w.reason}`
    : `waived by ${w.approvedBy} until ${w.expiresOn}: ${w.reason}`;
}

/** How many unmatched apps table, Markdown and HTML list before "and N more" (JSON lists every one). */
export const UNMATCHED_SHOWN = 20;

/** The unmatched apps a human-readable report lists, and how many more there are. */
export function unmatchedShown(report: Report): { shown: UnmatchedApp[]; more: number } {
  return { shown: report.unmatchedApps.slice(0, UNMATCHED_SHOWN), more: Math.max(0, report.unmatchedApps.length - UNMATCHED_SHOWN) };
}

/** `Kahoot! (2,582 rows)`, `Quizly Add-on [555-a] (1 row, may be quizly)`: one unmatched app as plain text (escape it for the format). */
export function unmatchedText(a: UnmatchedApp): string {
  const id = a.appId === null ? '' : ` [${clean(a.appId)}]`;
  const hint = a.suggestedProduct === null ? '' : `, may be ${clean(a.suggestedProduct)}`;
  return `${clean(a.app)}${id} (${int(a.rows)} row${a.rows === 1 ? '' : 's'}${hint})`;
}

/** How many decisions the Decisions section shows before "and N more". */
export const DECISIONS_SHOWN = 25;

/** A decision's recommended action in words: `Right-size to 259 seats`. */
export function actionText(d: Decision): string {
  switch (d.action) {
    case 'sunset':
      return 'Sunset';
    case 'fix-before-renewal':
      return 'Fix before renewal';
    case 'right-size':
      return `Right-size to ${int(d.seats)} seats`;
    case 'retiring':
      return 'Retiring';
    case 'delete-data':
      return 'Get the data deleted';
    case 'restrict-use':
      return 'Restrict use';
    case 're-review':
      return 'Re-review';
    case 'renew':
      return 'Renew';
  }
}

/** The parts of the potential savings, each a decision with a saving: sunset savings first, then right-sizing, largest first within each. */
export function savingsParts(report: Report): { sunset: Decision[]; rightSize: Decision[] } {
  const withSaving = report.decisions.filter((d) => d.saving !== null);
  const bySaving = (a: Decision, b: Decision) => b.saving! - a.saving! || (a.product < b.product ? -1 : 1);
  return {
    sunset: withSaving.filter((d) => d.action === 'sunset').sort(bySaving),
    rightSize: withSaving.filter((d) => d.action !== 'sunset').sort(bySaving),
  };
}

/** Evidence fields whose value is a 0..1 share, shown as a percent. */
const RATIO_FIELDS = new Set(['usage.teacher_utilization', 'usage.dormant_ratio']);

/** An evidence value and its expectation in words: a share as a percent (`11.7%`, `>= 30.0%`), anything else as {@link valueText}. */
export function evidenceParts(f: Finding): { value: string; expected: string } {
  const { field, value, expected } = f.evidence;
  if (!RATIO_FIELDS.has(field)) return { value: valueText(value), expected: valueText(expected) };
  const m = typeof expected === 'string' ? /^([<>]=?)\s*([0-9.]+)$/.exec(expected) : null;
  return {
    value: typeof value === 'number' ? pct(value) : valueText(value),
    expected: m ? `${m[1]} ${pct(Number(m[2]))}` : valueText(expected),
  };
}

/** The plain-text footnote that reconciles a money column's total with its headline figure (escape it for the format). */
export function reconcileNote(column: string, headline: string, r: Reconciliation): string {
  if (r.leftOut.length === 0) return `The ${column} total equals the headline ${headline}.`;
  const names = r.leftOut.map((o) => `${clean(o.name) || clean(o.product)} (${money(o.amount)}, ${o.why})`).join('; ');
  return `The ${column} total of ${money(r.listed)} includes ${names}; without ${r.leftOut.length === 1 ? 'it' : 'them'}, the total is the headline ${headline} of ${money(r.headline)}.`;
}

/** The footnotes of the usage table: annual cost, wasted spend and right-size saving against their headline figures. */
export function reconcileNotes(rec: NonNullable<Report['reconciliation']>): string[] {
  return [
    reconcileNote('annual cost', 'annual spend', rec.annualCost),
    reconcileNote('wasted spend', 'wasted on dormant seats', rec.wastedSpend),
    reconcileNote('right-size saving', 'right-sizing savings', rec.rightSizeSaving),
  ];
}

const MONTH_NAMES = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `Nov 2026` from `2026-11`. */
export function monthLabel(month: string): string {
  const m = Number(month.slice(5, 7));
  return m >= 1 && m <= 12 ? `${MONTH_NAMES[m - 1]} ${month.slice(0, 4)}` : month;
}

/** The products with a monthly trend, by name (as a reader looks them up), and those with usage figures but none (with the reason). */
export function trendProducts(report: Report): { shown: ProductReport[]; notMeasured: { product: ProductReport; reason: string }[] } {
  const shown: ProductReport[] = [];
  const notMeasured: { product: ProductReport; reason: string }[] = [];
  const byName = sortedProducts(report).sort((a, b) => (clean(a.name) || a.id).localeCompare(clean(b.name) || b.id, 'en') || (a.id < b.id ? -1 : 1));
  for (const p of byName) {
    if (p.usage === null) continue;
    if (p.usage.monthly) shown.push(p);
    else notMeasured.push({ product: p, reason: p.usage.rows > 0 ? 'its exports give only last sign-ins, not events' : 'no sign-in found in the exports' });
  }
  return { shown, notMeasured };
}

/** The note a trend needs when some product's months come from aggregate counts (lower bounds), else null. */
export function countTrendNote(shown: readonly ProductReport[]): string | null {
  return shown.some((p) => p.usage?.basis === 'counts')
    ? 'For a product measured from aggregate counts, a month holds the largest count whose period lies inside it: at least that many users; – there means no count period lies inside the month.'
    : null;
}

/** The "Who" labels of a product's two trend rows: "at least" on counts. */
export function trendWho(p: ProductReport): [string, string] {
  return p.usage?.basis === 'counts' ? ['All users (at least)', 'Teachers (at least)'] : ['All users', 'Teachers'];
}

/** The trend's first and last month (`Dec 2025 to Nov 2026`), from any product's trend; null without one. */
export function trendSpan(report: Report): string | null {
  const m = report.products.find((p) => p.usage?.monthly)?.usage!.monthly!;
  return m && m.length ? `${monthLabel(m[0].month)} to ${monthLabel(m[m.length - 1].month)}` : null;
}

/** A signed change of two figures formatted by `fmt` (`+12`, `−$3.00`, `no change`); `–` when either is unknown. */
export function changeText(previous: number | null, now: number | null, fmt: (x: number) => string): string {
  if (previous === null || now === null) return '–';
  const d = now - previous;
  if (d === 0) return 'no change';
  // A word joiner keeps the sign with its figure when a narrow cell wraps.
  return `${d > 0 ? '+' : '−'}\u2060${fmt(Math.abs(d))}`;
}

/** `previous → now (change)` of one figure; `–` when neither report has it. */
export function fromTo(previous: number | null, now: number | null, fmt: (x: number | null) => string, diff: (x: number) => string = (x) => fmt(x)): string {
  if (previous === null && now === null) return '–';
  const c = changeText(previous, now, diff);
  return `${fmt(previous)} → ${fmt(now)}${c === '–' ? '' : ` (${c})`}`;
}

/** A teacher-utilization change in percentage points. */
export function pointsText(x: number): string {
  return `${round(x * 100, 1).toFixed(1)} pts`;
}

/** The compared products, largest change first: wasted spend, then active users, then teacher utilization (absolute), then id. */
export function comparedProducts(c: Comparison): Comparison['products'] {
  const delta = (x: { previous: number | null; now: number | null }) => (x.previous === null || x.now === null ? 0 : Math.abs(x.now - x.previous));
  return [...c.products].sort(
    (a, b) =>
      delta(b.wastedSpend) - delta(a.wastedSpend) ||
      delta(b.activeUsers) - delta(a.activeUsers) ||
      delta(b.teacherUtilization) - delta(a.teacherUtilization) ||
      (a.product < b.product ? -1 : 1),
  );
}
