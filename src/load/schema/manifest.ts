/**
 * The vendor manifest (spec/manifest.md) as one zod schema: the type comes from
 * `z.infer`, never from a hand-written twin. Cross-field rules (expires_on
 * after signed_on, site/district needing annual_total, seats 0 with a per-unit
 * model) are checked here too so every error of a file is reported at once.
 */
import * as z from 'zod';
import { count, dayCount, isSupportedDate, isoDate, lowerList, money } from './common.js';

export const CATEGORIES = ['core', 'supplemental', 'intervention', 'assessment', 'productivity', 'administrative'] as const;
export const STATUSES = ['proposed', 'pilot', 'active', 'sunsetting', 'retired'] as const;
export const AUDIENCES = ['students', 'teachers', 'staff', 'families'] as const;
export const CONFORMANCE = ['A', 'AA', 'AAA', 'partial', 'none'] as const;
export const COST_MODELS = ['per_student', 'per_seat', 'per_teacher', 'site', 'district', 'free'] as const;

/** `"2.1"`, or an unquoted 2.1 / 2.2 / 2 that YAML read as a number. */
const wcagVersion = z.union([z.enum(['2.0', '2.1', '2.2']), z.number()]).transform((v, ctx) => {
  if (typeof v === 'string') return v;
  const s = v === 2 ? '2.0' : String(v);
  if (s === '2.0' || s === '2.1' || s === '2.2') return s;
  ctx.addIssue({ code: 'custom', message: 'expected "2.0", "2.1" or "2.2"' });
  return z.NEVER;
});

const grade = z.union([z.string(), z.number().int()], { error: 'expected a grade (PK, TK, K, 1..12) or a range such as K-5' });

const dpa = z.strictObject({
  signed: z.boolean().nullish(),
  signed_on: isoDate.nullish(),
  expires_on: isoDate.nullish(),
  agreement: z.string().nullish(),
  // privacy-laws.md §1: the copy of the agreement the district may post.
  url: z.string().trim().min(1).nullish(),
});

// ---- privacy-laws.md §1: state-law, COPPA 2025 and offboarding fields ----

/** The state law packs of privacy-laws.md §3, in its table order. */
export const PACK_IDS = ['ny-2d', 'il-soppa', 'ca-sopipa', 'co-sdtsa', 'oh-sb29', 'ut-sdpa', 'ct-sdpa', 'tx-ed-32'] as const;
/** One law pack id. */
export type PackId = (typeof PACK_IDS)[number];

const text = z.string().trim().min(1);
const textList = z.array(text);

const contractTerms = z.strictObject({
  data_property_of_district: z.boolean().nullish(),
  pupil_content_transfer: z.boolean().nullish(),
  use_limited_to_contract: z.boolean().nullish(),
  parent_review_correction: z.boolean().nullish(),
  security_measures: z.boolean().nullish(),
  breach_notification: z.boolean().nullish(),
  breach_notice_days: dayCount.nullish(),
  no_retention_after_contract: z.boolean().nullish(),
  deletion_on_request: z.boolean().nullish(),
  deletion_days: dayCount.nullish(),
  ferpa_compliance: z.boolean().nullish(),
  ferpa_school_official: z.boolean().nullish(),
  breach_cost_allocation: z.boolean().nullish(),
  subprocessors_bound: z.boolean().nullish(),
  audit_right: z.boolean().nullish(),
  secondary_use_prohibited: z.boolean().nullish(),
  termination_for_privacy_violation: z.boolean().nullish(),
  material_change_notice: z.boolean().nullish(),
  no_targeted_ads: z.boolean().nullish(),
  governing_law: z
    .string()
    .regex(/^[A-Z]{2}$/, { error: 'expected a two-letter state code such as CT' })
    .nullish(),
  severability: z.boolean().nullish(),
});

/** `applies: false` + `reason`, allowed in every pack block. */
const appliesShape = { applies: z.boolean().nullish(), reason: text.nullish() };
const stateBlocks = z.strictObject({
  'ny-2d': z.strictObject({ ...appliesShape, bill_of_rights_attached: z.boolean().nullish(), dspp_accepted_on: isoDate.nullish(), dspp_url: text.nullish() }).nullish(),
  'il-soppa': z.strictObject({ ...appliesShape, posted_on: isoDate.nullish() }).nullish(),
  'ca-sopipa': z.strictObject({ ...appliesShape }).nullish(),
  'co-sdtsa': z.strictObject({ ...appliesShape, provider: z.enum(['contract', 'on-demand']).nullish() }).nullish(),
  'oh-sb29': z.strictObject({ ...appliesShape, role: z.enum(['curriculum', 'testing', 'assessment', 'other']).nullish(), notified_on: isoDate.nullish() }).nullish(),
  'ut-sdpa': z.strictObject({ ...appliesShape, justification: text.nullish(), ferpa_exception: text.nullish() }).nullish(),
  'ct-sdpa': z.strictObject({ ...appliesShape, notified_on: isoDate.nullish() }).nullish(),
  'tx-ed-32': z.strictObject({ ...appliesShape, tea_approved: z.boolean().nullish(), tsds_agreement: z.boolean().nullish() }).nullish(),
});

