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
import lawNy2dParentsBillOfRights from './law/ny-2d/parents-bill-of-rights.js';
import lawNy2dSupplementalInformation from './law/ny-2d/supplemental-information.js';
import lawNy2dSecurityPlan from './law/ny-2d/security-plan.js';
import lawNy2dBreachNotice from './law/ny-2d/breach-notice.js';
import lawIlSoppaWrittenAgreement from './law/il-soppa/written-agreement.js';
import lawIlSoppaAgreementContents from './law/il-soppa/agreement-contents.js';
import lawIlSoppaOperatorDuties from './law/il-soppa/operator-duties.js';
import lawIlSoppaPosting from './law/il-soppa/posting.js';
import lawCaSopipaOperatorDuties from './law/ca-sopipa/operator-duties.js';
import lawCaSopipaContractTerms from './law/ca-sopipa/contract-terms.js';
import lawCoSdtsaContractTerms from './law/co-sdtsa/contract-terms.js';
import lawOhSb29ContractTerms from './law/oh-sb29/contract-terms.js';
import lawOhSb29AnnualNotice from './law/oh-sb29/annual-notice.js';
import lawUtSdpaContractTerms from './law/ut-sdpa/contract-terms.js';
import lawUtSdpaMetadataDictionary from './law/ut-sdpa/metadata-dictionary.js';
import lawCtSdpaContractTerms from './law/ct-sdpa/contract-terms.js';
import lawCtSdpaNotices from './law/ct-sdpa/notices.js';
import lawTxEd32OperatorDuties from './law/tx-ed-32/operator-duties.js';
import lawTxEd32TsdsAgreement from './law/tx-ed-32/tsds-agreement.js';
import privacyCoppa from './privacy/coppa.js';
import privacyCoppa2025 from './privacy/coppa-2025.js';
import privacyDataDeletion from './privacy/data-deletion.js';
import privacyDataUse from './privacy/data-use.js';
import privacyDpa from './privacy/dpa.js';
import privacyGradeBandUse from './privacy/grade-band-use.js';
import privacyStateAddenda from './privacy/state-addenda.js';
import ssoIntegration from './sso/integration.js';
import standardsAlignment from './standards/alignment.js';
import usageDormantSeats from './usage/dormant-seats.js';
import usageOverDeployed from './usage/over-deployed.js';
import usageTeacherUtilization from './usage/teacher-utilization.js';

export const RULES: readonly Rule[] = [
  privacyDpa,
  privacyCoppa,
  privacyCoppa2025,
  privacyDataUse,
  privacyStateAddenda,
  lawNy2dParentsBillOfRights,
  lawNy2dSupplementalInformation,
  lawNy2dSecurityPlan,
  lawNy2dBreachNotice,
  lawIlSoppaWrittenAgreement,
  lawIlSoppaAgreementContents,
  lawIlSoppaOperatorDuties,
  lawIlSoppaPosting,
  lawCaSopipaOperatorDuties,
  lawCaSopipaContractTerms,
  lawCoSdtsaContractTerms,
  lawOhSb29ContractTerms,
  lawOhSb29AnnualNotice,
  lawUtSdpaContractTerms,
  lawUtSdpaMetadataDictionary,
  lawCtSdpaContractTerms,
  lawCtSdpaNotices,
  lawTxEd32OperatorDuties,
  lawTxEd32TsdsAgreement,
  ssoIntegration,
  accessibilityWcag,
  accessibilityVpat,
  costPerStudent,
  evidenceEssaTier,
  mobileResponsive,
  standardsAlignment,
  usageDormantSeats,
  usageTeacherUtilization,
  usageOverDeployed,
  privacyGradeBandUse,
  contractRenewal,
  contractReviewDue,
  privacyDataDeletion,
];

/** Every rule id, in report order. */
export const RULE_IDS: readonly string[] = RULES.map((r) => r.id);

/** Every check a waiver may name. */
export const CHECK_NAMES: readonly string[] = [...new Set(RULES.map((r) => r.check))];

/** The law packs a waiver may name (`law.il-soppa`: every rule of the pack; privacy-laws.md §2). */
export const PACK_NAMES: readonly string[] = [...new Set(RULES.filter((r) => r.id.startsWith('law.')).map((r) => r.id.split('.').slice(0, 2).join('.')))];

/** The rule with this id, or undefined. */
export function ruleById(id: string): Rule | undefined {
  return RULES.find((r) => r.id === id);
}
