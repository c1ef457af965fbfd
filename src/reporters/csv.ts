/**
 * `csv` — for spreadsheets: RFC 4180 quoting, CRLF line ends, a UTF-8 BOM so
 * Excel reads UTF-8, and formula neutralisation (a cell beginning with `=`,
 * `+`, `-`, `@`, tab or CR — also after leading spaces — is prefixed with `'`).
 *
 * Findings layout (vet, audit): one row per finding, columns
 *   product_id, product_name, vendor, rule, check, status, message, field,
 *   value, expected, file, line
 * where `value`/`expected` are the evidence values (lists joined with `; `,
 * objects as JSON, empty when not provided).
 *
 * Usage layout (`usage`, `sunset` commands): one row per product, columns
 *   product_id, product_name, vendor, status        product and its lifecycle status
 *   usage_rows                                      used export rows matched to it
 *   basis (users, counts; empty when no data), no_usage_data (yes/no: no export row matched it)
 *   seats, active_users, active_teachers, active_students, semester_active_users
 *   dormant_seats, dormant_ratio (0..1, 4 places)
 *   annual_cost, cost_per_seat, wasted_spend, cost_per_active_user (dollars, to the cent)
 *   teachers_with_access, teacher_utilization (0..1, 4 places)
 *   recommended_seats, right_size_saving (dollars, to the cent), last_seen (YYYY-MM-DD)
 *   usage_status                                    worst status of the usage rules
 *   sunset_candidate (yes/no), sunset_reason, notice_on, earliest_retire_on,
 *   sunset_decide_by, annual_savings (dollars, to the cent)
 *   renewal_on, renewal_decide_by, auto_renews (yes/no)
 * An unknown figure is an empty cell.
 */
import type { Report } from '../model/types.js';
import type { Reporter } from './types.js';
import { dollarsOf } from '../model/money.js';
import { clean, ratio4, sortedProducts } from './util.js';

/** Header of the findings layout. */
export const FINDING_COLUMNS = ['product_id', 'product_name', 'vendor', 'rule', 'check', 'status', 'message', 'field', 'value', 'expected', 'file', 'line'];

/** Header of the usage layout. */
export const USAGE_COLUMNS = [
  'product_id', 'product_name', 'vendor', 'status', 'usage_rows', 'basis', 'no_usage_data', 'seats', 'active_users', 'active_teachers', 'active_students',
  'semester_active_users', 'dormant_seats', 'dormant_ratio', 'annual_cost', 'cost_per_seat', 'wasted_spend', 'cost_per_active_user',
  'teachers_with_access', 'teacher_utilization', 'recommended_seats', 'right_size_saving', 'last_seen', 'usage_status',
  'sunset_candidate', 'sunset_reason', 'notice_on', 'earliest_retire_on', 'sunset_decide_by', 'annual_savings',
  'renewal_on', 'renewal_decide_by', 'auto_renews',
];

/** One CSV cell: control characters dropped, formulas neutralised, quoted when needed. */
export function csvCell(value: unknown): string {
  let s = clean(value === null || value === undefined ? '' : String(value), true);
  if (/^[\t\r]/.test(s) || /^\s*[=+\-@]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Evidence value as spreadsheet text: empty for not provided, lists joined with `; `, objects as JSON. */
function evidenceCell(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (Array.isArray(v)) return v.map((x) => (typeof x === 'string' ? x : JSON.stringify(x))).join('; ');
  if (typeof v === 'object') {
    try {
      return JSON.stringify(v);
    } catch {
      return String(v);
    }
  }
  return String(v);
}

function num(x: number | null | undefined): string {
  return x === null || x === undefined ? '' : String(x);
}

function yesNo(b: boolean | null | undefined): string {
  return b === null || b === undefined ? '' : b ? 'yes' : 'no';
}

function csv(rows: unknown[][]): string {
  return `\uFEFF${rows.map((r) => r.map(csvCell).join(',')).join('\r\n')}\r\n`;
}

/** True when the report's command calls for the per-product usage layout. */
export function usesUsageLayout(report: Report): boolean {
  return report.command === 'usage' || report.command === 'sunset';
}

/** Renders the report as CSV (findings layout, or usage layout for `usage` and `sunset`). */
export const renderCsv: Reporter = (report: Report) => {
  const products = sortedProducts(report);
  if (usesUsageLayout(report)) {
    const rows: unknown[][] = [USAGE_COLUMNS];
    for (const p of products) {
      const u = p.usage;
      const s = p.sunset;
      rows.push([
        p.id, p.name, p.vendor, p.status, num(u?.rows), u?.basis ?? '', yesNo(u?.noUsageData), num(u?.seats), num(u?.activeUsers), num(u?.activeTeachers), num(u?.activeStudents),
        num(u?.semesterActiveUsers), num(u?.dormantSeats), num(ratio4(u?.dormantRatio ?? null)), num(dollarsOf(u?.annualCost ?? null)),
        num(dollarsOf(u?.costPerSeat ?? null)), num(dollarsOf(u?.wastedSpend ?? null)), num(dollarsOf(u?.costPerActiveUser ?? null)),
        num(u?.teachersWithAccess), num(ratio4(u?.teacherUtilization ?? null)), num(u?.recommendedSeats), num(dollarsOf(u?.rightSizeSaving ?? null)),
        u?.lastSeen ?? '', p.checks.usage ?? '', yesNo(s !== null), s?.reason ?? '', s?.noticeOn ?? '', s?.earliestRetireOn ?? '',
        s?.decideBy ?? '', num(dollarsOf(s?.annualSavings ?? null)), p.renewal?.renewalOn ?? '', p.renewal?.decideBy ?? '', yesNo(p.renewal?.autoRenews),
      ]);
    }
    return csv(rows);
  }
  const rows: unknown[][] = [FINDING_COLUMNS];
  for (const p of products) {
    for (const f of p.findings) {
      rows.push([
        p.id, p.name, p.vendor, f.rule, f.check, f.status, f.message, f.evidence.field,
        evidenceCell(f.evidence.value), evidenceCell(f.evidence.expected), f.source.file, f.source.line,
      ]);
    }
  }
  return csv(rows);
};