const breach = z.strictObject({ discovered_on: isoDate.nullish(), from: isoDate.nullish(), to: isoDate.nullish(), students: count.nullish() });

const offboarding = z.strictObject({
  retired_on: isoDate.nullish(),
  contract_ended_on: isoDate.nullish(),
  deletion_requested_on: isoDate.nullish(),
  method: z.enum(['destroy', 'return']).nullish(),
  extent: z.enum(['complete', 'partial']).nullish(),
  deletion_certified_on: isoDate.nullish(),
  certificate: text.nullish(),
});

/** The privacy-laws.md §1 keys of `privacy` (spread into its schema). */
const privacyLawFields = {
  policy_url: text.nullish(),
  purpose: text.nullish(),
  data_elements: textList.nullish(),
  subprocessors: textList.nullish(),
  subprocessors_url: text.nullish(),
  profiling: z.boolean().nullish(),
  storage: z.strictObject({ location: text.nullish(), encrypted_in_transit: z.boolean().nullish(), encrypted_at_rest: z.boolean().nullish() }).nullish(),
  contract_terms: contractTerms.nullish(),
  state: stateBlocks.nullish(),
  breaches: z.array(breach).nullish(),
};

/** The privacy-laws.md §4 keys of `privacy.coppa` (spread into its schema). */
const coppa2025Fields = {
  retention_policy_url: text.nullish(),
  retention_days: dayCount.nullish(),
  security_program: z.boolean().nullish(),
  third_party_disclosure: z.enum(['none', 'integral', 'separate-consent', 'bundled']).nullish(),
  third_parties: textList.nullish(),
};

/** Cross-field checks of the privacy-laws.md §1 fields (schema errors, exit 2). */
function checkPrivacyLawFields(m: { privacy?: { state?: Record<string, { applies?: boolean | null; reason?: string | null } | null | undefined> | null; breaches?: { from?: string | null; to?: string | null }[] | null } | null; offboarding?: { deletion_requested_on?: string | null; deletion_certified_on?: string | null } | null }, ctx: z.RefinementCtx): void {
  for (const [pack, block] of Object.entries(m.privacy?.state ?? {})) {
    if (block?.applies === false && !block.reason) {
      ctx.addIssue({ code: 'custom', path: ['privacy', 'state', pack, 'applies'], message: `applies: false needs a reason (privacy.state.${pack}.reason)` });
    }
  }
  (m.privacy?.breaches ?? []).forEach((b, i) => {
    if (b.from && b.to && isSupportedDate(b.from) && isSupportedDate(b.to) && b.to < b.from) {
      ctx.addIssue({ code: 'custom', path: ['privacy', 'breaches', i, 'to'], message: `to ${b.to} is before from ${b.from}` });
    }
  });
  const o = m.offboarding;
  if (o?.deletion_requested_on && o.deletion_certified_on && isSupportedDate(o.deletion_requested_on) && isSupportedDate(o.deletion_certified_on) && o.deletion_certified_on < o.deletion_requested_on) {
    ctx.addIssue({ code: 'custom', path: ['offboarding', 'deletion_certified_on'], message: `deletion_certified_on ${o.deletion_certified_on} is before deletion_requested_on ${o.deletion_requested_on}` });
  }
}

// ---- end of the privacy-laws.md §1 block ----

const privacy = z.strictObject({
  dpa: dpa.nullish(),
  coppa: z
    .strictObject({
      compliant: z.boolean().nullish(),
      consent: z.enum(['school', 'parent', 'none']).nullish(),
      ...coppa2025Fields,
    })
    .nullish(),
  sells_data: z.boolean().nullish(),
  targeted_ads: z.boolean().nullish(),
  state_addenda: z.array(z.string().trim().min(1)).nullish(),
  ...privacyLawFields,
});

const sso = z.strictObject({
  protocols: z.array(z.enum(['saml', 'oidc', 'lti-1.3', 'oauth2'])).nullish(),
  providers: lowerList.nullish(),
});

