/**
 * `json` — the machine contract of reports.md: a fixed key order, money in
 * dollars rounded to cents (the model's cents / 100), ratios to 4 places,
 * products by id. The model's `district`,
 * `thresholds`, `rules`, `hasUsage` and each product's `vendorContact` are
 * internal to the renderers and left out.
 */
import type { Change, Comparison, Finding, ProductReport, Report, SunsetPlan, UsageFigures } from '../model/types.js';
import { VETTING_CHECKS } from '../model/types.js';
import type { Reporter } from './types.js';
import { dollarsOf } from '../model/money.js';
import { ratio4, sortedProducts } from './util.js';

function usageJson(u: UsageFigures | null) {
  if (u === null) return null;
  return {
    basis: u.basis,
    noUsageData: u.noUsageData,
    licensedRole: u.licensedRole,
    rows: u.rows,
    seats: u.seats,
    activeUsers: u.activeUsers,
    activeTeachers: u.activeTeachers,
    activeStudents: u.activeStudents,
    dormantSeats: u.dormantSeats,
    dormantRatio: ratio4(u.dormantRatio),
    annualCost: dollarsOf(u.annualCost),
    costPerSeat: dollarsOf(u.costPerSeat),
    wastedSpend: dollarsOf(u.wastedSpend),
    costPerActiveUser: dollarsOf(u.costPerActiveUser),
    teachersWithAccess: u.teachersWithAccess,
    teachersSignedIn: u.semesterActiveTeachers,
    teacherUtilization: ratio4(u.teacherUtilization),
    semesterActiveUsers: u.semesterActiveUsers,
    recommendedSeats: u.recommendedSeats,
    rightSizeSaving: dollarsOf(u.rightSizeSaving),
    lastSeen: u.lastSeen,
    activeByGrade: u.activeByGrade?.map((b) => ({ grade: b.grade, activeStudents: b.activeStudents })) ?? null,
    activeBySchool: u.activeBySchool?.map((b) => ({ school: b.school, activeUsers: b.activeUsers })) ?? null,
    monthly: u.monthly?.map((m) => ({ month: m.month, activeUsers: m.activeUsers, activeTeachers: m.activeTeachers })) ?? null,
  };
}

function sunsetJson(s: SunsetPlan | null) {
  if (s === null) return null;
  return {
    reason: s.reason,
    noticeOn: s.noticeOn,
    earliestRetireOn: s.earliestRetireOn,
    decideBy: s.decideBy,
    beforeRenewal: s.beforeRenewal,
    annualSavings: dollarsOf(s.annualSavings),
    requestDeletionBy: s.requestDeletionBy,
    deletionDueBy: s.deletionDueBy,
    steps: [...s.steps],
  };
}

/** JSON has no `undefined`: an absent evidence value is written as null. */
function jsonValue(v: unknown): unknown {
  return v === undefined ? null : v;
}

/** field, value and expected first, then any further keys the rule gave (a law's citation and missing, a deletion's dates). */
function evidenceJson(e: Finding['evidence']): Record<string, unknown> {
  const out: Record<string, unknown> = { field: e.field, value: jsonValue(e.value), expected: jsonValue(e.expected) };
  for (const [k, v] of Object.entries(e)) if (!(k in out)) out[k] = jsonValue(v);
  return out;
}

function findingJson(f: Finding) {
  return {
    rule: f.rule,
    check: f.check,
    status: f.status,
    message: f.message,
    evidence: evidenceJson(f.evidence),
    source: { file: f.source.file, line: f.source.line, column: f.source.column },
    remediation: f.remediation,
    waiver: f.waiver
      ? { reason: f.waiver.reason, approvedBy: f.waiver.approvedBy, expiresOn: f.waiver.expiresOn, expired: f.waiver.expired }
      : null,
    known: f.known,
  };
}

function productJson(p: ProductReport) {
  const checks: Record<string, string> = {};
  for (const c of VETTING_CHECKS) checks[c] = p.checks[c];
  if (p.checks.usage !== undefined) checks.usage = p.checks.usage;
  if (p.checks.contract !== undefined) checks.contract = p.checks.contract;
  if (p.checks.lifecycle !== undefined) checks.lifecycle = p.checks.lifecycle;
  return {
    id: p.id,
    name: p.name,
    vendor: p.vendor,
    category: p.category,
    status: p.status,
    source: { file: p.source.file, line: p.source.line, column: p.source.column },
    verdict: p.verdict,
    checks,
    findings: p.findings.map(findingJson),
    usage: usageJson(p.usage),
    sunset: sunsetJson(p.sunset),
    renewal: p.renewal ? { renewalOn: p.renewal.renewalOn, decideBy: p.renewal.decideBy, autoRenews: p.renewal.autoRenews } : null,
  };
}

