/**
 * The public, parent-facing page of privacy-laws.md §8 as data: one entry per
 * operator that holds the district's student data under an agreement (status
 * pilot, active or sunsetting, with students or data elements), by vendor
 * then name, built from an allow-list of manifest fields, and the items each
 * enabled law requires to be posted, with every gap. Never a cost, a seat, a
 * usage figure, a verdict, a finding, a waiver, an owner, evidence, a
 * certificate or anything about a student (the breach counts 105 ILCS
 * 85/27(a)(5)(A) requires are the only student numbers). Pure: the command
 * reads the files.
 */
import type { PackId } from '../load/schema/manifest.js';
import type { Policy } from '../load/schema/policy.js';
import { isInUse, type Product } from '../model/product.js';
import { PACK_LAWS, holdsStudentData } from '../rules/packs.js';

/** The packs whose law asks the district to post something (§8's table), in its order. */
export const POSTING_PACKS = ['il-soppa', 'ny-2d', 'co-sdtsa', 'oh-sb29', 'ut-sdpa'] as const satisfies readonly PackId[];

/** An item of the page a law requires and the manifest or policy does not give. */
export interface PublishGap {
  /** Product name, or null for a district-wide item (a `publish` file). */
  product: string | null;
  pack: PackId;
  item: string;
  field: string;
  citation: string;
  /** `fail` for a § item (exit 1), `warn` for a §² item. */
  level: 'fail' | 'warn';
}

/** A labelled value of an entry: text, a list, or a link. */
export type PublishValue = string | string[] | { href: string; text: string } | null;

/** One row of an operator's entry (`label: value`), with its camelCase JSON key. */
export interface PublishField {
  key: string;
  label: string;
  value: PublishValue;
  /** The law that asks for it, shown beside it (`105 ILCS 85/27(a)(2)`); null for the page's common fields. */
  citation: string | null;
}

/** A breach the page lists under 105 ILCS 85/27(a)(5). */
export interface PublishBreach {
  discoveredOn: string | null;
  from: string | null;
  to: string | null;
  studentsAffected: number | null;
}

/** One operator on the page. */
export interface PublishEntry {
  product: string;
  vendor: string;
  /** The common fields, then the fields of each enabled law that reaches it. */
  fields: PublishField[];
  /** Packs that reach it (enabled, not `applies: false`). */
  packs: PackId[];
  /** Colorado: listed apart as an on-demand provider (§²). */
  onDemand: boolean;
  breaches: PublishBreach[] | null;
  /** The manifest's `dpa.url` as written, and whether it is a web address (else a path to copy). */
  agreementSource: { ref: string; web: boolean; manifestFile: string } | null;
}

/** The page. */
export interface PublishPage {
  title: string;
  district: string | null;
  contact: string | null;
  asOf: string;
  laws: { pack: PackId; law: string }[];
  /** The district-wide documents: parent procedures (IL), parents' bill of rights (NY), the state data dictionary (CO). */
  documents: { key: 'parentProcedures' | 'billOfRights' | 'stateDataDictionary'; title: string; citation: string; markdown: string | null; url: string | null }[];
  entries: PublishEntry[];
  gaps: PublishGap[];
}

/** What the command read for the page: the policy's Markdown files (null when not given). */
export interface PublishFiles {
  parentProcedures: string | null;
  billOfRights: string | null;
}


/** Whether a product is on the page: in use, holding student data. */
export function onPage(p: Product): boolean {
  return isInUse(p.manifest.status) && holdsStudentData(p);
}

function packReaches(p: Product, pack: PackId, policy: Policy): boolean {
  return policy.privacy.state_laws.includes(pack) && p.manifest.privacy?.state?.[pack]?.applies !== false;
}

const isWeb = (s: string) => /^https?:\/\//i.test(s);

/** What happens to the data at the end of the contract, in words (null when the manifest says nothing). */
function endOfContract(p: Product): string | null {
  const t = p.manifest.privacy?.contract_terms;
  const method = p.manifest.offboarding?.method;
  const how = method === 'return' ? 'returned to the district, then deleted' : 'deleted or returned to the district';
  if (typeof t?.deletion_days === 'number') return `Student data is ${how} within ${t.deletion_days} days of the end of the agreement.`;
  if (t?.no_retention_after_contract === true) return `Student data is ${how} when the agreement ends; none is kept after it.`;
  if (t?.deletion_on_request === true) return 'Student data is deleted at the district\'s request.';
  return null;
}

const yes = (b: unknown, words: string): string | null => (b === true ? words : null);

