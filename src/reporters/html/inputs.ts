/** "Inputs and warnings": the usage files read, the apps no product matched, and every warning. */
import type { Report } from '../../model/types.js';
import { int, unmatchedShown } from '../util.js';
import { breakablePath, dataTable, esc, section, type Section } from './document.js';

/** `N reason` per non-zero count, one a line (`0` when none). */
function counts(o: Record<string, number>): string {
  return Object.entries(o).filter(([, n]) => n > 0).map(([k, n]) => `${int(n)} ${esc(k)}`).join('<br>') || '0';
}

/** The inputs section, or null when there is no usage file, unmatched app or warning to show. */
export function inputsSection(report: Report): Section | null {
  if (report.unmatchedApps.length === 0 && report.inputs.length === 0 && report.warnings.length === 0) return null;
  const body: string[] = [];
  if (report.inputs.length > 0) {
    body.push(
      dataTable(
        'Usage files table',
        'Usage files read',
        ['File', 'Format', ['Rows', 'num'], ['Used', 'num'], 'Skipped', 'Bad'],
        report.inputs.map((i) => `<tr><th scope="row"><code>${breakablePath(i.path)}</code></th><td>${esc(i.format)}</td><td class="num">${int(i.rows)}</td><td class="num">${int(i.used)}</td><td>${counts(i.skipped)}</td><td>${counts(i.bad)}</td></tr>`),
      ),
    );
  }
  if (report.unmatchedApps.length > 0) {
    const { shown, more } = unmatchedShown(report);
    body.push(
      dataTable(
        'Unmatched apps table',
        'Apps in the usage exports that match no product',
        ['App', 'App id', ['Rows', 'num'], 'Suggested product'],
        shown.map((a) => `<tr><th scope="row">${esc(a.app)}</th><td>${esc(a.appId ?? '–')}</td><td class="num">${int(a.rows)}</td><td>${esc(a.suggestedProduct ?? '–')}</td></tr>`),
      ),
    );
    if (more > 0) body.push(`<p>And ${int(more)} more (the JSON report lists every one).</p>`);
  }
  if (report.warnings.length > 0) {
    body.push(`<h3>Warnings</h3>\n<ul class="warnings">\n${report.warnings.map((w) => `<li>${esc(w)}</li>`).join('\n')}\n</ul>`);
  }
  return section('h-inputs', 'Inputs and warnings', 'Inputs and warnings', body);
}
