import { defineRule, outcome, type OutcomeOf, type RuleContext } from '../define.js';
import type { Product } from '../../model/product.js';

const MESSAGES = {
  'not-provided': 'fail',
  'version-below': 'fail',
  none: 'fail',
  'partial-plan': 'warn',
  'partial-no-plan': 'fail',
  'level-below': 'fail',
  conforms: 'pass',
  'acr-no-version': 'fail',
  'acr-not-supported': 'fail',
  'acr-partial': 'warn',
  'acr-not-evaluated': 'warn',
  'acr-supports': 'pass',
} as const;
type WcagOutcome = OutcomeOf<typeof MESSAGES>;

const CONFORMANCE_RANK: Record<string, number> = { A: 1, AA: 2, AAA: 3 };

/** accessibility.wcag — WCAG conformance at the policy's version and level (ADA Title II names WCAG 2.1 AA). */
export default defineRule({
  id: 'accessibility.wcag',
  check: 'accessibility',
  kind: 'vetting',
  messages: MESSAGES,
  evaluate(p, ctx) {
    return p.acr ? fromAcr(p, ctx) : fromClaim(p, ctx);
  },
});

function fromClaim(p: Product, { policy, asOf }: RuleContext): WcagOutcome {
  const a = p.manifest.accessibility;
  const min = policy.accessibility.min_wcag;
  const minConf = policy.accessibility.min_conformance;
  const expected = `WCAG ${min} ${minConf}`;
  const version = a?.wcag_version;
  const conf = a?.conformance;
  const params = { version: version ?? '', conformance: conf ?? '', min, min_conformance: minConf, ada_deadline: policy.accessibility.ada_deadline ?? '' };
  if (!version) return outcome('fail', 'not-provided', { field: 'accessibility.wcag_version', value: null, expected }, params);
  // Why: an older WCAG version misses criteria the policy's version adds, whatever level it claims.
  if (version < min) return outcome('fail', 'version-below', { field: 'accessibility.wcag_version', value: version, expected: `>= ${min}` }, params);
  if (!conf) return outcome('fail', 'not-provided', { field: 'accessibility.conformance', value: null, expected }, params);
  if (conf === 'none') return outcome('fail', 'none', { field: 'accessibility.conformance', value: conf, expected: minConf }, params);
  if (conf === 'partial') {
    const due = a?.remediation_due;
    if (due && due > asOf) return outcome('warn', 'partial-plan', { field: 'accessibility.remediation_due', value: due, expected: `conformance ${minConf}` }, { ...params, due });
    return outcome('fail', 'partial-no-plan', { field: due ? 'accessibility.remediation_due' : 'accessibility.conformance', value: due ?? conf, expected: due ? `after ${asOf}` : minConf }, params);
  }
  if (CONFORMANCE_RANK[conf] < CONFORMANCE_RANK[minConf]) {
    return outcome('fail', 'level-below', { field: 'accessibility.conformance', value: conf, expected: `>= ${minConf}` }, params);
  }
  return outcome('pass', 'conforms', { field: 'accessibility.conformance', value: conf, expected: `>= ${minConf}` }, params);
}

function fromAcr(p: Product, { policy, data }: RuleContext): WcagOutcome {
  const acr = p.acr!;
  const min = policy.accessibility.min_wcag;
  const version = acr.wcagVersion ?? p.manifest.accessibility?.wcag_version ?? null;
  const field = 'accessibility.openacr';
  const name = (num: string) => `${num}${data.wcag[num] ? ` ${data.wcag[num].title}` : ''}`;
  const base = { min, min_conformance: policy.accessibility.min_conformance, version: version ?? '', report: acr.file, ada_deadline: policy.accessibility.ada_deadline ?? '' };
  if (!version) return outcome('fail', 'acr-no-version', { field, value: acr.file, expected: `WCAG ${min}` }, base);
  if (version < min) return outcome('fail', 'version-below', { field, value: version, expected: `>= ${min}` }, base);
  const failing = acr.criteria.filter((c) => c.adherence === 'does-not-support');
  const partial = acr.criteria.filter((c) => c.adherence === 'partially-supports');
  const unevaluated = acr.criteria.filter((c) => c.adherence === 'not-evaluated');
  const list = (cs: typeof failing, what: string) => cs.map((c) => `${name(c.num)}: ${what}`);
  // Every criterion short of "supports" is named, worst first, whatever decided the status.
  const named = [...list(failing, 'does not support'), ...list(partial, 'partially supports'), ...list(unevaluated, 'not evaluated')];
  const expectedAll = 'every Level A and AA criterion supports or is not applicable';
  const params = { ...base, criteria: named.join('; '), count: named.length };
  if (failing.length || (partial.length && policy.accessibility.openacr_partial === 'fail')) {
    return outcome('fail', 'acr-not-supported', { field, value: named, expected: expectedAll }, { ...params, count: failing.length + (policy.accessibility.openacr_partial === 'fail' ? partial.length : 0) });
  }
  if (partial.length) return outcome('warn', 'acr-partial', { field, value: named, expected: expectedAll }, { ...params, count: partial.length });
  if (unevaluated.length) return outcome('warn', 'acr-not-evaluated', { field, value: named, expected: 'every Level A and AA criterion evaluated' }, { ...params, count: unevaluated.length });
  return outcome('pass', 'acr-supports', { field, value: `${acr.criteria.length} criteria`, expected: 'every Level A and AA criterion supports or is not applicable' }, { ...base, count: acr.criteria.length });
}
