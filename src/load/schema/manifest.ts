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
});

const privacy = z.strictObject({
  dpa: dpa.nullish(),
  coppa: z
    .strictObject({
      compliant: z.boolean().nullish(),
      consent: z.enum(['school', 'parent', 'none']).nullish(),
    })
    .nullish(),
  sells_data: z.boolean().nullish(),
  targeted_ads: z.boolean().nullish(),
  state_addenda: z.array(z.string().trim().min(1)).nullish(),
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
  licensed_teachers: count.nullish(),
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
  })
  .superRefine((m, ctx) => {
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
