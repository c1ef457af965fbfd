/**
 * The state law packs of privacy-laws.md §3 as data: each rule of a pack is a
 * list of items (a manifest value that must hold, the statute section it
 * comes from, and whether that section was read (§) or is known only from a
 * summary (§²)), judged by one shared function. A pack runs only when the
 * policy lists it in `privacy.state_laws`; it applies where the audience has
 * students or the manifest lists data elements, and is n/a where the
 * district wrote `privacy.state.<pack>.applies: false` with a reason.
 */
import type { PackId } from '../load/schema/manifest.js';
import type { Policy } from '../load/schema/policy.js';
import { dayOf, isoOf } from '../model/dates.js';
import { subWeekdays } from '../model/date-math.js';
import type { Product } from '../model/product.js';
import { defineRule, hasStudents, outcome, type Messages, type Outcome, type OutcomeStatus, type RuleContext, type RuleOf } from './define.js';

/** The statute each pack enforces (privacy-laws.md §3, "Packs"). */
export const PACK_LAWS: Record<PackId, string> = {
  'ny-2d': 'N.Y. Educ. Law §2-d and 8 NYCRR Part 121',
  'il-soppa': 'the Illinois Student Online Personal Protection Act (105 ILCS 85)',
  'ca-sopipa': "California's SOPIPA (Cal. Bus. & Prof. Code §22584) and Educ. Code §49073.1",
  'co-sdtsa': 'the Colorado Student Data Transparency and Security Act (C.R.S. 22-16-101 et seq.)',
  'oh-sb29': 'Ohio R.C. 3319.325 to 3319.327 (SB 29)',
  'ut-sdpa': 'the Utah Student Data Protection Act (Utah Code 53E-9-301 et seq.)',
  'ct-sdpa': 'Conn. Gen. Stat. 10-234aa to 10-234dd',
  'tx-ed-32': 'Tex. Educ. Code ch. 32, subch. D',
};

/** A manifest value read along a key path (undefined when absent). */
export function valueAt(p: Product, path: string): unknown {
  let v: unknown = p.manifest;
  for (const seg of path.split('.')) {
    if (v === null || v === undefined || typeof v !== 'object') return undefined;
    v = (v as Record<string, unknown>)[seg];
  }
  return v;
}

/** Whether a pack reaches a product: listed in the policy, students or data elements, and not `applies: false`. */
export function packApplies(p: Product, pack: PackId, policy: Policy): boolean {
  if (!policy.privacy.state_laws.includes(pack)) return false;
  if (p.manifest.privacy?.state?.[pack]?.applies === false) return false;
  return holdsStudentData(p);
}

/** The audience has students or the manifest lists data elements (privacy-laws.md §3 "Applies"). */
export function holdsStudentData(p: Product): boolean {
  return hasStudents(p) || (p.manifest.privacy?.data_elements?.length ?? 0) > 0;
}

/** What an item found: null when it holds, else the value seen and what the law expects. */
export type ItemResult = null | { value: unknown; expected: unknown };

/** One item of a law rule. */
export interface LawItem {
  /** The manifest key path the evidence names. */
  field: string;
  /** The statute section it enforces (`105 ILCS 85/15(4)(C)`). */
  cite: string;
  /** `fail` for a section that was read (§); `warn` for one known only from a summary (§²) or required only on the district's request. */
  level: 'fail' | 'warn';
  /** Why the item is a warning only, when it is (shown beside it). */
  warnWhy?: string;
  check(p: Product, ctx: RuleContext): ItemResult;
}

const FROM_SUMMARY = 'known from a summary of the law';

/** Manifest path of a contract clause, a `privacy.` key, a `privacy.state.<pack>.` key. */
export const term = (name: string) => `privacy.contract_terms.${name}`;
const priv = (name: string) => (name === 'vendor_address' ? name : `privacy.${name}`);
const stateKey = (pack: PackId, name: string) => `privacy.state.${pack}.${name}`;

function item(field: string, cite: string, check: (v: unknown, p: Product, ctx: RuleContext) => ItemResult, level: 'fail' | 'warn' = 'fail', warnWhy?: string): LawItem {
  return { field, cite, level, warnWhy: level === 'warn' ? (warnWhy ?? FROM_SUMMARY) : undefined, check: (p, ctx) => check(valueAt(p, field), p, ctx) };
}

