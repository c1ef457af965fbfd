/**
 * Waivers are engine code (evaluate.ts, `applyWaivers`), so they are tested
 * once here, from a table, instead of in every rule's tests: a current
 * waiver turns a warn or fail into waived; an expired one leaves the status
 * and is noted as expired; a waiver names a rule or a check, for one tool;
 * pass and n/a are never touched.
 */
import { describe, expect, it } from 'vitest';
import { applyWaivers } from '../../src/engine/evaluate.js';
import type { Check, Finding, Status } from '../../src/model/types.js';
import { policyWith } from '../rules/helpers.js';

const AS_OF = '2026-11-23';
const TOOL = 'reading-app';

/** A waiver entry as a policy file writes it. */
function waiver(rule: string, expires_on: string, tool = TOOL, reason = 'Replacement RFP under way') {
  return { tool, rule, reason, approved_by: 'Director of Curriculum', expires_on };
}

function finding(rule: string, status: Status): Finding {
  return {
    rule,
    check: rule.slice(0, rule.indexOf('.')) as Check,
    status,
    message: `words of ${rule}`,
    evidence: { field: 'privacy.dpa.signed', value: false, expected: true },
    source: { file: 'catalog/reading-app.yaml', line: 7, column: 13 },
    remediation: status === 'warn' || status === 'fail' ? 'what to send' : null,
    waiver: null,
    known: false,
  };
}

interface Row {
  name: string;
  rule: string;
  status: Status;
  waivers: ReturnType<typeof waiver>[];
  /** The status after waivers. */
  then: Status;
  /** The waiver noted on the finding (its expiry and whether it expired), or null. */
  noted: { expiresOn: string; expired: boolean; reason?: string } | null;
}

const ROWS: Row[] = [
  { name: 'a current waiver by rule id waives a fail', rule: 'privacy.dpa', status: 'fail', waivers: [waiver('privacy.dpa', '2027-06-30')], then: 'waived', noted: { expiresOn: '2027-06-30', expired: false } },
  { name: 'a current waiver by rule id waives a warn', rule: 'accessibility.vpat', status: 'warn', waivers: [waiver('accessibility.vpat', '2027-06-30')], then: 'waived', noted: { expiresOn: '2027-06-30', expired: false } },
  { name: 'a waiver by check name waives every rule of the check', rule: 'privacy.coppa', status: 'fail', waivers: [waiver('privacy', '2027-06-30')], then: 'waived', noted: { expiresOn: '2027-06-30', expired: false } },
  { name: 'the usage check name waives a usage rule', rule: 'usage.teacher-utilization', status: 'fail', waivers: [waiver('usage', '2027-06-30')], then: 'waived', noted: { expiresOn: '2027-06-30', expired: false } },
  { name: 'the contract check name waives the renewal rule', rule: 'contract.renewal', status: 'warn', waivers: [waiver('contract', '2027-06-30')], then: 'waived', noted: { expiresOn: '2027-06-30', expired: false } },
  { name: 'a waiver expiring on the as-of day still applies', rule: 'privacy.dpa', status: 'fail', waivers: [waiver('privacy.dpa', AS_OF)], then: 'waived', noted: { expiresOn: AS_OF, expired: false } },
  { name: 'an expired waiver keeps the fail and is noted expired', rule: 'privacy.dpa', status: 'fail', waivers: [waiver('privacy.dpa', '2026-11-22')], then: 'fail', noted: { expiresOn: '2026-11-22', expired: true } },
  { name: 'an expired waiver keeps the warn and is noted expired', rule: 'mobile.responsive', status: 'warn', waivers: [waiver('mobile', '2026-01-31')], then: 'warn', noted: { expiresOn: '2026-01-31', expired: true } },
  { name: "another tool's waiver does not apply", rule: 'privacy.dpa', status: 'fail', waivers: [waiver('privacy.dpa', '2027-06-30', 'other-app')], then: 'fail', noted: null },
  { name: 'a waiver of another rule of the same check does not apply', rule: 'privacy.dpa', status: 'fail', waivers: [waiver('privacy.coppa', '2027-06-30')], then: 'fail', noted: null },
  { name: 'a waiver of another check does not apply', rule: 'sso.integration', status: 'fail', waivers: [waiver('privacy', '2027-06-30')], then: 'fail', noted: null },
  { name: 'a pass is left alone', rule: 'privacy.dpa', status: 'pass', waivers: [waiver('privacy.dpa', '2027-06-30')], then: 'pass', noted: null },
  { name: 'an n/a is left alone', rule: 'privacy.coppa', status: 'n/a', waivers: [waiver('privacy', '2027-06-30')], then: 'n/a', noted: null },
  { name: 'an expired waiver leaves a pass alone too', rule: 'privacy.dpa', status: 'pass', waivers: [waiver('privacy.dpa', '2026-01-01')], then: 'pass', noted: null },
  {
    name: 'among expired waivers the latest is noted, whatever their order',
    rule: 'privacy.dpa',
    status: 'fail',
    waivers: [waiver('privacy.dpa', '2025-06-30', TOOL, 'first'), waiver('privacy', '2026-08-31', TOOL, 'latest'), waiver('privacy.dpa', '2026-02-28', TOOL, 'middle')],
    then: 'fail',
    noted: { expiresOn: '2026-08-31', expired: true, reason: 'latest' },
  },
  {
    name: 'a current waiver wins over an expired one listed first',
    rule: 'privacy.dpa',
    status: 'fail',
    waivers: [waiver('privacy.dpa', '2026-08-31', TOOL, 'expired'), waiver('privacy', '2027-01-31', TOOL, 'current')],
    then: 'waived',
    noted: { expiresOn: '2027-01-31', expired: false, reason: 'current' },
  },
  {
    name: 'of two current waivers, the first in the policy applies',
    rule: 'cost.per-student',
    status: 'fail',
    waivers: [waiver('cost', '2027-01-31', TOOL, 'by check'), waiver('cost.per-student', '2028-01-31', TOOL, 'by rule')],
    then: 'waived',
    noted: { expiresOn: '2027-01-31', expired: false, reason: 'by check' },
  },
];

