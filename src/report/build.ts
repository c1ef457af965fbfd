/**
 * Build the one report model every reporter renders: findings per product,
 * verdicts, usage figures, sunset plans, renewals, totals.
 */
import type { LoadedPolicy } from '../load/policy.js';
import { ruleData } from '../load/rules-data.js';
import { isInUse, type Product } from '../model/product.js';
import {
  OTHER_CHECKS,
  STATUS_SEVERITY,
  type Finding,
  type ProductReport,
  type Report,
  type Status,
  type Summary,
} from '../model/types.js';
import { enabledRules, type Rule } from '../rules/define.js';
import { applyWaivers, rollUpChecks, ruleInfo, runRule, verdictOf, worstStatus } from '../engine/evaluate.js';
import { decisionsOf, isSunsetCandidate, savingOf } from '../engine/decisions.js';
import { renewalOf, sunsetPlan, usageFigures, withRightSizing, type UsageResults } from '../engine/usage.js';

export type { UsageResults } from '../engine/usage.js';

export interface BuildInput {
  command: string;
  asOf: string;
  version: string;
  policy: LoadedPolicy;
  products: Product[];
  /** Ids of every product of the catalog, `--tool` or not: a waiver of one left out by `--tool` is ignored without a warning. */
  catalogIds?: ReadonlySet<string>;
  rules: readonly Rule[];
  usage: UsageResults | null;
  /** Show renewal blocks (usage, sunset, audit). */
  renewals: boolean;
  warnings: string[];
  /** `product\u0000rule` → status in the baseline report. */
  baseline: Map<string, Status> | null;
}

/** Key of a finding in a baseline. */
export function baselineKey(product: string, rule: string): string {
  return `${product}\u0000${rule}`;
}

/** Assemble the report. */
export function buildReport(input: BuildInput): Report {
  const { policy: lp, asOf } = input;
  const policy = lp.policy;
  const warnings = [...input.warnings];
  const data = ruleData();
  const ids = input.catalogIds ?? new Set(input.products.map((p) => p.id));
  for (const w of policy.waivers ?? []) {
    if (!ids.has(w.tool)) warnings.push(`waiver for product '${w.tool}' names a product not in this run`);
  }
  const rules = enabledRules(input.rules, policy);
  const products: ProductReport[] = input.products.map((p) => {
    const counts = input.usage?.counts.get(p.id) ?? null;
    const figures = counts ? usageFigures(p, counts) : null;
    const ctx = { policy, asOf, usage: figures, data };
    let findings: Finding[] = rules.map((r) => runRule(r, p, ctx));
    findings = applyWaivers(p.id, findings, policy, asOf);
    if (input.baseline) findings = findings.map((f) => markKnown(f, p.id, input.baseline!));
    const dormantWarn = findings.some((f) => f.rule === 'usage.dormant-seats' && f.status === 'warn');
    const checks: ProductReport['checks'] = { ...rollUpChecks(findings) };
    for (const extra of OTHER_CHECKS) {
      const fs = findings.filter((f) => f.check === extra);
      if (fs.length) checks[extra] = worstStatus(fs.map((f) => f.status));
    }
    const m = p.manifest;
    return {
      id: p.id,
      name: m.name,
      vendor: m.vendor,
      vendorContact: m.vendor_contact ?? null,
      category: m.category,
      status: m.status,
      source: p.source,
      verdict: verdictOf(findings),
      checks,
      findings,
      usage: figures && dormantWarn ? withRightSizing(figures, p, policy) : figures,
      // Why: a sunsetting product's plan needs no usage: `audit` and `sunset` give it without usage files (privacy-laws.md, "Decided details").
      sunset: input.usage || input.command === 'audit' || input.command === 'sunset' ? sunsetPlan(p, findings, policy, asOf) : null,
      renewal: input.renewals ? renewalOf(p, policy, asOf) : null,
    };
  });
  const summary = summarise(products, input.products);
  return {
    schemaVersion: 1,
    generator: { name: 'edvet', version: input.version },
    command: input.command,
    asOf,
    policy: { source: lp.source },
    district: { name: policy.district?.name ?? null, contact: policy.district?.contact ?? null },
    thresholds: {
      teacherUtilizationMin: policy.usage.teacher_utilization_min,
      renewalWarnDays: policy.sunset.renewal_warn_days,
      dormantWarnRatio: policy.usage.dormant_warn_ratio,
      adaDeadline: policy.accessibility.ada_deadline,
      activeWindowDays: policy.usage.active_window_days,
      semesterDays: policy.usage.semester_days,
    },
    products,
    unmatchedApps: input.usage?.unmatchedApps ?? [],
    inputs: input.usage?.inputs ?? [],
    warnings,
    rules: input.rules.map((r) => ruleInfo(r, data)),
    hasUsage: input.usage !== null,
    decisions: input.usage !== null ? decisionsOf(products, asOf, policy.usage.semester_days) : [],
    comparison: null,
    reconciliation: input.usage !== null ? reconcile(products, summary) : null,
    summary,
  };
}

/** Whether a product's annual cost counts in `annualSpend`: the district pays for it now. */
function inAnnualSpend(status: string): boolean {
  return isInUse(status);
}