const isTrue = (v: unknown): ItemResult => (v === true ? null : { value: v ?? null, expected: true });
const isFalse = (v: unknown): ItemResult => (v === false ? null : { value: v ?? null, expected: false });
const isGiven = (v: unknown): ItemResult => (typeof v === 'string' && v.trim() !== '' ? null : { value: v ?? null, expected: 'provided' });
const isList = (v: unknown): ItemResult => (Array.isArray(v) ? null : { value: v ?? null, expected: 'a list ([] for none)' });
const isNonEmptyList = (v: unknown): ItemResult => (Array.isArray(v) && v.length > 0 ? null : { value: v ?? null, expected: 'at least one data element' });
const atMost = (limit: number) => (v: unknown): ItemResult => (typeof v === 'number' && v <= limit ? null : { value: v ?? null, expected: `<= ${limit}` });
const isNumber = (v: unknown): ItemResult => (typeof v === 'number' ? null : { value: v ?? null, expected: 'provided' });

/** A contract clause that must be true. */
export const clause = (name: string, cite: string, level: 'fail' | 'warn' = 'fail', why?: string) => item(term(name), cite, isTrue, level, why);
/** A contract clause in days that must be given (no limit) or at most `limit`. */
export const clauseDays = (name: string, cite: string, limit: number | null, level: 'fail' | 'warn' = 'fail') => item(term(name), cite, limit === null ? isNumber : atMost(limit), level);
/** `privacy.<name>` (or the top-level `vendor_address`) that must be a non-empty text. */
export const text = (name: string, cite: string, level: 'fail' | 'warn' = 'fail') => item(priv(name), cite, isGiven, level);
/** `privacy.<name>` that must be `false`. */
export const no = (name: string, cite: string, level: 'fail' | 'warn' = 'fail') => item(priv(name), cite, isFalse, level);
/** `privacy.data_elements`, which must be non-empty. */
export const dataElements = (cite: string) => item('privacy.data_elements', cite, isNonEmptyList);
/** `privacy.subprocessors` (a list, `[]` meaning none) or `privacy.subprocessors_url`. */
export const subprocessors = (cite: string) =>
  item('privacy.subprocessors', cite, (v, p) => (isList(v) === null || isGiven(p.manifest.privacy?.subprocessors_url) === null ? null : { value: v ?? null, expected: 'a list of subprocessors or subprocessors_url' }));
/** A `privacy.state.<pack>.<name>` value: true, or a non-empty text. */
export const stateTrue = (pack: PackId, name: string, cite: string, level: 'fail' | 'warn' = 'fail') => item(stateKey(pack, name), cite, isTrue, level);
export const stateText = (pack: PackId, name: string, cite: string, level: 'fail' | 'warn' = 'fail') => item(stateKey(pack, name), cite, isGiven, level);
/** `privacy.state.<pack>.<name>`, a date given and on or before as-of. */
export const stateDateBy = (pack: PackId, name: string, cite: string) =>
  item(stateKey(pack, name), cite, (v, _p, ctx) => (typeof v === 'string' && v <= ctx.asOf ? null : { value: v ?? null, expected: `a date on or before ${ctx.asOf}` }));
/** A date at most `n` business days (Monday to Friday) after `dpa.signed_on`; not provided (either date) → the item is not met. */
export const stateDateWithinBusinessDays = (pack: PackId, name: string, n: number, cite: string, level: 'fail' | 'warn') =>
  item(
    stateKey(pack, name),
    cite,
    (v, p) => {
      const signed = p.manifest.privacy?.dpa?.signed_on;
      if (!signed) return { value: v ?? null, expected: `within ${n} business days of privacy.dpa.signed_on (not provided)` };
      const limit = isoOf(subWeekdays(dayOf(signed), -n));
      return typeof v === 'string' && v <= limit ? null : { value: v ?? null, expected: `on or before ${limit} (${n} business days after ${signed})` };
    },
    level,
  );
/** Any manifest path with its own test. */
export const custom = (field: string, cite: string, check: (v: unknown, p: Product, ctx: RuleContext) => ItemResult, level: 'fail' | 'warn' = 'fail', why?: string) => item(field, cite, check, level, why);
/** `dpa.expires_on`, a date given. */
export const dpaDate = (name: 'signed_on' | 'expires_on', cite: string) => item(`privacy.dpa.${name}`, cite, (v) => (typeof v === 'string' ? null : { value: v ?? null, expected: 'provided' }));
/** `dpa.signed: true`. */
export const dpaSigned = (cite: string) => item('privacy.dpa.signed', cite, isTrue);
/** `dpa.url`, the copy the district may post. */
export const dpaUrl = (cite: string) => item('privacy.dpa.url', cite, isGiven);
/** `storage.<name>`: the location given, or an encryption flag true. */
export const storage = (name: 'location' | 'encrypted_in_transit' | 'encrypted_at_rest', cite: string) => item(`privacy.storage.${name}`, cite, name === 'location' ? isGiven : isTrue);

