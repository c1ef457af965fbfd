/**
 * Evaluate rules on products: outcome → finding (words from rules/, position
 * from the manifest), waivers applied, checks rolled up, verdict decided.
 */
import type { Policy } from '../load/schema/policy.js';
import type { RuleData, RuleText } from '../load/schema/rules-data.js';
import { EdvetError } from '../model/errors.js';
import type { Product } from '../model/product.js';
import { STATUS_SEVERITY, VETTING_CHECKS, type Finding, type RuleInfo, type Status, type Verdict, type VettingCheck } from '../model/types.js';
import { ruleHome, type Outcome, type Rule, type RuleContext } from '../rules/define.js';

/** Each message template split once at its placeholders: text at even indexes, placeholder names at odd ones. */
const templateParts = new Map<string, string[]>();

/** Fill `{name}` placeholders from the outcome's parameters (one left as written when the parameters lack it). */
export function interpolate(template: string, params: Record<string, string | number> | undefined): string {
  let parts = templateParts.get(template);
  if (parts === undefined) {
    parts = template.split(/\{([a-z_]+)\}/);
    templateParts.set(template, parts);
  }
  let out = parts[0];
  for (let i = 1; i < parts.length; i += 2) {
    const key = parts[i];
    out += (params && key in params ? String(params[key]) : `{${key}}`) + parts[i + 1];
  }
  return out;
}

function textsOf(rule: Rule, data: RuleData): RuleText {
  const t = data.texts[rule.id];
  if (!t) throw new EdvetError('internal', [{ message: `rules/${ruleHome(rule.id).texts}.yaml has no entry for ${rule.id}` }]);
  return t;
}

/** Title, description, policy keys and remediation of a rule, from its texts in rules/<check>.yaml. */
export function ruleInfo(rule: Rule, data: RuleData): RuleInfo {
  const t = textsOf(rule, data);
  return { id: rule.id, check: rule.check, title: t.title, description: t.description.trim(), policyKeys: t.policy_keys, remediation: t.remediation.trim() };
}

/** The words of an outcome's message id. */
export function messageText(rule: Rule, o: Outcome, data: RuleData): string {
  const template = textsOf(rule, data).messages[o.message];
  if (template === undefined) throw new EdvetError('internal', [{ message: `rules/${ruleHome(rule.id).texts}.yaml has no message ${o.message} for ${rule.id}` }]);
  return interpolate(template, o.params);
}

/** Each rule's remediation, trimmed once per rule texts (a catalog of thousands of products has one per warn or fail). */
const remediations = new WeakMap<RuleData, Map<string, string>>();

function remediationOf(rule: Rule, data: RuleData): string {
  let byRule = remediations.get(data);
  if (byRule === undefined) remediations.set(data, (byRule = new Map()));
  let text = byRule.get(rule.id);
  if (text === undefined) byRule.set(rule.id, (text = ruleInfo(rule, data).remediation));
  return text;
}

/** Evidence field names split at their dots once: the key paths findings are located by. */
const fieldPaths = new Map<string, readonly string[]>();

function pathOf(field: string): readonly string[] {
  let path = fieldPaths.get(field);
  if (path === undefined) fieldPaths.set(field, (path = field.split('.')));
  return path;
}

/** Run one rule on one product and turn its outcome into a finding (before waivers). */
export function runRule(rule: Rule, product: Product, ctx: RuleContext): Finding {
  const o = rule.evaluate(product, ctx);
  // The types already hold a rule to its declared ids; this guards a rule built around them.
  if (rule.messages[o.message] !== o.status) {
    throw new EdvetError('internal', [{ message: `${rule.id} returned ${o.status} '${o.message}', which its messages do not declare` }]);
  }
  return {
    rule: rule.id,
    check: rule.check,
    status: o.status,
    message: messageText(rule, o, ctx.data),
    evidence: { field: o.field, value: o.value, expected: o.expected, ...o.more },
    source: product.posOf(pathOf(o.field)),
    remediation: o.status === 'warn' || o.status === 'fail' ? remediationOf(rule, ctx.data) : null,
    waiver: null,
    known: false,
  };
}

/**
 * Apply the policy's waivers: a current waiver turns warn/fail into waived;
 * an expired one leaves the status and is noted as expired.
 */
export function applyWaivers(productId: string, findings: Finding[], policy: Policy, asOf: string): Finding[] {
  const waivers = (policy.waivers ?? []).filter((w) => w.tool === productId);
  return findings.map((f) => {
    if (f.status !== 'warn' && f.status !== 'fail') return f;
    // A waiver names a rule, a check, or a law pack (`law.il-soppa`: every rule of the pack).
    const matching = waivers.filter((w) => w.rule === f.rule || w.rule === f.check || (w.rule.startsWith('law.') && f.rule.startsWith(`${w.rule}.`)));
    if (matching.length === 0) return f;
    // Prefer a current waiver; among expired ones, the latest.
    const current = matching.find((w) => w.expires_on >= asOf);
    const w = current ?? [...matching].sort((a, b) => (a.expires_on < b.expires_on ? 1 : -1))[0];
    const note = { reason: w.reason, approvedBy: w.approved_by, expiresOn: w.expires_on, expired: !current };
    return current ? { ...f, status: 'waived' as Status, waiver: note } : { ...f, waiver: note };
  });
}

/** Worst status of a set of findings (fail > warn > waived > pass > n/a); n/a when empty. */
export function worstStatus(statuses: Status[]): Status {
  let worst: Status = 'n/a';
  for (const s of statuses) if (STATUS_SEVERITY[s] > STATUS_SEVERITY[worst]) worst = s;
  return worst;
}

/** Check statuses of the vetting checks. */
export function rollUpChecks(findings: Finding[]): Record<VettingCheck, Status> {
  const out = {} as Record<VettingCheck, Status>;
  for (const c of VETTING_CHECKS) out[c] = worstStatus(findings.filter((f) => f.check === c).map((f) => f.status));
  return out;
}

/** The vetting verdict: rejected on any fail, conditional on any warn, else approved (waived never rejects). */
export function verdictOf(findings: Finding[]): Verdict {
  const vetting = findings.filter((f) => (VETTING_CHECKS as readonly string[]).includes(f.check));
  if (vetting.some((f) => f.status === 'fail')) return 'rejected';
  if (vetting.some((f) => f.status === 'warn')) return 'conditional';
  return 'approved';
}