/** Build the page from the products and the policy (as-of is the page's date). */
export function buildPublishPage(products: readonly Product[], policy: Policy, asOf: string, files: PublishFiles): PublishPage {
  const gaps: PublishGap[] = [];
  const enabled = POSTING_PACKS.filter((k) => policy.privacy.state_laws.includes(k));
  const listed = products.filter(onPage).sort((a, b) => cmp(a.manifest.vendor, b.manifest.vendor) || cmp(a.manifest.name, b.manifest.name) || cmp(a.id, b.id));
  const entries = listed.map((p) => entryOf(p, policy, gaps));
  const documents: PublishPage['documents'] = [];
  const district: PublishGap[] = [];
  const districtGap = (pack: PackId, item: string, field: string, citation: string) => district.push({ product: null, pack, item, field, citation, level: 'fail' });
  const contact = policy.publish.contact ?? policy.district?.contact ?? null;
  if (enabled.includes('il-soppa')) {
    documents.push({ key: 'parentProcedures', title: 'How parents can review, correct or ask about their child\'s data', citation: '105 ILCS 85/27(a)(4)', markdown: files.parentProcedures, url: null });
    if (files.parentProcedures === null) districtGap('il-soppa', "parents' procedures", 'publish.parent_procedures', '105 ILCS 85/27(a)(4)');
  }
  if (enabled.includes('ny-2d')) {
    documents.push({ key: 'billOfRights', title: "Parents' bill of rights for data privacy and security", citation: 'N.Y. Educ. Law §2-d(3)', markdown: files.billOfRights, url: null });
    if (files.billOfRights === null) districtGap('ny-2d', "parents' bill of rights", 'publish.bill_of_rights', 'N.Y. Educ. Law §2-d(3)');
  }
  if (enabled.includes('co-sdtsa')) {
    const url = policy.publish.state_data_dictionary_url;
    documents.push({ key: 'stateDataDictionary', title: "The state's data dictionary", citation: 'C.R.S. 22-16-107(1)(a)', markdown: null, url });
    if (url === null) districtGap('co-sdtsa', "the state's data dictionary", 'publish.state_data_dictionary_url', 'C.R.S. 22-16-107(1)(a)');
  }
  if (enabled.includes('oh-sb29') && contact === null && entries.some((e) => e.fields.some((f) => f.key === 'providerRole'))) {
    districtGap('oh-sb29', 'whom to ask', 'publish.contact', 'Ohio R.C. 3319.326(G)(3)');
  }
  return {
    title: policy.publish.title,
    district: policy.district?.name ?? null,
    contact,
    asOf,
    laws: policy.privacy.state_laws.map((pack) => ({ pack, law: PACK_LAWS[pack] })),
    documents,
    entries,
    gaps: [...district, ...gaps],
  };
}

function cmp(a: string, b: string): number {
  return a.localeCompare(b, 'en') || (a < b ? -1 : a > b ? 1 : 0);
}

