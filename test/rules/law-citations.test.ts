/**
 * Every law rule cites the statute it enforces (issue 14: "each message
 * citing the statute section it enforces"; privacy-laws.md §3): each of its
 * message texts names the section (`{citation}`, or the items with their
 * sections, or the law's name), each item's citation is a section of its
 * pack's statute, and only §² items and the spec's warn-only items warn.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { RULES } from '../../src/rules/index.js';
import { ROOT } from './helpers.js';

/** The statute prefix of each pack's sections (privacy-laws.md §3, "Packs"). */
const STATUTE: Record<string, RegExp> = {
  'ny-2d': /^(N\.Y\. Educ\. Law §2-d|8 NYCRR 121)/,
  'il-soppa': /^105 ILCS 85\//,
  'ca-sopipa': /^Cal\. (Bus\. & Prof\. Code §22584|Educ\. Code §49073\.1)/,
  'co-sdtsa': /^C\.R\.S\. 22-16-1/,
  'oh-sb29': /^Ohio R\.C\. 3319\.32[5-7]/,
  'ut-sdpa': /^Utah Code 53E-9-3/,
  'ct-sdpa': /^Conn\. Gen\. Stat\. 10-234(aa|bb|cc|dd)/,
  'tx-ed-32': /^Tex\. Educ\. Code 32\.1/,
};

/** The items privacy-laws.md §3 marks §² or warn-only, per rule (by manifest field). */
const WARN_ONLY: Record<string, string[]> = {
  'law.il-soppa.posting': ['privacy.state.il-soppa.posted_on'],
  'law.co-sdtsa.contract-terms': ['privacy.contract_terms.security_measures', 'privacy.contract_terms.deletion_days'],
  'law.oh-sb29.contract-terms': ['privacy.contract_terms.data_property_of_district', 'privacy.sells_data', 'privacy.contract_terms.security_measures', 'privacy.contract_terms.breach_notification', 'privacy.contract_terms.deletion_days'],
  'law.ut-sdpa.contract-terms': ['privacy.contract_terms.secondary_use_prohibited', 'privacy.contract_terms.termination_for_privacy_violation'],
  'law.ut-sdpa.metadata-dictionary': ['privacy.state.ut-sdpa.justification', 'privacy.state.ut-sdpa.ferpa_exception'],
  'law.ct-sdpa.notices': ['privacy.contract_terms.breach_notice_days', 'privacy.state.ct-sdpa.notified_on'],
};

const texts = parse(readFileSync(join(ROOT, 'rules/law.yaml'), 'utf8')) as Record<string, { messages: Record<string, string> }>;
const lawRules = RULES.filter((r) => r.id.startsWith('law.'));

describe('the law rules cite their statutes', () => {
  it('covers the 19 rules of privacy-laws.md §3', () => {
    expect(lawRules).toHaveLength(19);
  });

  it.each(lawRules.map((r) => [r.id, r] as const))('%s: every message names its section or its law', (id) => {
    const messages = texts[id].messages;
    expect(Object.keys(messages).length).toBeGreaterThan(0);
    for (const [key, text] of Object.entries(messages)) expect(text, `${id} ${key}`).toMatch(/\{(citation|items|law)\}/);
  });

  it.each(lawRules.map((r) => [r.id, r] as const))("%s: each item cites a section of its pack's statute; only §² and warn-only items warn", (id, r) => {
    const pack = id.split('.')[1];
    const items = (r as unknown as { items?: { field: string; cite: string; level: 'fail' | 'warn' }[] }).items;
    if (!items) return; // law.oh-sb29.annual-notice: its own dates, tested in its table
    for (const i of items) expect(i.cite, `${id} ${i.field}`).toMatch(STATUTE[pack]);
    expect(items.filter((i) => i.level === 'warn').map((i) => i.field)).toEqual(WARN_ONLY[id] ?? []);
  });
});
