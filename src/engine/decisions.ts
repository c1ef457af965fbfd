/**
 * What the board must decide (reports.md "the board packet", section 1): one
 * decision per product that needs one before its decide-by date, with the
 * money at stake and the product's part of the potential savings. Pure: from
 * the product reports and the as-of date, no I/O.
 */
import type { Cents } from '../model/money.js';
import type { Decision, DecisionAction, Finding, ProductReport } from '../model/types.js';
import { VETTING_CHECKS } from '../model/types.js';

/** True when the product's teacher utilization failed (a waived fail is the district's decision to keep it). */
export function isSunsetCandidate(p: ProductReport): boolean {
  return p.status !== 'sunsetting' && p.findings.some((f) => f.rule === 'usage.teacher-utilization' && f.status === 'fail');
}

/**
 * The product's part of the potential savings, in cents: the annual cost of a
 * sunset candidate, else its positive right-sizing saving; null when none. A
 * `sunsetting` product adds nothing (its saving was decided before this
 * audit; rules.md "Corner cases, decided").
 */
export function savingOf(p: ProductReport): Cents | null {
  if (p.status === 'sunsetting') return null;
  if (isSunsetCandidate(p)) return p.sunset?.annualSavings ?? null;
  const s = p.usage?.rightSizeSaving ?? null;
  return s !== null && s > 0 ? s : null;
}

/** The failing vetting checks of a product, in check order. */
function failingChecks(p: ProductReport): string[] {
  return VETTING_CHECKS.filter((c) => p.checks[c] === 'fail');
}

