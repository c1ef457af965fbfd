/**
 * The facts of a data-disposal request letter (privacy-laws.md §5, modelled
 * on the NDPA's Exhibit D, "Directive for Disposition of Data"), from a
 * product's manifest, its privacy.data-deletion finding and the policy.
 * Nothing about a student: no name, no count.
 */
import type { Policy } from '../load/schema/policy.js';
import type { PackId } from '../load/schema/manifest.js';
import type { Product } from '../model/product.js';
import type { Finding, Report } from '../model/types.js';
import { PACK_LAWS, packApplies } from '../rules/packs.js';
import { deletionDeadline, deletionStart } from '../rules/privacy/data-deletion.js';

/** Everything a deletion letter states. */
export interface DeletionLetter {
  productId: string;
  product: string;
  vendor: string;
  vendorContact: string | null;
  from: string;
  fromContact: string | null;
  date: string;
  /** `dpa.agreement`, `dpa.signed_on`; null when not recorded. */
  agreement: string | null;
  signedOn: string | null;
  /** The contract clauses the directive relies on, in words. */
  clauses: string[];
  /** The statutes of the enabled law packs that reach the product. */
  statutes: string[];
  extent: 'complete' | 'partial';
  /** The categories of a partial disposition (`data_elements`); for a complete one, the categories held. */
  categories: string[];
  method: 'destroy' | 'return';
  /** True when the manifest does not record `offboarding.method` (destroy is asked). */
  methodAssumed: boolean;
  /** When use ended (the earlier of retirement and contract end), null when unknown. */
  startOn: string | null;
  dueOn: string | null;
  days: number | null;
  /** Where the days come from, in words (`the DPA's deletion_days`, `Ohio R.C. …`, `the district's policy`). */
  basis: string | null;
  requestedOn: string | null;
  subprocessors: string[];
  subprocessorsUrl: string | null;
  /** The finding's status: `fail` (overdue or undated) or `warn`. */
  status: Finding['status'];
}

const CLAUSES: [key: string, words: string][] = [
  ['data_property_of_district', 'student data remains the property of the district'],
  ['deletion_on_request', 'you delete student data at the district\'s request'],
  ['no_retention_after_contract', 'you keep no student data after the agreement ends'],
  ['subprocessors_bound', 'your subprocessors are bound by the same terms'],
];

/** The letter of one product whose privacy.data-deletion finding is `f`. */
export function deletionLetterOf(p: Product, f: Finding, report: Pick<Report, 'asOf' | 'district'>, policy: Policy): DeletionLetter {
  const m = p.manifest;
  const terms = (m.privacy?.contract_terms ?? {}) as Record<string, unknown>;
  const clauses = CLAUSES.filter(([k]) => terms[k] === true).map(([, w]) => w);
  if (typeof terms.deletion_days === 'number') clauses.push(`you delete or return all student data within ${terms.deletion_days} days of the end of the agreement`);
  const statutes = (Object.keys(PACK_LAWS) as PackId[]).filter((k) => packApplies(p, k, policy)).map((k) => PACK_LAWS[k]);
  const start = deletionStart(p);
  const deadline = start ? deletionDeadline(p, policy) : null;
  const ev = f.evidence as Record<string, unknown>;
  const o = m.offboarding;
  const basis =
    deadline === null
      ? null
      : deadline.source === 'DPA'
        ? 'the agreement'
        : deadline.source === 'policy'
          ? "the district's policy"
          : PACK_LAWS[deadline.source];
  return {
    productId: p.id,
    product: m.name,
    vendor: m.vendor,
    vendorContact: m.vendor_contact ?? null,
    from: report.district.name ?? 'the district',
    fromContact: report.district.contact,
    date: report.asOf,
    agreement: m.privacy?.dpa?.agreement ?? null,
    signedOn: m.privacy?.dpa?.signed_on ?? null,
    clauses,
    statutes,
    extent: o?.extent ?? 'complete',
    categories: m.privacy?.data_elements ?? [],
    method: o?.method ?? 'destroy',
    methodAssumed: !o?.method,
    startOn: start?.on ?? null,
    dueOn: typeof ev.dueOn === 'string' ? ev.dueOn : null,
    days: deadline?.days ?? null,
    basis,
    requestedOn: o?.deletion_requested_on ?? null,
    subprocessors: m.privacy?.subprocessors ?? [],
    subprocessorsUrl: m.privacy?.subprocessors_url ?? null,
    status: f.status,
  };
}
