import rule from '../../../src/rules/sso/integration.js';
import { ruleTester } from '../rule-tester.js';

ruleTester(rule, [
  { name: 'an accepted provider (names lowercased)', fixture: 'provider', status: 'pass', message: 'provider', field: 'sso.providers', value: ['clever', 'schoology'], paramsEqual: { provider: 'clever' }, line: 'providers' },
  { name: 'an accepted protocol without an accepted provider', fixture: 'protocol-only', status: 'pass', message: 'protocol', field: 'sso.protocols', paramsEqual: { protocol: 'saml' } },
  { name: 'neither provider nor protocol accepted', fixture: 'unsupported', status: 'fail', message: 'unsupported', field: 'sso.providers', value: ['schoology'] },
  { name: 'the policy lists decide: accepting schoology passes', fixture: 'unsupported', policy: { sso: { accepted_providers: ['schoology'] } }, status: 'pass', message: 'provider', field: 'sso.providers' },
  // lists replace the default list: clever is no longer accepted, and no protocol is
  { name: 'policy lists replace the defaults', fixture: 'provider', policy: { sso: { accepted_providers: ['google'], accepted_protocols: [] } }, status: 'fail', message: 'unsupported', field: 'sso.providers' },
  { name: 'no sso block is not provided', fixture: 'not-provided', status: 'fail', message: 'not-provided', field: 'sso', value: null, line: 1 },
  // the field is present: its value (the block mapping) starts on the next line
  { name: 'empty lists are not provided', fixture: 'empty-lists', status: 'fail', message: 'not-provided', field: 'sso', line: 'protocols' },
]);
