import rule from '../../../src/rules/standards/alignment.js';
import { ruleTester } from '../rule-tester.js';

ruleTester(rule, [
  { name: 'lists standards', fixture: 'aligned', status: 'pass', message: 'aligned', field: 'standards', value: ['CCSS-M', 'TEKS'], line: 'standards:' },
  { name: 'an empty list, category not in required_for (the default [])', fixture: 'empty-list', status: 'warn', message: 'missing', field: 'standards', value: [], line: 'standards:' },
  { name: 'standards absent for an intervention', fixture: 'absent', status: 'warn', message: 'missing', field: 'standards', line: 1 },
  { name: 'empty and the category is in required_for', fixture: 'empty-list', policy: { standards: { required_for: ['supplemental'] } }, status: 'fail', message: 'required', field: 'standards' },
  { name: 'assessment empty, assessment required', fixture: 'assessment-empty', policy: { standards: { required_for: ['assessment', 'core'] } }, status: 'fail', message: 'required', field: 'standards' },
  { name: 'assessment empty, only core required', fixture: 'assessment-empty', policy: { standards: { required_for: ['core'] } }, status: 'warn', message: 'missing', field: 'standards' },
  { name: 'a productivity tool', fixture: 'productivity', status: 'n/a', message: 'na-category', field: 'category', value: 'productivity', line: 'category:' },
]);
