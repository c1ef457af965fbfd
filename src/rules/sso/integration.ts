import { defineRule, outcome } from '../define.js';

/** sso.integration — students and staff sign in through an SSO provider or protocol the district runs. */
export default defineRule({
  id: 'sso.integration',
  check: 'sso',
  kind: 'vetting',
  messages: { provider: 'pass', protocol: 'pass', 'not-provided': 'fail', unsupported: 'fail' },
  evaluate(p, { policy }) {
    const sso = p.manifest.sso;
    const providers = sso?.providers ?? [];
    const protocols = sso?.protocols ?? [];
    const expected = { providers: policy.sso.accepted_providers, protocols: policy.sso.accepted_protocols };
    const prov = providers.find((x) => policy.sso.accepted_providers.includes(x));
    if (prov) return outcome('pass', 'provider', { field: 'sso.providers', value: providers, expected }, { provider: prov });
    const proto = protocols.find((x) => policy.sso.accepted_protocols.includes(x));
    if (proto) return outcome('pass', 'protocol', { field: 'sso.protocols', value: protocols, expected }, { protocol: proto });
    if (!sso || (providers.length === 0 && protocols.length === 0)) return outcome('fail', 'not-provided', { field: 'sso', value: null, expected });
    return outcome('fail', 'unsupported', { field: providers.length ? 'sso.providers' : 'sso.protocols', value: providers.length ? providers : protocols, expected }, {
      found: [...providers, ...protocols].join(', '),
    });
  },
});
