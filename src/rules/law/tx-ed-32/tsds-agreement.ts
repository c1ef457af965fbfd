import { lawRule, stateTrue } from '../../packs.js';

/** law.tx-ed-32.tsds-agreement — an operator approved by TEA to use the TSDS unique identifier has the state data-sharing agreement (Tex. Educ. Code 32.155(b)); n/a without TEA approval. */
export default lawRule({
  id: 'law.tx-ed-32.tsds-agreement',
  pack: 'tx-ed-32',
  citation: 'Tex. Educ. Code 32.155(b)',
  items: [
    stateTrue('tx-ed-32', 'tsds_agreement', 'Tex. Educ. Code 32.155(b)'),
  ],
  notRequired: (p) =>
    p.manifest.privacy?.state?.['tx-ed-32']?.tea_approved === true ? null : { field: 'privacy.state.tx-ed-32.tea_approved', value: p.manifest.privacy?.state?.['tx-ed-32']?.tea_approved ?? null, why: 'the operator is not approved by TEA to use the TSDS unique identifier' },
});
