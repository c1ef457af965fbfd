import { lawRule, stateTrue } from '../../packs.js';

/** law.ny-2d.parents-bill-of-rights — the parents' bill of rights for data privacy and security is part of every contract (N.Y. Educ. Law §2-d(3)). */
export default lawRule({
  id: 'law.ny-2d.parents-bill-of-rights',
  pack: 'ny-2d',
  citation: 'N.Y. Educ. Law §2-d(3)',
  items: [
    stateTrue('ny-2d', 'bill_of_rights_attached', 'N.Y. Educ. Law §2-d(3)'),
  ],
});