function listWords(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

function sentence(s: string): string {
  const t = s.trim();
  return /[.!?]$/.test(t) ? t.slice(0, -1) : t;
}

/** The statuses whose annual cost the district pays now (the annual spend): only their cost is at stake. */
const PAID = new Set(['pilot', 'active', 'sunsetting']);

/**
 * The privacy and contract findings that call for a decision (privacy-laws.md
 * §5–§7), in the order their action is chosen: a deletion due or overdue
 * (`privacy.data-deletion` warn or fail), use by students outside the grade
 * band or under the COPPA age without consent (`privacy.grade-band-use` warn
 * or fail), and a re-review due or overdue (`contract.review-due` warn or fail).
 */
const CALLS_FOR_DECISION = [
  ['privacy.data-deletion', 'delete-data'],
  ['privacy.grade-band-use', 'restrict-use'],
  ['contract.review-due', 're-review'],
] as const satisfies readonly (readonly [string, DecisionAction])[];

/** A product's unwaived warn or fail finding of a rule, or undefined. */
function needing(p: ProductReport, rule: string): Finding | undefined {
  return p.findings.find((f) => f.rule === rule && (f.status === 'warn' || f.status === 'fail'));
}

/** The action that applies first, in reports.md's order, or null when the product needs no decision. */
function actionOf(p: ProductReport, asOf: string): DecisionAction | null {
  const renewalDue = p.renewal !== null && (p.renewal.due || p.renewal.decideBy < asOf);
  const saving = savingOf(p);
  const rightSize = !isSunsetCandidate(p) && saving !== null && p.usage?.recommendedSeats != null;
  const activeRejected = p.status === 'active' && p.verdict === 'rejected';
  if (isSunsetCandidate(p)) return 'sunset';
  if (activeRejected) return 'fix-before-renewal';
  if (rightSize) return 'right-size';
  if (p.status === 'sunsetting' && (renewalDue || (p.sunset?.decideBy ?? '9999') < asOf)) return 'retiring';
  // Why before renew: renewing is the action only when no finding calls for a change.
  for (const [rule, action] of CALLS_FOR_DECISION) if (needing(p, rule)) return action;
  if (renewalDue && p.status !== 'sunsetting') return 'renew';
  return null;
}

function reasonOf(p: ProductReport, action: DecisionAction, asOf: string, semesterDays: number): string {
  const u = p.usage;
  switch (action) {
    case 'sunset':
      return sentence(p.findings.find((f) => f.rule === 'usage.teacher-utilization')?.message ?? 'Teacher utilization is below the minimum');
    case 'fix-before-renewal': {
      const fails = p.findings.filter((f) => f.status === 'fail' && (VETTING_CHECKS as readonly string[]).includes(f.check));
      const more = fails.length > 1 ? ` (and ${fails.length - 1} more)` : '';
      return `Fails ${listWords(failingChecks(p))}: ${sentence(fails[0]?.message ?? 'a vetting check failed')}${more}`;
    }
    case 'right-size':
      return u!.semesterActiveUsers === 0
        ? `No one signed in during the last ${semesterDays} school days on ${u!.seats} seats`
        : `${u!.semesterActiveUsers} users signed in during the last ${semesterDays} school days on ${u!.seats} seats; ${u!.recommendedSeats} seats cover them with the policy's buffer`;
    case 'retiring':
      return 'Retirement under way (status sunsetting)';
    case 'delete-data':
    case 'restrict-use':
    case 're-review':
      return sentence(needing(p, CALLS_FOR_DECISION.find(([, a]) => a === action)![0])!.message);
    case 'renew': {
      const r = p.renewal!;
      const when = r.renewalOn < asOf ? `Renewal date ${r.renewalOn} has passed` : `Renews on ${r.renewalOn}`;
      return `${when}${r.autoRenews ? ' (auto-renews)' : ''}; no finding calls for a change`;
    }
  }
}

/**
 * The date a decision is due: a deletion's due date (`dueOn`), the re-review's
 * due date, today for students under the COPPA age using a product without
 * consent; else the renewal's decide-by, else the sunset plan's; null when none.
 */
function decideByOf(p: ProductReport, action: DecisionAction, asOf: string): string | null {
  const fallback = p.renewal?.decideBy ?? p.sunset?.decideBy ?? null;
  if (action === 'delete-data') {
    const due = needing(p, 'privacy.data-deletion')!.evidence.dueOn;
    return typeof due === 'string' ? due : null;
  }
  if (action === 're-review') {
    const f = needing(p, 'contract.review-due')!;
    return typeof f.evidence.dueOn === 'string' ? f.evidence.dueOn : null;
  }
  if (action === 'restrict-use' && needing(p, 'privacy.grade-band-use')!.status === 'fail') return asOf;
  return fallback;
}

/**
 * The decisions of a report: sorted by decide-by (null last), then product
 * id; `semesterDays` names the right-sizing window. Their savings add up to the summary's potential savings, because every
 * product with a saving (a sunset candidate or a right-sizing) gets one.
 */
export function decisionsOf(products: readonly ProductReport[], asOf: string, semesterDays: number): Decision[] {
  const out: Decision[] = [];
  for (const p of products) {
    const action = actionOf(p, asOf);
    if (action === null) continue;
    const decideBy = decideByOf(p, action, asOf);
    const also = CALLS_FOR_DECISION.filter(([, a]) => a !== action)
      .map(([rule]) => needing(p, rule))
      .filter((f): f is Finding => f !== undefined)
      .map((f) => `. Also: ${sentence(f.message)}`)
      .join('');
    out.push({
      product: p.id,
      name: p.name,
      action,
      seats: action === 'right-size' ? (p.usage?.recommendedSeats ?? null) : null,
      saving: savingOf(p),
      atStake: PAID.has(p.status) ? (p.usage?.annualCost ?? null) : null,
      decideBy,
      reason: `${reasonOf(p, action, asOf, semesterDays)}${also}`,
    });
  }
  return out.sort((a, b) => {
    if (a.decideBy !== b.decideBy) {
      if (a.decideBy === null) return 1;
      if (b.decideBy === null) return -1;
      return a.decideBy < b.decideBy ? -1 : 1;
    }
    return a.product < b.product ? -1 : a.product > b.product ? 1 : 0;
  });
}
