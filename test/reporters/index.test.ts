import { describe, expect, it } from 'vitest';
import { FORMATS_BY_COMMAND, REPORTERS } from '../../src/reporters/index.js';
import { buildReport } from '../fixtures/report-model.js';

describe('reporter registry', () => {
  it('offers the formats of reports.md per command, the default first', () => {
    const all = ['table', 'json', 'markdown', 'csv', 'junit', 'sarif', 'github', 'html'];
    expect(FORMATS_BY_COMMAND).toEqual({
      vet: all,
      audit: all,
      usage: ['table', 'json', 'markdown', 'csv', 'html'],
      sunset: ['table', 'json', 'markdown', 'csv', 'html'],
      validate: ['table', 'json'],
    });
    expect(Object.keys(REPORTERS).sort()).toEqual([...all].sort());
  });

  it('every reporter is pure: same input, same output, input unchanged', () => {
    const report = buildReport();
    const before = JSON.stringify(report);
    for (const r of Object.values(REPORTERS)) {
      const a = r(report, { color: false, failOn: 'fail', cwd: '/work' });
      const b = r(report, { color: false, failOn: 'fail', cwd: '/work' });
      expect(a).toBe(b);
      expect(a.endsWith('\n')).toBe(true);
    }
    expect(JSON.stringify(report)).toBe(before);
  });
});
