import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { letterFileName, renderLetter, slug } from '../../src/reporters/letters.js';
import { HOSTILE, buildReport, hostileReport } from '../fixtures/report-model.js';

describe('letterFileName', () => {
  it('is <vendor-slug>--<product-id>.<ext>', () => {
    expect(letterFileName('Brightline Learning Inc.', 'wordwise', 'md')).toBe('brightline-learning-inc--wordwise.md');
    expect(letterFileName('Quill & Co.', 'storyspark', 'html')).toBe('quill-co--storyspark.html');
    expect(letterFileName('Éducation Numérique SA', 'maths-1', 'md')).toBe('education-numerique-sa--maths-1.md');
  });

  it('never escapes the output folder and is never empty', () => {
    for (const bad of [...HOSTILE, '', '...', '/', '\\\\server\\share', '..\\..\\x', '日本語', '-- --']) {
      const name = letterFileName(bad, bad, 'md');
      expect(name).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*--[a-z0-9]+(-[a-z0-9]+)*\.md$/);
      expect(name).not.toContain('..');
      expect(name).not.toMatch(/[/\\]/);
      expect(path.resolve('/out', name).startsWith('/out/')).toBe(true);
    }
    expect(letterFileName('../../etc/passwd', 'x', 'md')).toBe('etc-passwd--x.md');
    expect(letterFileName('', '', 'md')).toBe('vendor--product.md');
    expect(slug('日本語')).toBe('vendor');
  });
});

describe('renderLetter', () => {
  const report = buildReport();
  const wordwise = report.products.find((p) => p.id === 'wordwise')!;
  const labsim = report.products.find((p) => p.id === 'labsim')!;

  it('matches the stored snapshot (markdown)', async () => {
    await expect(renderLetter(labsim, report, 'markdown')).toMatchFileSnapshot('./__snapshots__/letter-labsim.md');
  });

  it('addresses the vendor from the district, dated as-of, with every failed criterion and its evidence', () => {
    const md = renderLetter(wordwise, report, 'markdown');
    expect(md).toContain('**To:** Brightline Learning Inc., privacy@brightline.example');
    expect(md).toContain('**From:** Riverside Unified School District, Maya Chen, Director of Instructional Technology, edtech@riverside.example');
    expect(md).toContain('**Date:** November 23, 2026');
    expect(md).toContain('# Review of WordWise Reader: not approved');
    expect(md).toContain('It was not approved');
    // An underscore inside a word needs no escape in a table: it pastes into an e-mail as it reads.
    expect(md).toContain('| WCAG 2.1 AA conformance | accessibility.wcag_version: 2.0 | at least 2.1 | Conforms to WCAG 2.0 AA; the policy requires WCAG 2.1 AA |');
    expect(md).toContain('## Also needing attention');
    expect(md).toContain('| Current VPAT |');
    expect(md).toContain('**WCAG 2.1 AA conformance:** Provide a current accessibility conformance report');
    expect(md).toContain('will review WordWise Reader again');
    expect(md).toContain('April 24, 2027');
    // usage and contract findings are not the vendor's business
    expect(md).not.toContain('teachers with access');
    expect(md).not.toContain('Renews 2027');
  });

  it('lists every failed criterion and mentions the ADA deadline only when accessibility failed', () => {
    const md = renderLetter(labsim, report, 'markdown');
    for (const title of ['No sale of student data or targeted ads', 'Single sign-on', 'WCAG 2.1 AA conformance', 'Cost per student']) expect(md).toContain(`| ${title} |`);
    expect(md).toContain('**To:** Helix Interactive  \n'); // no vendor contact
    const noA11y = buildReport();
    const p = noA11y.products.find((x) => x.id === 'labsim')!;
    p.findings.find((f) => f.rule === 'accessibility.wcag')!.status = 'pass';
    expect(renderLetter(p, noA11y, 'markdown')).not.toContain('ADA');
  });

  it('is signed "the district" when the policy names none', () => {
    const r = buildReport();
    r.district = { name: null, contact: null };
    const p = r.products.find((x) => x.id === 'wordwise')!;
    const md = renderLetter(p, r, 'markdown');
    expect(md).toContain('**From:** the district  ');
    expect(md).toContain('The district reviewed WordWise Reader');
    expect(md.trimEnd().endsWith('Sincerely,\n\nthe district')).toBe(true);
    const html = renderLetter(p, r, 'html');
    expect(html).toContain('Sincerely,<br>the district</p>');
  });

  it('renders a self-contained, escaped HTML letter', () => {
    const html = renderLetter(wordwise, report, 'html');
    expect(html).toContain('Content-Security-Policy');
    expect(html).toContain('<html lang="en">');
    expect(html).not.toMatch(/<script|<link|<img/);
    expect(html).toContain('<th scope="row">WCAG 2.1 AA conformance</th>');
  });

  it('keeps hostile names inert in both formats', () => {
    const r = hostileReport();
    for (const p of r.products) {
      const md = renderLetter(p, r, 'markdown');
      expect(md).not.toMatch(/<script|<img/);
      expect(md).not.toContain('\u001b');
      for (const line of md.split('\n').filter((l) => l.startsWith('|'))) {
        expect(line.slice(1, -1).split(/(?<!\\)\|/).length).toBe(4);
      }
      const html = renderLetter(p, r, 'html');
      expect(html).not.toMatch(/<script|<img|onerror=alert\(1\)>/);
      expect(html).not.toContain('\u001b');
    }
  });
});

describe('letters in plain words', () => {
  it('writes a requirement object as words, never JSON, and prose without escapes or entities', async () => {
    const { inWords } = await import('../../src/reporters/letters.js');
    expect(inWords({ providers: ['classlink', 'google'], protocols: ['saml'] })).toBe('providers: classlink or google; protocols: saml');
    expect(inWords('>= 2.1')).toBe('at least 2.1');
    // ESSA tiers count down; an operator inside a value is written in words too.
    expect(inWords('tier <= 4')).toBe('tier 4 or stronger');
    expect(inWords('ratio <= 0.3')).toBe('ratio at most 0.3');
  });
});
