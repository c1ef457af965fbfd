/**
 * `github` — GitHub Actions workflow commands:
 *   ::error file=PATH,line=N,col=M,title=RULE::MESSAGE     for each fail
 *   ::warning file=PATH,line=N,col=M,title=RULE::MESSAGE   for each warn
 *   ::notice …                                             for a warn or fail known from the baseline
 * (known findings stay visible but do not look like new problems; waived,
 * pass and n/a findings are not annotated), then one plain summary line that
 * ends with the policy file used.
 * Escaping per the workflow-command syntax: in the message `%`→`%25`,
 * CR→`%0D`, LF→`%0A`; in properties additionally `:`→`%3A` and `,`→`%2C`.
 * ANSI escapes and control characters are removed first.
 */
import type { Report } from '../model/types.js';
import type { Reporter, ReporterOptions } from './types.js';
import { clean, relPath, sortedProducts } from './util.js';

/** Escapes a workflow-command message. */
export function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Escapes a workflow-command property value. */
export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/** Renders the report as GitHub workflow annotations plus a summary line. */
export const renderGithub: Reporter = (report: Report, options: ReporterOptions) => {
  const lines: string[] = [];
  let errors = 0;
  let warnings = 0;
  let known = 0;
  for (const p of sortedProducts(report)) {
    for (const f of p.findings) {
      if (f.status !== 'fail' && f.status !== 'warn') continue;
      const cmd = f.known ? 'notice' : f.status === 'fail' ? 'error' : 'warning';
      if (f.known) known++;
      else if (f.status === 'fail') errors++;
      else warnings++;
      const props = [
        `file=${escapeProperty(relPath(clean(f.source.file), options.cwd))}`,
        `line=${Math.max(1, f.source.line)}`,
        `col=${Math.max(1, f.source.column)}`,
        `title=${escapeProperty(clean(f.rule))}`,
      ].join(',');
      const msg = `${clean(p.name)} (${clean(p.id)}): ${f.known ? `${f.status}, known from the baseline: ` : ''}${clean(f.message, true)}`;
      lines.push(`::${cmd} ${props}::${escapeData(msg)}`);
    }
  }
  const s = report.summary;
  lines.push(
    `edvet ${clean(report.command)}: ${s.products} products (${s.approved} approved, ${s.conditional} conditional, ${s.rejected} rejected); ` +
      `${errors} ${errors === 1 ? 'error' : 'errors'}, ${warnings} ${warnings === 1 ? 'warning' : 'warnings'}, ${known} known from the baseline; policy ${clean(report.policy.source)}`,
  );
  return `${lines.join('\n')}\n`;
};