/** The short name of an item for messages: the key path without `privacy.`, the pack's `state.` prefix shortened. */
export function itemName(field: string): string {
  return field.replace(/^privacy\.contract_terms\./, '').replace(/^privacy\.state\.[a-z0-9-]+\./, 'state.').replace(/^privacy\./, '');
}

/**
 * A law rule: its id, pack, the rule's citation and its items in the table's
 * order; `notRequired` gives an n/a reason (Colorado's on-demand providers,
 * Texas without TEA approval). The message ids it declares are the ones its
 * items can reach: `missing` (fail) with a § item, `missing-warn` with a §²
 * or warn-only item.
 */
export function lawRule(spec: {
  id: string;
  pack: PackId;
  citation: string;
  items: readonly LawItem[];
  notRequired?(p: Product, ctx: RuleContext): { field: string; value: unknown; why: string } | null;
}): RuleOf<Messages> {
  const { pack, items } = spec;
  const messages: Record<string, OutcomeStatus> = { 'na-not-applicable': 'n/a', 'na-no-student-data': 'n/a' };
  if (spec.notRequired) messages['na-not-required'] = 'n/a';
  if (items.some((i) => i.level === 'fail')) messages.missing = 'fail';
  if (items.some((i) => i.level === 'warn')) messages['missing-warn'] = 'warn';
  messages.complete = 'pass';
  const rule = defineRule<Messages>({
    id: spec.id,
    check: 'privacy',
    kind: 'vetting',
    messages,
    enabled: (policy) => policy.privacy.state_laws.includes(pack),
    evaluate(p, ctx) {
      const pre = lawPreconditions(p, pack, spec.citation);
      if (pre) return pre;
      const nr = spec.notRequired?.(p, ctx);
      if (nr) return outcome('n/a', 'na-not-required', { field: nr.field, value: nr.value, more: { citation: spec.citation, missing: [] } }, { why: nr.why, citation: spec.citation });
      return judgeItems(p, ctx, items, spec.citation);
    },
  });
  return Object.assign(rule, { items: items.map((i) => ({ field: i.field, cite: i.cite, level: i.level })) });
}

/** n/a before any item: the district's `applies: false` (its reason quoted), or no student data. */
export function lawPreconditions(p: Product, pack: PackId, citation: string): Outcome | null {
  const block = p.manifest.privacy?.state?.[pack];
  if (block?.applies === false) {
    return outcome('n/a', 'na-not-applicable', { field: `privacy.state.${pack}.applies`, value: false, more: { citation, missing: [] } }, { reason: block.reason ?? '', law: PACK_LAWS[pack] });
  }
  if (!holdsStudentData(p)) {
    return outcome('n/a', 'na-no-student-data', { field: 'audience', value: p.manifest.audience, expected: 'students, or privacy.data_elements', more: { citation, missing: [] } }, { citation });
  }
  return null;
}

/** An item with its citation, as a message lists it. */
function label(i: LawItem): string {
  return `${itemName(i.field)} (${i.cite}${i.warnWhy ? `; ${i.warnWhy}` : ''})`;
}

/**
 * Judge the items in the table's order: fail when a § item does not hold,
 * warn when only §² (or warn-only) items do not; the evidence names the first
 * item that does not hold, its citation, and every one that does not.
 */
export function judgeItems(p: Product, ctx: RuleContext, items: readonly LawItem[], citation: string): Outcome {
  const failing: { item: LawItem; r: NonNullable<ItemResult> }[] = [];
  for (const i of items) {
    const r = i.check(p, ctx);
    if (r) failing.push({ item: i, r });
  }
  if (failing.length === 0) {
    const last = items[items.length - 1];
    return outcome('pass', 'complete', { field: last.field, value: valueAt(p, last.field) ?? null, expected: 'every item the law requires', more: { citation, missing: [] } }, { citation, count: items.length });
  }
  const first = failing[0];
  const evidence = { field: first.item.field, value: first.r.value, expected: first.r.expected, more: { citation: first.item.cite, missing: failing.map((f) => itemName(f.item.field)) } };
  const params = { citation: first.item.cite, items: failing.map((f) => label(f.item)).join('; '), count: failing.length };
  return failing.some((f) => f.item.level === 'fail') ? outcome('fail', 'missing', evidence, params) : outcome('warn', 'missing-warn', evidence, params);
}

/** The deletion deadline a pack sets, in days after the contract ends (privacy-laws.md §5: `oh-sb29` 90 §²); null when none. */
export const PACK_DELETION_DAYS: Partial<Record<PackId, number>> = { 'oh-sb29': 90 };
