/**
 * quality.md "Hostile input": the payloads of HOSTILE in every free-text
 * field, through every format and both letter formats, come out inert.
 */
import { describe, expect, it } from 'vitest';
import { FORMAT_NAMES, loadReporter } from '../../src/reporters/index.js';
import { letterFileName, renderLetter } from '../../src/reporters/letters.js';
import { HOSTILE, hostileReport } from '../fixtures/report-model.js';
import { parseCsv } from './csv-read.js';
import { parseXml } from './xml-check.js';

const OPTIONS = { color: false, failOn: 'fail' as const, cwd: '/work' };

describe('hostile names through every format', () => {
  const report = hostileReport();

  for (const format of FORMAT_NAMES) {
    it(`${format}: no terminal escape, and the format's own syntax stays intact`, async () => {
      const out = (await loadReporter(format))(report, OPTIONS);
      expect(out).not.toContain('\u001b');
      expect(out).not.toContain('\u009b');
      switch (format) {
        case 'json':
        case 'sarif': {
          const data = JSON.parse(out);
          // JSON keeps data verbatim (it is data, not a display); the strings are still JSON strings.
          expect(JSON.stringify(data)).toContain('<script>alert(1)</script>');
          break;
        }
        case 'csv':
          for (const row of parseCsv(out.slice(1))) for (const cell of row) expect(cell).not.toMatch(/^\s*[=+\-@\t\r]/);
          break;
        case 'junit':
          expect(() => parseXml(out)).not.toThrow();
          expect(out).not.toMatch(/<script|<img/);
          break;
        case 'html':
        case 'markdown':
          expect(out).not.toMatch(/<script|<img/i);
          break;
        case 'github':
          for (const line of out.trimEnd().split('\n')) expect(line).toMatch(/^(::(error|warning|notice) [^:]*::|edvet )/);
          break;
        case 'table':
          expect(out).toContain('../../etc/passwd');
          break;
      }
    });
  }

  it('json keeps the payload bytes exactly (the machine contract does not alter data)', async () => {
    const data = JSON.parse((await loadReporter('json'))(report, OPTIONS));
    const names = data.products.map((p: { name: string }) => p.name).join('\n');
    for (const h of HOSTILE.slice(0, 4)) expect(names).toContain(h);
  });

  it('letters: inert text and safe file names', () => {
    for (const p of report.products) {
      for (const format of ['markdown', 'html'] as const) {
        const out = renderLetter(p, report, format);
        expect(out).not.toMatch(/<script|<img/i);
        expect(out).not.toContain('\u001b');
      }
      const name = letterFileName(p.vendor, p.id, 'md');
      expect(name).not.toMatch(/\.\.|[/\\]/);
    }
  });
});
