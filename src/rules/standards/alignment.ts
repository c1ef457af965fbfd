import { defineRule, outcome } from '../define.js';

const INSTRUCTIONAL = new Set(['core', 'supplemental', 'intervention', 'assessment']);

/** standards.alignment — instructional tools map their content to the standards teachers teach. */
export default defineRule({
  id: 'standards.alignment',
  check: 'standards',
  kind: 'vetting',
  messages: { 'na-category': 'n/a', aligned: 'pass', required: 'fail', missing: 'warn' },
  evaluate(p, { policy }) {
    const cat = p.manifest.category;
    if (!INSTRUCTIONAL.has(cat)) return outcome('n/a', 'na-category', { field: 'category', value: cat, expected: [...INSTRUCTIONAL] }, { category: cat });
    const std = p.manifest.standards ?? [];
    if (std.length) return outcome('pass', 'aligned', { field: 'standards', value: std, expected: 'at least one standard' }, { standards: std.join(', ') });
    if (policy.standards.required_for.includes(cat)) return outcome('fail', 'required', { field: 'standards', value: [], expected: 'at least one standard' }, { category: cat });
    return outcome('warn', 'missing', { field: 'standards', value: [], expected: 'at least one standard' }, { category: cat });
  },
});
