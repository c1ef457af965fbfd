/**
 * `edvet init`'s annotated templates show the privacy-laws.md §1–§2 fields
 * (issue 14: "shown in edvet init's annotated templates"), and what they show
 * is valid: the starter manifest with its commented law lines turned on still
 * loads, and the starter policy enables the amended COPPA rule as §4 says.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { STARTER_MANIFEST_READER, STARTER_POLICY } from '../../src/commands/init-templates.js';
import { loadCatalog } from '../../src/load/catalog.js';
import { loadPolicy } from '../../src/load/policy.js';
import { CHECK_NAMES, RULE_IDS } from '../../src/rules/index.js';

const tmp = mkdtempSync(join(tmpdir(), 'edvet-init-law-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** The template with the commented YAML under `# state:`, `# breaches:`, `# offboarding:` and `# subprocessors_url:` turned on. */
function uncommented(t: string): string {
  return t
    .split('\n')
    .map((l) => (/^(\s*)# ((state|breaches|offboarding|subprocessors_url):|  |- )/.test(l) && !/^\s*# [A-Z]/.test(l) ? l.replace(/^(\s*)# /, '$1') : l))
    .join('\n');
}

describe("edvet init's templates and privacy-laws.md", () => {
  it('the starter manifest names every §1 field, and loads with its commented ones turned on', () => {
    for (const key of ['vendor_address:', 'reviewed_on:', 'policy_url:', 'purpose:', 'data_elements:', 'subprocessors:', 'subprocessors_url:', 'profiling:', 'storage:', 'url:', 'contract_terms:', 'state:', 'retention_policy_url:', 'retention_days:', 'security_program:', 'third_party_disclosure:', 'third_parties:', 'breaches:', 'offboarding:', 'retired_on:', 'contract_ended_on:', 'deletion_requested_on:', 'method:', 'extent:', 'deletion_certified_on:', 'certificate:']) {
      expect(STARTER_MANIFEST_READER, key).toContain(key);
    }
    const on = uncommented(STARTER_MANIFEST_READER);
    expect(on).toMatch(/^offboarding: /m);
    expect(on).toMatch(/^ {2}breaches: /m);
    const f = join(tmp, 'reader.yaml');
    writeFileSync(f, on);
    const m = loadCatalog([f], tmp).products[0].manifest;
    expect(m.privacy?.state?.['il-soppa']?.posted_on).toBe('2025-06-09');
    expect(m.privacy?.breaches?.[0]).toMatchObject({ from: '2025-02-20', to: '2025-03-01', students: 212 });
    expect(m.privacy?.subprocessors_url).toMatch(/^https:/);
    expect(m.offboarding).toMatchObject({ retired_on: '2027-06-30', contract_ended_on: '2027-06-30', method: 'destroy', extent: 'complete' });
  });

  it('the starter policy turns the amended COPPA rule on and names every §2 key', () => {
    for (const key of ['state_laws:', 'coppa_2025: true', 'deletion_days:', 'deletion_warn_days:', 'notice_warn_days:', 'review_every_days:', 'review_warn_days:', 'publish:', 'contact:', 'parent_procedures:', 'bill_of_rights:', 'state_data_dictionary_url:']) {
      expect(STARTER_POLICY, key).toContain(key);
    }
    const f = join(tmp, 'edvet.policy.yaml');
    writeFileSync(f, STARTER_POLICY);
    expect(loadPolicy(f, tmp, RULE_IDS, CHECK_NAMES).policy.privacy.coppa_2025).toBe(true);
  });
});
