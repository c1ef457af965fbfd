/**
 * The manifest and policy additions of privacy-laws.md §1–§2: the full
 * example loads, and each schema error it names is reported at file:line:col.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/load/catalog.js';
import { loadPolicy } from '../../src/load/policy.js';
import { EdvetError, type Problem } from '../../src/model/errors.js';
import { CHECK_NAMES, RULE_IDS } from '../../src/rules/index.js';
import { ROOT } from '../rules/helpers.js';

const BAD = 'fixtures/bad/privacy-laws';
const tmp = mkdtempSync(join(tmpdir(), 'edvet-law-schema-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function problems(run: () => unknown): Problem[] {
  try {
    run();
  } catch (e) {
    expect(e).toBeInstanceOf(EdvetError);
    expect((e as EdvetError).kind).toBe('input');
    return (e as EdvetError).problems;
  }
  throw new Error('expected the input to be refused');
}
const manifestProblems = (file: string) => problems(() => loadCatalog([`${BAD}/${file}`], ROOT));
const policyProblems = (text: string) => {
  const f = join(tmp, `p${Math.random().toString(36).slice(2)}.yaml`);
  writeFileSync(f, text);
  return problems(() => loadPolicy(f, ROOT, RULE_IDS, CHECK_NAMES));
};

describe('manifest additions (privacy-laws.md §1)', () => {
  it('the full example loads with every field', () => {
    const cat = loadCatalog(['fixtures/privacy-laws/full.yaml'], ROOT);
    const m = cat.products[0].manifest;
    expect(m.privacy?.contract_terms?.deletion_days).toBe(30);
    expect(m.privacy?.state?.['oh-sb29']?.role).toBe('curriculum');
    expect(m.privacy?.state?.['ca-sopipa']?.applies).toBe(false);
    expect(m.privacy?.coppa?.third_party_disclosure).toBe('integral');
    expect(m.privacy?.dpa?.url).toBe('contracts/mathspark-dpa-redacted.pdf');
    expect(m.offboarding?.deletion_certified_on).toBe('2026-08-10');
    expect(m.privacy?.breaches?.[0].students).toBe(212);
    expect(m.vendor_address).toContain('Springfield');
  });

  it('a privacy.state key that is no pack id, with a suggestion, at the key', () => {
    const ps = manifestProblems('unknown-pack.yaml');
    expect(ps).toHaveLength(1);
    expect(ps[0]).toMatchObject({ line: 7, column: 5 });
    expect(ps[0].message).toContain('`il-soppa`');
  });

  it('applies: false without a reason', () => {
    const ps = manifestProblems('applies-no-reason.yaml');
    expect(ps).toHaveLength(1);
    expect(ps[0]).toMatchObject({ line: 8 });
    expect(ps[0].message).toContain('reason');
  });

  it('deletion_certified_on before deletion_requested_on', () => {
    const ps = manifestProblems('certified-before-requested.yaml');
    expect(ps).toHaveLength(1);
    expect(ps[0]).toMatchObject({ line: 9 });
    expect(ps[0].message).toContain('deletion_requested_on');
  });

  it('a breach whose `to` is before `from`', () => {
    const ps = manifestProblems('breach-reversed.yaml');
    expect(ps).toHaveLength(1);
    expect(ps[0]).toMatchObject({ line: 7 });
  });

  it('wrong values: governing_law, a negative deletion_days, unknown enums — all four reported together', () => {
    const ps = manifestProblems('bad-terms.yaml');
    expect(ps.map((p) => p.line).sort((a, b) => a - b)).toEqual([7, 8, 9, 10]);
  });
});

describe('policy additions (privacy-laws.md §2)', () => {
  it('defaults: no pack, coppa_2025 off, 60/14/30 days, re-review every 365 days warning 30 before', () => {
    const lp = loadPolicy(null, ROOT, RULE_IDS, CHECK_NAMES);
    expect(lp.policy.privacy).toMatchObject({ state_laws: [], coppa_2025: false, deletion_days: 60, deletion_warn_days: 14, notice_warn_days: 30 });
    expect(lp.policy.contract).toEqual({ review_every_days: 365, review_warn_days: 30 });
    expect(lp.policy.publish).toMatchObject({ contact: null, bill_of_rights: null, parent_procedures: null, state_data_dictionary_url: null });
  });

  it('an unknown pack id is a policy error at its line', () => {
    const ps = policyProblems('privacy:\n  state_laws: [il-soppa, zz-law]\n');
    expect(ps).toHaveLength(1);
    expect(ps[0]).toMatchObject({ line: 2 });
    expect(ps[0].message).toContain('expected one of ny-2d, il-soppa, ca-sopipa, co-sdtsa, oh-sb29, ut-sdpa, ct-sdpa, tx-ed-32 (found "zz-law")'); // as docs/errors.md quotes it
    const near = policyProblems('privacy:\n  state_laws: [il-sopa]\n');
    expect(near[0].message).toMatch(/did you mean il-soppa\? \(found "il-sopa"\)$/);
  });

  it('a known pack and the other keys load', () => {
    const f = join(tmp, 'ok.yaml');
    writeFileSync(f, 'privacy:\n  state_laws: [il-soppa]\n  coppa_2025: true\ncontract: { review_every_days: 180 }\npublish: { contact: Family office }\n');
    const lp = loadPolicy(f, ROOT, RULE_IDS, CHECK_NAMES);
    expect(lp.policy.privacy.state_laws).toEqual(['il-soppa']);
    expect(lp.policy.contract).toEqual({ review_every_days: 180, review_warn_days: 30 });
    expect(lp.policy.publish.contact).toBe('Family office');
  });
});