/** reports.md "Since last audit": money in dollars, ratios to 4 places. */
function comparisonJson(c: Comparison) {
  const money = (x: Change<number>) => ({ previous: dollarsOf(x.previous), now: dollarsOf(x.now) });
  return {
    previousAsOf: c.previousAsOf,
    productsAdded: [...c.productsAdded],
    productsRemoved: [...c.productsRemoved],
    verdictChanges: c.verdictChanges.map((v) => ({ product: v.product, from: v.from, to: v.to })),
    annualSpend: money(c.annualSpend),
    wastedSpend: money(c.wastedSpend),
    products: c.products.map((p) => ({
      product: p.product,
      activeUsers: { previous: p.activeUsers.previous, now: p.activeUsers.now },
      teacherUtilization: { previous: ratio4(p.teacherUtilization.previous), now: ratio4(p.teacherUtilization.now) },
      wastedSpend: money(p.wastedSpend),
    })),
  };
}

/** The reports.md JSON object for a report (key order as documented). */
export function reportToJson(report: Report) {
  return withProducts(report, sortedProducts(report).map(productJson));
}

function withProducts<P>(report: Report, products: P[]) {
  const s = report.summary;
  return {
    schemaVersion: report.schemaVersion,
    generator: { name: report.generator.name, version: report.generator.version },
    command: report.command,
    asOf: report.asOf,
    policy: { source: report.policy.source },
    products,
    unmatchedApps: report.unmatchedApps.map((a) => ({ app: a.app, appId: a.appId, rows: a.rows, suggestedProduct: a.suggestedProduct })),
    inputs: report.inputs.map((i) => ({
      path: i.path,
      format: i.format,
      rows: i.rows,
      used: i.used,
      skipped: { ...i.skipped },
      bad: { ...i.bad },
      firstBad: i.firstBad.map((b) => ({ line: b.line, reason: b.reason })),
    })),
    warnings: [...report.warnings],
    ...(report.hasUsage
      ? {
          decisions: report.decisions.map((d) => ({
            product: d.product,
            action: d.action,
            seats: d.seats,
            saving: dollarsOf(d.saving),
            atStake: dollarsOf(d.atStake),
            decideBy: d.decideBy,
            reason: d.reason,
          })),
        }
      : {}),
    ...(report.comparison ? { comparison: comparisonJson(report.comparison) } : {}),
    summary: {
      products: s.products,
      approved: s.approved,
      conditional: s.conditional,
      rejected: s.rejected,
      sunsetCandidates: s.sunsetCandidates,
      annualSpend: dollarsOf(s.annualSpend),
      wastedSpend: dollarsOf(s.wastedSpend),
      ...(report.hasUsage ? { wastedSpendFromCounts: dollarsOf(s.wastedSpendFromCounts) } : {}),
      potentialSavings: dollarsOf(s.potentialSavings),
      ...(report.hasUsage ? { sunsetSavings: dollarsOf(s.sunsetSavings), rightSizeSavings: dollarsOf(s.rightSizeSavings) } : {}),
      findings: { pass: s.findings.pass, warn: s.findings.warn, fail: s.findings.fail, waived: s.findings.waived, 'n/a': s.findings['n/a'] },
    },
  };
}

/** Renders the report as reports.md JSON, 2-space indent, trailing newline. */
export const renderJson: Reporter = (report) => [...jsonPieces(report)].join('');

/** How JSON.stringify(…, null, 2) writes a report's empty product list, and one product inside it (at its depth). */
const EMPTY_PRODUCTS = '\n  "products": [],\n';
const ONE_PRODUCT_HEAD = '{\n  "products": [\n    ';
const ONE_PRODUCT_TAIL = '\n  ]\n}';

/**
 * renderJson's text in pieces whose concatenation is that text: the report
 * around its products, and each product's object, built and written one at
 * a time. A catalog of thousands of products makes a report of tens of
 * megabytes; in pieces it never exists whole, nor does its object tree.
 */
export function* jsonPieces(report: Report): Generator<string> {
  const frame = JSON.stringify(withProducts(report, []), null, 2);
  const slot = frame.indexOf(EMPTY_PRODUCTS);
  if (slot < 0) throw new Error('internal: the JSON report has no product list');
  const products = sortedProducts(report);
  if (products.length === 0) {
    yield `${frame}\n`;
    return;
  }
  // `"products": [` … `\n  ],` with each product as JSON.stringify indents it there.
  yield frame.slice(0, slot + EMPTY_PRODUCTS.length - 3);
  for (let i = 0; i < products.length; i++) {
    const one = JSON.stringify({ products: [productJson(products[i])] }, null, 2);
    yield (i === 0 ? '\n    ' : ',\n    ') + one.slice(ONE_PRODUCT_HEAD.length, one.length - ONE_PRODUCT_TAIL.length);
  }
  yield `\n  ]${frame.slice(slot + EMPTY_PRODUCTS.length - 2)}\n`;
}
