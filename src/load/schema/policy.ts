/**
 * The district policy (spec/policy.md). Every key is optional in the file; the
 * defaults in rules/defaults.yaml are merged under it, then the merged result
 * is validated with `PolicySchema` (all keys required) so the rules can rely
 * on every value being present.
 */
import * as z from 'zod';
import { count, dayCount, isoDate, lowerList, MAX_DAYS } from './common.js';
import { CATEGORIES, PACK_IDS } from './manifest.js';

const ratio = z.number().min(0).max(1);
const tier = z.number().int().min(1).max(4);
const dateOrRange = z.string().refine(
  (s) => {
    const [a, b, extra] = s.split('/');
    return extra === undefined && isoDate.safeParse(a).success && (b === undefined || (isoDate.safeParse(b).success && b >= a));
  },
  { error: 'expected a date YYYY-MM-DD or a range YYYY-MM-DD/YYYY-MM-DD (start before end)' },
);

const customFormat = z.strictObject({
  detect: z.array(z.string().min(1)).min(1).optional(),
  columns: z
    .strictObject({
      timestamp: z.string().min(1),
      user: z.string().min(1),
      app: z.string().min(1).optional(),
      app_id: z.string().min(1).optional(),
      role: z.string().min(1).optional(),
      school: z.string().min(1).optional(),
      grade: z.string().min(1).optional(),
    })
    .optional(),
  app: z.string().min(1).optional(),
  date_order: z.enum(['mdy', 'dmy']).optional(),
  timezone: z.string().min(1).optional(),
  skip_when: z
    .strictObject({ column: z.string().min(1), in: z.array(z.string()).optional(), not_in: z.array(z.string()).optional() })
    .refine((s) => (s.in === undefined) !== (s.not_in === undefined), { error: 'skip_when takes `column` and exactly one of `in` or `not_in`' })
    .optional(),
});

/** The merged, complete policy. */
export const PolicySchema = z.strictObject({
  district: z
    .strictObject({
      name: z.string().trim().min(1).optional(),
      contact: z.string().trim().min(1).optional(),
      students: count.optional(),
      teachers: count.optional(),
    })
    .optional(),
  privacy: z.strictObject({
    dpa_expiry_warn_days: dayCount,
    coppa_through_grade: z.union([z.number().int().min(0).max(12), z.enum(['PK', 'TK', 'K'])]),
    state_addenda: z.array(z.string().trim().min(1)),
    forbid_data_sale: z.boolean(),
    forbid_targeted_ads: z.boolean(),
    // privacy-laws.md §2
    state_laws: z.array(z.enum(PACK_IDS)),
    coppa_2025: z.boolean(),
    deletion_days: dayCount,
    deletion_warn_days: dayCount,
    notice_warn_days: dayCount,
  }),
  // privacy-laws.md §2
  contract: z.strictObject({ review_every_days: z.number().int().min(1).max(MAX_DAYS), review_warn_days: dayCount }),
  publish: z.strictObject({
    title: z.string().trim().min(1),
    contact: z.string().trim().min(1).nullable(),
    parent_procedures: z.string().trim().min(1).nullable(),
    bill_of_rights: z.string().trim().min(1).nullable(),
    state_data_dictionary_url: z.string().trim().min(1).nullable(),
  }),
  sso: z.strictObject({ accepted_providers: lowerList, accepted_protocols: lowerList }),
  accessibility: z.strictObject({
    min_wcag: z.union([z.enum(['2.0', '2.1', '2.2']), z.number()]).transform((v) => (typeof v === 'number' ? (v === 2 ? '2.0' : String(v)) : v)).pipe(z.enum(['2.0', '2.1', '2.2'])),
    min_conformance: z.enum(['A', 'AA', 'AAA']),
    vpat_max_age_days: dayCount,
    ada_deadline: isoDate.nullable(),
    openacr_partial: z.enum(['warn', 'fail']),
  }),
  evidence: z.strictObject({
    max_tier: tier,
    max_tier_by_category: z.partialRecord(z.enum(CATEGORIES), tier),
    max_tier_by_funding: z.record(z.string(), tier),
    max_study_age_years: z.number().int().min(0).nullable(),
  }),
  cost: z.strictObject({ max_per_student: z.number().min(0), applies_to: z.array(z.enum(CATEGORIES)) }),
  mobile: z.strictObject({ required: z.boolean() }),
  standards: z.strictObject({ required_for: z.array(z.enum(CATEGORIES)) }),
  usage: z.strictObject({
    active_window_days: z.number().int().min(1).max(MAX_DAYS),
    dormant_warn_ratio: ratio,
    teacher_utilization_min: ratio,
    semester_days: z.number().int().min(1).max(MAX_DAYS),
    right_size_buffer: z.number().min(0),
    // Checked for RE2 syntax by load/policy.ts (model/pattern.ts): the schema leaf imports only zod.
    teacher_pattern: z
      .string()
      .nullable(),
    timezone: z.string().refine(
      (tz) => {
        try {
          new Intl.DateTimeFormat('en-US', { timeZone: tz });
          return true;
        } catch {
          return false;
        }
      },
      { error: 'expected an IANA time zone such as America/Chicago' },
    ),
    date_order: z.enum(['mdy', 'dmy']),
    // usage-sources.md "Roles by org unit": checked for RE2 syntax by load/policy.ts, as teacher_pattern.
    role_by_org_unit: z.array(z.strictObject({ match: z.string().min(1), role: z.enum(['student', 'teacher', 'staff']) })),
    // usage-sources.md "Alias suggestions": words left out of the names compared.
    suggest_ignore: z.array(z.string().trim().min(1)),
  }),
  sunset: z.strictObject({ notice_days: dayCount, renewal_warn_days: dayCount }),
  calendar: z
    .strictObject({
      terms: z.array(z.strictObject({ name: z.string().optional(), start: isoDate, end: isoDate })).default([]),
      closed: z.array(dateOrRange).default([]),
    })
    .superRefine((c, ctx) => {
      c.terms.forEach((t, i) => {
        if (t.end < t.start) ctx.addIssue({ code: 'custom', path: ['terms', i, 'end'], message: `term ends (${t.end}) before it starts (${t.start})` });
      });
    })
    .nullable()
    .optional(),
  usage_formats: z.record(z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/), customFormat).optional(),
  waivers: z
    .array(
      z.strictObject({
        tool: z.string().min(1),
        rule: z.string().min(1),
        reason: z.string({ error: 'a waiver needs a reason' }).trim().min(1),
        approved_by: z.string({ error: 'a waiver needs approved_by' }).trim().min(1),
        expires_on: isoDate,
      }),
    )
    .optional(),
});

/** The policy every rule receives: defaults merged with the district's file. */
export type Policy = z.infer<typeof PolicySchema>;
