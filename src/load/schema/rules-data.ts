/**
 * The shape of the rule texts in rules/: rules/<check>.yaml (per rule its
 * title, description, policy keys, remediation and the words of each message
 * id) and rules/wcag-criteria.yaml. `npm run build` validates both with these
 * schemas before writing dist/rules-data.json; rules and the engine receive
 * the validated data as a `RuleData` value.
 */
import * as z from 'zod';

const text = z.string({ error: 'expected a text' }).regex(/\S/, { error: 'expected a non-empty text' });

/** The texts of one rule. */
export const RuleTextSchema = z.strictObject({
  title: text,
  description: text,
  policy_keys: z.array(z.string().regex(/^[a-z_][a-z0-9_]*(\.[a-z_][a-z0-9_]*)*$/, { error: 'expected a policy key path such as usage.semester_days' })),
  remediation: text,
  messages: z.record(z.string().regex(/^[a-z0-9-]+$/, { error: 'expected a message id (lowercase, digits, hyphens)' }), text),
  /** Dates a rule reads as data (e.g. a regulation's compliance date), name → `YYYY-MM-DD`. */
  dates: z.record(z.string().regex(/^[a-z_]+$/), z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'expected a date written YYYY-MM-DD' })).optional(),
});

/** One WCAG success criterion of rules/wcag-criteria.yaml. */
export const WcagCriterionSchema = z.strictObject({
  title: text,
  level: z.enum(['A', 'AA', 'AAA']),
  since: z.enum(['2.0', '2.1', '2.2']),
});

/** rules/wcag-criteria.yaml: criterion number (`1.4.3`) → title, level and the version that introduced it. */
export const WcagCriteriaSchema = z.record(z.string().regex(/^\d+\.\d+\.\d+$/, { error: 'expected a criterion number such as 1.4.3' }), WcagCriterionSchema);

/** Texts of one rule in rules/<check>.yaml. */
export type RuleText = z.infer<typeof RuleTextSchema>;
/** One WCAG success criterion. */
export type WcagCriterion = z.infer<typeof WcagCriterionSchema>;

/** Everything rules and the engine read from rules/ besides the defaults: passed in as data, never loaded by them. */
export interface RuleData {
  /** Rule id → its texts. */
  texts: Readonly<Record<string, RuleText>>;
  /** WCAG criterion number → title, level, version. */
  wcag: Readonly<Record<string, WcagCriterion>>;
}
