import rule from '../../../../src/rules/law/il-soppa/posting.js';
import { ruleTester } from '../../rule-tester.js';

const ON = { privacy: { state_laws: ['il-soppa'] } };
const posted = (on: string | null) => ({ privacy: { state: { 'il-soppa': { posted_on: on } } } });

ruleTester(rule, [
  { name: 'address, agreement copy, subprocessors, posted within 10 business days', fixture: 'law/complete', policy: ON, status: 'pass', message: 'complete', field: 'privacy.state.il-soppa.posted_on' },
  { name: 'posted on the 10th business day after signing (Monday 2025-06-02 → 2025-06-16)', fixture: 'law/complete', patch: posted('2025-06-16'), policy: ON, status: 'pass', message: 'complete', field: 'privacy.state.il-soppa.posted_on' },
  { name: 'subprocessors_url instead of the list', fixture: 'law/complete', patch: { privacy: { subprocessors: null, subprocessors_url: 'https://example.test/sub' } }, policy: ON, status: 'pass', message: 'complete', field: 'privacy.state.il-soppa.posted_on' },
  { name: 'subprocessors [] means none', fixture: 'law/complete', patch: { privacy: { subprocessors: [] } }, policy: ON, status: 'pass', message: 'complete', field: 'privacy.state.il-soppa.posted_on' },
  { name: 'posted a day late: the 10-day deadline is known only from summaries, so it warns', fixture: 'law/complete', patch: posted('2025-06-17'), policy: ON, status: 'warn', message: 'missing-warn', field: 'privacy.state.il-soppa.posted_on', expected: 'on or before 2025-06-16 (10 business days after 2025-06-02)', more: { citation: '105 ILCS 85/27(a)', missing: ['state.posted_on'] } },
  { name: 'a §² date not provided warns', fixture: 'law/complete', patch: posted(null), policy: ON, status: 'warn', message: 'missing-warn', field: 'privacy.state.il-soppa.posted_on', value: null },
  { name: 'no business address nor copy, and not posted: fails, every gap listed', fixture: 'law/complete', patch: { vendor_address: null, privacy: { dpa: { url: null }, state: { 'il-soppa': { posted_on: null } } } }, policy: ON, status: 'fail', message: 'missing', field: 'vendor_address', more: { citation: '105 ILCS 85/27(a)(2)', missing: ['vendor_address', 'dpa.url', 'state.posted_on'] }, line: 'vendor_address:' },
  { name: 'neither subprocessors nor their address', fixture: 'law/complete', patch: { privacy: { subprocessors: null } }, policy: ON, status: 'fail', message: 'missing', field: 'privacy.subprocessors', more: { citation: '105 ILCS 85/27(a)(3)' } },
  { name: 'teachers only', fixture: 'law/teachers-only', policy: ON, status: 'n/a', message: 'na-no-student-data', field: 'audience' },
  { name: 'applies: false', fixture: 'law/not-applicable', policy: ON, status: 'n/a', message: 'na-not-applicable', field: 'privacy.state.il-soppa.applies' },
]);
