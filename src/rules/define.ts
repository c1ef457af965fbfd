/**
 * What a rule is: metadata plus a pure check function from (product, context)
 * to an outcome. A rule names a message id and the evidence's key path; the
 * engine turns the path into file:line:col and the id into words from rules/.
 */
import type { Policy } from '../load/schema/policy.js';
import type { Product } from '../model/product.js';
import type { Check } from '../model/types.js';
import type { RuleUsage } from '../model/usage.js';
import type { RuleData } from '../load/schema/rules-data.js';

/** The usage figures a usage rule judges (a view of the one usage-figures type, src/model/usage.ts). */
export type ProductUsageInput = RuleUsage;

/** Everything a rule may read besides the product: no clock, no I/O. */
export interface RuleContext {
  policy: Policy;
  /** The audit date, `YYYY-MM-DD`. */
  asOf: string;
  usage: ProductUsageInput | null;
  /** Rule texts and WCAG criteria from rules/, loaded once by the caller. */
  data: RuleData;
}

export type OutcomeStatus = 'pass' | 'warn' | 'fail' | 'n/a';

/**
 * The message ids a rule may emit, each with the one status it reports (as
 * ESLint's `meta.messages`; the words live in rules/<check>.yaml).
 */
export type Messages = Readonly<Record<string, OutcomeStatus>>;

/** What a rule returns: a status, a message id with its parameters, and the evidence. */
export interface Outcome<M extends string = string, S extends OutcomeStatus = OutcomeStatus> {
  status: S;
  message: M;
  params?: Record<string, string | number>;
  field: string;
  value: unknown;
  expected: unknown;
  /** Evidence keys beyond field, value and expected (a law's `citation` and `missing`, a deletion's `dueOn`…), in JSON order. */
  more?: Record<string, unknown>;
}

/** The outcomes a rule declaring `T` may return: one of its message ids, with the status declared for it. */
export type OutcomeOf<T extends Messages> = { [K in keyof T & string]: Outcome<K, T[K]> }[keyof T & string];

/** A rule: metadata and one pure check function (as the registry holds it). */
export interface Rule {
  id: string;
  check: Check;
  /** Vetting rules feed the verdict; usage, contract and lifecycle rules do not. */
  kind: 'vetting' | 'usage' | 'contract' | 'lifecycle';
  /** A lifecycle rule that judges usage figures: it runs only when usage exports were given. */
  needsUsage?: boolean;
  /** Every message id the rule may emit, with its status. */
  messages: Messages;
  /** When given and false for the policy, the rule gives no finding at all (a rule the policy turns on). */
  enabled?(policy: Policy): boolean;
  /** A law rule's items in its table's order: the manifest field, the section it enforces, and fail (§) or warn (§²) (for its docs). */
  items?: readonly { field: string; cite: string; level: 'fail' | 'warn' }[];
  evaluate(product: Product, ctx: RuleContext): Outcome;
}

/** A rule with its declared message ids kept in the type (what `defineRule` returns; tests use it). */
export type RuleOf<T extends Messages> = Rule & { readonly messages: T; evaluate(product: Product, ctx: RuleContext): OutcomeOf<T> };

/**
 * Declare a rule. The message ids come from `messages` alone (`NoInfer`), so
 * returning an id the rule does not declare, or with another status, is a
 * type error.
 */
export function defineRule<const T extends Messages>(rule: {
  id: string;
  check: Check;
  kind: Rule['kind'];
  needsUsage?: boolean;
  messages: T;
  enabled?(policy: Policy): boolean;
  evaluate(product: Product, ctx: RuleContext): OutcomeOf<NoInfer<T>>;
}): RuleOf<T> {
  return rule;
}

/** Build an outcome (its status and message id keep their literal types, checked against the rule's `messages`). */
export function outcome<const S extends OutcomeStatus, const M extends string>(
  status: S,
  message: M,
  evidence: { field: string; value?: unknown; expected?: unknown; more?: Record<string, unknown> },
  params?: Record<string, string | number>,
): Outcome<M, S> {
  const o: Outcome<M, S> = { status, message, params, field: evidence.field, value: evidence.value ?? null, expected: evidence.expected ?? null };
  if (evidence.more) o.more = evidence.more;
  return o;
}

/** True when students use the product. */
export function hasStudents(p: Product): boolean {
  return p.manifest.audience.includes('students');
}

/**
 * Where a rule lives, from its id: `privacy.data-deletion` → code
 * src/rules/privacy/data-deletion.ts, texts rules/privacy.yaml;
 * `law.ny-2d.breach-notice` → src/rules/law/ny-2d/breach-notice.ts, texts
 * rules/law.yaml. The tests and docs mirror `dir`.
 */
export function ruleHome(id: string): { dir: string; name: string; texts: string } {
  const parts = id.split('.');
  return { dir: parts.slice(0, -1).join('/'), name: parts[parts.length - 1], texts: parts[0] };
}

/** The rules the policy turns on (a rule without `enabled` always runs). */
export function enabledRules<R extends Rule>(rules: readonly R[], policy: Policy): R[] {
  return rules.filter((r) => !r.enabled || r.enabled(policy));
}