const accessibility = z.strictObject({
  wcag_version: wcagVersion.nullish(),
  conformance: z.enum(CONFORMANCE).nullish(),
  vpat_url: z.string().trim().min(1).nullish(),
  vpat_date: isoDate.nullish(),
  remediation_due: isoDate.nullish(),
  openacr: z.string().trim().min(1).nullish(),
});

const evidence = z.strictObject({
  essa_tier: z
    .number({ error: 'expected an ESSA tier: 1, 2, 3, 4 or null' })
    .int({ error: 'expected an ESSA tier: 1, 2, 3, 4 or null' })
    .min(1, { error: 'expected an ESSA tier from 1 to 4' })
    .max(4, { error: 'expected an ESSA tier from 1 to 4' })
    .nullish(),
  source: z.string().trim().min(1).nullish(),
  study_year: z.number().int().min(1900).max(2100).nullish(),
});

const cost = z.strictObject({
  model: z.enum(COST_MODELS),
  unit_price: money.nullish(),
  annual_total: money.nullish(),
  seats: count.nullish(),
  students_covered: count.nullish(),
  renewal_on: isoDate.nullish(),
  notice_days: dayCount.nullish(),
  auto_renews: z.boolean().nullish(),
});

const mobile = z.strictObject({
  responsive: z.boolean().nullish(),
  ios_app: z.boolean().nullish(),
  android_app: z.boolean().nullish(),
});

const usage = z.strictObject({
  aliases: z.array(z.union([z.string(), z.number()]).transform((v) => String(v))).nullish(),
  // usage-sources.md "Client ids": the product's app ids (Google OAuth client ids, Entra Application IDs, Canvas dev key ids).
  client_ids: z.array(z.union([z.string().trim().min(1), z.number()]).transform((v) => String(v))).nullish(),
  licensed_teachers: count.nullish(),
  // usage-sources.md "Honest no data": the district asserts the exports cover it, so no row means no use.
  tracked: z.boolean().nullish(),
});

export const ManifestSchema = z
  .strictObject({
    id: z.string({ error: 'expected an id: lowercase letters, digits and dashes' }).regex(/^[a-z0-9][a-z0-9-]*$/, {
      error: 'expected an id of lowercase letters, digits and dashes, starting with a letter or digit',
    }),
    name: z.string().trim().min(1),
    vendor: z.string().trim().min(1),
    vendor_contact: z.string().nullish(),
    category: z.enum(CATEGORIES),
    status: z.enum(STATUSES).default('proposed'),
    audience: z.array(z.enum(AUDIENCES)).min(1).default(['students', 'teachers']),
    grades: z.array(grade).nullish(),
    subjects: z.array(z.string()).nullish(),
    schools: z.array(z.union([z.string(), z.number()]).transform((v) => String(v))).nullish(),
    deployed_on: isoDate.nullish(),
    owner: z.string().nullish(),
    standards: z.array(z.string().trim().min(1)).nullish(),
    privacy: privacy.nullish(),
    sso: sso.nullish(),
    accessibility: accessibility.nullish(),
    evidence: evidence.nullish(),
    funding_sources: z.array(z.string().trim().min(1)).nullish(),
    cost: cost.nullish(),
    mobile: mobile.nullish(),
    usage: usage.nullish(),
    // privacy-laws.md §1
    vendor_address: text.nullish(),
    reviewed_on: isoDate.nullish(),
    offboarding: offboarding.nullish(),
  })
  .superRefine((m, ctx) => {
    checkPrivacyLawFields(m, ctx);
    const d = m.privacy?.dpa;
    if (d?.signed_on && d?.expires_on && isSupportedDate(d.signed_on) && isSupportedDate(d.expires_on) && d.expires_on < d.signed_on) {
      ctx.addIssue({ code: 'custom', path: ['privacy', 'dpa', 'expires_on'], message: `expires_on ${d.expires_on} is before signed_on ${d.signed_on}` });
    }
    const c = m.cost;
    if (c) {
      if ((c.model === 'site' || c.model === 'district') && (c.annual_total === null || c.annual_total === undefined)) {
        ctx.addIssue({ code: 'custom', path: ['cost', 'model'], message: `a ${c.model} contract needs cost.annual_total (the total per year)` });
      }
      if ((c.model === 'per_seat' || c.model === 'per_student' || c.model === 'per_teacher') && c.seats === 0) {
        ctx.addIssue({ code: 'custom', path: ['cost', 'seats'], message: `seats must be at least 1 with the ${c.model} model` });
      }
    }
  });

/** A validated manifest, as written (derived values live in model/product.ts). */
export type Manifest = z.infer<typeof ManifestSchema>;
