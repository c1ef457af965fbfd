import { clause, custom, lawRule, subprocessors, term } from '../../packs.js';

/** law.ut-sdpa.contract-terms — what a contract with a third-party contractor includes (Utah Code 53E-9-309(2)); the prohibition of secondary use only warns (required if the education entity requires it), and termination for a privacy violation, in force from 2026-07-01, is known only from a research copy and warns. */
export default lawRule({
  id: 'law.ut-sdpa.contract-terms',
  pack: 'ut-sdpa',
  citation: 'Utah Code 53E-9-309(2)',
  items: [
    clause('use_limited_to_contract', 'Utah Code 53E-9-309(2)(a)'),
    subprocessors('Utah Code 53E-9-309(2)(b)'),
    clause('deletion_on_request', 'Utah Code 53E-9-309(2)(c)'),
    clause('audit_right', 'Utah Code 53E-9-309(2)(e)'),
    clause('secondary_use_prohibited', 'Utah Code 53E-9-309(2)(d)', 'warn', 'required if the district requires it'),
    custom(term('termination_for_privacy_violation'), 'Utah Code 53E-9-309 (from 2026-07-01)', (v, _p, ctx) => (ctx.asOf < (ctx.data.texts['law.ut-sdpa.contract-terms']?.dates?.termination_from ?? '2026-07-01') || v === true ? null : { value: v ?? null, expected: true }), 'warn'),
  ],
});
