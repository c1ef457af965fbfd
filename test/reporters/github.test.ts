import { describe, expect, it } from 'vitest';
import { escapeData, escapeProperty, renderGithub } from '../../src/reporters/github.js';
import { buildReport, hostileReport } from '../fixtures/report-model.js';

const OPTIONS = { color: false, failOn: 'fail' as const, cwd: '/work' };

describe('github reporter', () => {
  it('matches the stored snapshot for the audit report', async () => {
    await expect(renderGithub(buildReport(), OPTIONS)).toMatchFileSnapshot('./__snapshots__/github-audit.txt');
  });

  it('annotates fails as errors, warns as warnings, known ones as notices, then a summary line', () => {
    const lines = renderGithub(buildReport(), OPTIONS).trimEnd().split('\n');
    expect(lines).toContain('::error file=catalog/wordwise.yaml,line=31,col=17,title=accessibility.wcag::WordWise Reader (wordwise): Conforms to WCAG 2.0 AA; the policy requires WCAG 2.1 AA');
    expect(lines).toContain('::warning file=catalog/wordwise.yaml,line=33,col=15,title=accessibility.vpat::WordWise Reader (wordwise): VPAT dated 2024-09-01 is older than 365 days');
    expect(lines.filter((l) => l.startsWith('::error '))).toHaveLength(5);
    expect(lines.filter((l) => l.startsWith('::warning '))).toHaveLength(5);
    expect(lines.filter((l) => l.startsWith('::notice '))).toHaveLength(4);
    expect(lines.at(-1)).toBe('edvet audit: 6 products (3 approved, 1 conditional, 2 rejected); 5 errors, 5 warnings, 4 known from the baseline; policy edvet.policy.yaml');
  });

  it('escapes per the workflow-command syntax', () => {
    expect(escapeData('100% done\r\nnext')).toBe('100%25 done%0D%0Anext');
    expect(escapeProperty('a:b,c%')).toBe('a%3Ab%2Cc%25');
  });

  it('keeps hostile values on one line, with no stray workflow command', () => {
    const r = hostileReport();
    r.products[0].findings.find((f) => f.status === 'fail')!.message = 'x\n::set-output name=a::b\r\n,:%';
    const out = renderGithub(r, OPTIONS);
    expect(out).not.toContain('\u001b');
    for (const line of out.trimEnd().split('\n')) {
      expect(line).toMatch(/^(::(error|warning|notice) file=[^,:]*,line=\d+,col=\d+,title=[^,:]*::.*|edvet audit: .*)$/);
    }
    expect(out).toContain('x%0A::set-output name=a::b%0A,:%25'); // CRLF normalised to LF first
    expect(out).toContain('file=../../etc/passwd/<script>alert(1)</script>.yaml');
  });
});