describe('applyWaivers', () => {
  for (const row of ROWS) {
    it(`${row.status} → ${row.then}: ${row.name}`, () => {
      const before = finding(row.rule, row.status);
      const [after] = applyWaivers(TOOL, [before], policyWith({ waivers: row.waivers }), AS_OF);
      expect(after.status).toBe(row.then);
      if (row.noted === null) {
        expect(after).toEqual(before);
      } else {
        const w = row.waivers.find((x) => x.expires_on === row.noted!.expiresOn)!;
        expect(after.waiver).toEqual({ reason: row.noted.reason ?? w.reason, approvedBy: 'Director of Curriculum', expiresOn: row.noted.expiresOn, expired: row.noted.expired });
        // Everything but the status and the waiver note is the rule's finding as it was.
        expect({ ...after, status: before.status, waiver: null }).toEqual(before);
      }
    });
  }

  it('each finding of a product is judged on its own, in order', () => {
    const findings = [finding('privacy.dpa', 'fail'), finding('privacy.coppa', 'pass'), finding('sso.integration', 'warn'), finding('usage.dormant-seats', 'warn')];
    const policy = policyWith({ waivers: [waiver('privacy.dpa', '2027-06-30'), waiver('sso', '2026-01-01'), waiver('usage.dormant-seats', '2027-06-30', 'other-app')] });
    const out = applyWaivers(TOOL, findings, policy, AS_OF);
    expect(out.map((f) => [f.rule, f.status, f.waiver?.expired ?? null])).toEqual([
      ['privacy.dpa', 'waived', false],
      ['privacy.coppa', 'pass', null],
      ['sso.integration', 'warn', true],
      ['usage.dormant-seats', 'warn', null],
    ]);
  });

  it('a policy without waivers changes nothing', () => {
    const findings = [finding('privacy.dpa', 'fail'), finding('mobile.responsive', 'warn')];
    expect(applyWaivers(TOOL, findings, policyWith(), AS_OF)).toEqual(findings);
  });
});