/** Whether a product's wasted spend counts in `wastedSpend`: the dormant-seats rule applies to it. */
function inWastedSpend(r: ProductReport): boolean {
  return r.findings.some((f) => f.rule === 'usage.dormant-seats' && f.status !== 'n/a');
}

/** The usage table's money columns against the headline figures, naming each product the headline leaves out. */
export function reconcile(reports: ProductReport[], s: Summary): NonNullable<Report['reconciliation']> {
  const listed = reports.filter((r) => r.usage !== null);
  const annualOut = listed.filter((r) => !inAnnualSpend(r.status) && r.usage!.annualCost !== 0);
  const wastedOut = listed.filter((r) => !inWastedSpend(r) && (r.usage!.wastedSpend ?? 0) !== 0);
  const rightSizeOut = listed.filter((r) => (r.usage!.rightSizeSaving ?? 0) > 0 && (isSunsetCandidate(r) || savingOf(r) === null));
  return {
    annualCost: {
      listed: listed.reduce((n, r) => n + r.usage!.annualCost, 0),
      headline: s.annualSpend,
      leftOut: annualOut.map((r) => ({ product: r.id, name: r.name, amount: r.usage!.annualCost, why: `status ${r.status}: the district does not pay for it now` })),
    },
    wastedSpend: {
      listed: listed.reduce((n, r) => n + (r.usage!.wastedSpend ?? 0), 0),
      headline: s.wastedSpend,
      leftOut: wastedOut.map((r) => ({ product: r.id, name: r.name, amount: r.usage!.wastedSpend!, why: `status ${r.status}: the dormant-seats rule does not apply` })),
    },
    rightSizeSaving: {
      listed: listed.reduce((n, r) => n + Math.max(0, r.usage!.rightSizeSaving ?? 0), 0),
      headline: s.rightSizeSavings,
      leftOut: rightSizeOut.map((r) => ({
        product: r.id,
        name: r.name,
        amount: r.usage!.rightSizeSaving!,
        why: isSunsetCandidate(r) ? 'a sunset candidate: its whole annual cost counts as sunset savings instead' : `status ${r.status}: its saving was decided before this audit`,
      })),
    },
  };
}

function markKnown(f: Finding, productId: string, baseline: Map<string, Status>): Finding {
  if (f.status !== 'warn' && f.status !== 'fail') return f;
  const before = baseline.get(baselineKey(productId, f.rule));
  // Why: a finding is old debt when the earlier run had it at the same or a worse level; a warn that became a fail is new.
  if (before && (before === 'warn' || before === 'fail') && STATUS_SEVERITY[before] >= STATUS_SEVERITY[f.status]) return { ...f, known: true };
  return f;
}

/**
 * District totals in cents: sums of the per-product figures, each already
 * rounded to a cent, so a total always equals the sum of its rows (rules.md
 * "Corner cases, decided"). `annualSpend` counts products the district pays
 * for now (pilot, active, sunsetting).
 */
function summarise(reports: ProductReport[], products: Product[]): Summary {
  const findings: Record<Status, number> = { pass: 0, warn: 0, fail: 0, waived: 0, 'n/a': 0 };
  let annualSpend = 0;
  let wasted = 0;
  let wastedFromCounts = 0;
  let sunsetSavings = 0;
  let rightSizeSavings = 0;
  let candidates = 0;
  reports.forEach((r, i) => {
    for (const f of r.findings) findings[f.status] += 1;
    const p = products[i];
    if (inAnnualSpend(p.manifest.status)) annualSpend += p.annualCost ?? 0;
    // Only seats the district is paying for now (the dormant-seats rule applies) count as wasted.
    if (inWastedSpend(r)) {
      wasted += r.usage?.wastedSpend ?? 0;
      if (r.usage?.basis === 'counts') wastedFromCounts += r.usage.wastedSpend ?? 0;
    }
    // One definition of a product's saving, shared with the decisions, so their savings add up to this total.
    const saving = savingOf(r) ?? 0;
    if (isSunsetCandidate(r)) {
      candidates += 1;
      sunsetSavings += saving;
    } else rightSizeSavings += saving;
  });
  return {
    products: reports.length,
    approved: reports.filter((r) => r.verdict === 'approved').length,
    conditional: reports.filter((r) => r.verdict === 'conditional').length,
    rejected: reports.filter((r) => r.verdict === 'rejected').length,
    sunsetCandidates: candidates,
    annualSpend,
    wastedSpend: wasted,
    wastedSpendFromCounts: wastedFromCounts,
    potentialSavings: sunsetSavings + rightSizeSavings,
    sunsetSavings,
    rightSizeSavings,
    findings,
  };
}

/** Exit status of a finished run: 1 when a counted (not known) finding reaches --fail-on. */
export function exitStatusOf(report: Report, failOn: 'fail' | 'warn' | 'never'): 0 | 1 {
  if (failOn === 'never') return 0;
  const levels: Status[] = failOn === 'warn' ? ['fail', 'warn'] : ['fail'];
  return report.products.some((p) => p.findings.some((f) => !f.known && levels.includes(f.status))) ? 1 : 0;
}
