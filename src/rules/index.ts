/**
 * The explicit, ordered rule registry: the order of rules.md, which is also
 * the order findings appear in every report.
 */
import accessibilityVpat from './accessibility/vpat.js';
import accessibilityWcag from './accessibility/wcag.js';
import contractRenewal from './contract/renewal.js';
import contractReviewDue from './contract/review-due.js';
import costPerStudent from './cost/per-student.js';
import type { Rule } from './define.js';
import evidenceEssaTier from './evidence/essa-tier.js';
import mobileResponsive from './mobile/responsive.js';
import privacyCoppa from './privacy/coppa.js';
import privacyCoppa2025 from './privacy/coppa-2025.js';
import privacyDataUse from './privacy/data-use.js';
import privacyDpa from './privacy/dpa.js';
import privacyStateAddenda from './privacy/state-addenda.js';
import ssoIntegration from './sso/integration.js';
import standardsAlignment from './standards/alignment.js';
import usageDormantSeats from './usage/dormant-seats.js';
import usageTeacherUtilization from './usage/teacher-utilization.js';

export const RULES: readonly Rule[] = [
  privacyDpa,
  privacyCoppa,
  privacyCoppa2025,
  privacyDataUse,
  privacyStateAddenda,
  ssoIntegration,
  accessibilityWcag,
  accessibilityVpat,
  costPerStudent,
  evidenceEssaTier,
  mobileResponsive,
  standardsAlignment,
  usageDormantSeats,
  usageTeacherUtilization,
  contractRenewal,
  contractReviewDue,
];

/** Every rule id, in report order. */
export const RULE_IDS: readonly string[] = RULES.map((r) => r.id);

/** Every check a waiver may name. */
export const CHECK_NAMES: readonly string[] = [...new Set(RULES.map((r) => r.check))];

/** The rule with this id, or undefined. */
export function ruleById(id: string): Rule | undefined {
  return RULES.find((r) => r.id === id);
}
