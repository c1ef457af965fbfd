/**
 * What a rule is: metadata plus a pure check function from (product, context)
 * to an outcome. A rule names a message id and the evidence's key path; the
 * engine turns the path into file:line:col and the id into words from rules/.
 */
import type { Policy } from '../load/schema/policy.js';
import type { Product } from '../model/product.js';
import type { Check } from '../model/types.js';
import type { RuleUsage } from '../model/usage.js';

/** The usage figures a usage rule judges (a view of the one usage-figures type, src/model/usage.ts). */
export type ProductUsageInput = RuleUsage;

/** Everything a rule may read besides the product: no clock, no I/O. */
export interface RuleContext {
  policy: Policy;
  /** The audit date, `YYYY-MM-DD`. */
  asOf: string;
  usage: ProductUsageInput | null;
}

export type OutcomeStatus = 'pass' | 'warn' | 'fail' | 'n/a';

/** What a rule returns: a status, a message id with its parameters, and the evidence. */
export interface Outcome {
  status: OutcomeStatus;
  message: string;
  params?: Record<string, string | number>;
  field: string;
  value: unknown;
  expected: unknown;
}

export interface Rule {
  id: string;
  check: Check;
  /** Vetting rules feed the verdict; usage and contract rules do not. */
  kind: 'vetting' | 'usage' | 'contract';
  evaluate(product: Product, ctx: RuleContext): Outcome;
}

/** Declare a rule (identity function that fixes the type). */
export function defineRule(rule: Rule): Rule {
  return rule;
}

/** Build an outcome. */
export function outcome(
  status: OutcomeStatus,
  message: string,
  evidence: { field: string; value?: unknown; expected?: unknown },
  params?: Record<string, string | number>,
): Outcome {
  return { status, message, params, field: evidence.field, value: evidence.value ?? null, expected: evidence.expected ?? null };
}

/** True when students use the product. */
export function hasStudents(p: Product): boolean {
  return p.manifest.audience.includes('students');
}
