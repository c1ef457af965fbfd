import { lawRule, stateDateBy, stateText } from '../../packs.js';

/** law.ny-2d.security-plan — the vendor's data security and privacy plan, accepted by the district (8 NYCRR 121.6(a)); edvet does not read the plan itself. */
export default lawRule({
  id: 'law.ny-2d.security-plan',
  pack: 'ny-2d',
  citation: '8 NYCRR 121.6(a)',
  items: [
    stateDateBy('ny-2d', 'dspp_accepted_on', '8 NYCRR 121.6(a)'),
    stateText('ny-2d', 'dspp_url', '8 NYCRR 121.6(a)'),
  ],
});