function entryOf(p: Product, policy: Policy, gaps: PublishGap[]): PublishEntry {
  const m = p.manifest;
  const pv = m.privacy;
  const fields: PublishField[] = [];
  const packs = POSTING_PACKS.filter((k) => packReaches(p, k, policy));
  const add = (key: string, label: string, value: PublishValue, citation: string | null = null) => {
    if (!fields.some((f) => f.key === key)) fields.push({ key, label, value, citation });
    else if (citation) {
      const f = fields.find((x) => x.key === key)!;
      if (!f.citation?.includes(citation)) f.citation = f.citation ? `${f.citation}; ${citation}` : citation;
    }
  };
  /** A required item: listed, and a gap when absent. */
  const need = (pack: PackId, key: string, label: string, value: PublishValue, field: string, citation: string, level: 'fail' | 'warn' = 'fail') => {
    add(key, label, value, citation);
    const missing = value === null || (Array.isArray(value) && value.length === 0 && key === 'dataElements');
    if (missing) gaps.push({ product: m.name, pack, item: label, field, citation, level });
  };
  const dpa = pv?.dpa;
  const agreementRef = dpa?.url ?? null;
  const agreementLink: PublishValue = agreementRef ? { href: agreementRef, text: dpa?.agreement ?? 'The agreement' } : null;
  const subs: PublishValue = pv?.subprocessors ? (pv.subprocessors.length ? [...pv.subprocessors] : ['None']) : pv?.subprocessors_url ? { href: pv.subprocessors_url, text: 'List of subprocessors' } : null;
  const elements: PublishValue = pv?.data_elements ? [...pv.data_elements] : null;
  add('grades', 'Grades', m.grades ? m.grades.map(String) : null);
  add('purpose', 'Purpose', pv?.purpose ?? null);
  add('dataElements', 'Student data it receives', elements);
  add('subprocessors', 'Subprocessors (who else receives the data)', subs);
  add('agreement', 'Agreement', dpa?.agreement ?? (dpa?.signed ? 'Signed' : null));
  add('signedOn', 'Signed on', dpa?.signed_on ?? null);
  add('expiresOn', 'Ends on', dpa?.expires_on ?? null);
  add('agreementUrl', 'Copy of the agreement', agreementLink);
  add('endOfContract', 'At the end of the agreement', endOfContract(p));
  let onDemand = false;
  let breaches: PublishBreach[] | null = null;
  for (const pack of packs) {
    switch (pack) {
      case 'il-soppa':
        need(pack, 'dataElements', 'Student data it receives', elements, 'privacy.data_elements', '105 ILCS 85/27(a)(1)');
        need(pack, 'purpose', 'Purpose', pv?.purpose ?? null, 'privacy.purpose', '105 ILCS 85/27(a)(1)');
        need(pack, 'vendorAddress', 'Business address', m.vendor_address ?? null, 'vendor_address', '105 ILCS 85/27(a)(2)');
        need(pack, 'agreementUrl', 'Copy of the agreement', agreementLink, 'privacy.dpa.url', '105 ILCS 85/27(a)(2)');
        need(pack, 'subprocessors', 'Subprocessors (who else receives the data)', subs, 'privacy.subprocessors', '105 ILCS 85/27(a)(3)');
        breaches = (pv?.breaches ?? []).map((b) => ({ discoveredOn: b.discovered_on ?? null, from: b.from ?? null, to: b.to ?? null, studentsAffected: b.students ?? null }));
        break;
      case 'ny-2d':
        need(pack, 'purpose', 'Purpose', pv?.purpose ?? null, 'privacy.purpose', '8 NYCRR 121.3(c)(1)');
        need(pack, 'subprocessorsBound', 'How subcontractors are bound', yes(pv?.contract_terms?.subprocessors_bound, 'Subcontractors are bound by the same data protection terms.'), 'privacy.contract_terms.subprocessors_bound', '8 NYCRR 121.3(c)(2)');
        need(pack, 'expiresOn', 'Ends on', dpa?.expires_on ?? null, 'privacy.dpa.expires_on', '8 NYCRR 121.3(c)(3)');
        need(pack, 'endOfContract', 'At the end of the agreement', endOfContract(p), 'privacy.contract_terms.deletion_days', '8 NYCRR 121.3(c)(3)');
        need(pack, 'challenge', 'How to challenge the accuracy of the data', yes(pv?.contract_terms?.parent_review_correction, 'A parent or eligible student may ask the district to review and correct the data.'), 'privacy.contract_terms.parent_review_correction', '8 NYCRR 121.3(c)(4)');
        need(pack, 'storage', 'Where the data is stored', pv?.storage?.location ?? null, 'privacy.storage.location', '8 NYCRR 121.3(c)(5)');
        need(
          pack,
          'encryption',
          'Encryption',
          pv?.storage?.encrypted_in_transit === true && pv.storage.encrypted_at_rest === true ? 'Encrypted in transit and at rest.' : null,
          'privacy.storage.encrypted_at_rest',
          '8 NYCRR 121.3(c)(6)',
        );
        break;
      case 'co-sdtsa':
        onDemand = pv?.state?.['co-sdtsa']?.provider === 'on-demand';
        if (!onDemand) need(pack, 'agreementUrl', 'Copy of the agreement', agreementLink, 'privacy.dpa.url', 'C.R.S. 22-16-107(1)(b)');
        need(pack, 'dataElements', 'Student data it receives', elements, 'privacy.data_elements', 'C.R.S. 22-16-108(1)');
        need(pack, 'purpose', 'Purpose', pv?.purpose ?? null, 'privacy.purpose', 'C.R.S. 22-16-108(1)');
        need(pack, 'subprocessors', 'Subprocessors (who else receives the data)', subs, 'privacy.subprocessors', 'C.R.S. 22-16-108(1)');
        break;
      case 'oh-sb29': {
        const role = pv?.state?.['oh-sb29']?.role ?? null;
        if (role === 'other') break;
        need(pack, 'providerRole', 'Provider of', role === null ? null : role === 'curriculum' ? 'Curriculum' : role === 'testing' ? 'Testing' : 'Assessment', 'privacy.state.oh-sb29.role', 'Ohio R.C. 3319.326(G)(1)');
        need(pack, 'dataElements', 'Student data it receives', elements, 'privacy.data_elements', 'Ohio R.C. 3319.326(G)(2)');
        need(pack, 'agreementUrl', 'Copy of the agreement', agreementLink, 'privacy.dpa.url', 'Ohio R.C. 3319.326(G)(3)');
        break;
      }
      case 'ut-sdpa':
        need(pack, 'dataElements', 'Student data it receives', elements, 'privacy.data_elements', 'Utah Code 53E-9-303(3)(b)');
        need(pack, 'purpose', 'Purpose', pv?.purpose ?? null, 'privacy.purpose', 'Utah Code 53E-9-303(3)(b)');
        need(pack, 'justification', 'Why the district collects it', pv?.state?.['ut-sdpa']?.justification ?? null, 'privacy.state.ut-sdpa.justification', 'Utah Code 53E-9-303(3)(b) (USBE template)', 'warn');
        need(pack, 'ferpaException', 'FERPA exception that allows the disclosure', pv?.state?.['ut-sdpa']?.ferpa_exception ?? null, 'privacy.state.ut-sdpa.ferpa_exception', 'Utah Code 53E-9-303(3)(b) (USBE template)', 'warn');
        break;
    }
  }
  return {
    product: m.name,
    vendor: m.vendor,
    fields,
    packs,
    onDemand,
    breaches,
    agreementSource: agreementRef ? { ref: agreementRef, web: isWeb(agreementRef), manifestFile: p.file } : null,
  };
}
