/**
 * The reporter registry, the one the CLI and the tests share: each output
 * format by name with the module that renders it, imported on first use so a
 * run loads only the format it prints, and the formats each command accepts
 * (reports.md, "Formats by command").
 */
import type { Report } from '../model/types.js';
import type { FormatName, Reporter, ReporterOptions } from './types.js';

export type { FormatName, Reporter, ReporterOptions } from './types.js';

/** Every renderer by format name, each imported when first asked for. */
export const REPORTERS: Record<FormatName, () => Promise<Reporter>> = {
  table: () => import('./table.js').then((m) => m.renderTable),
  json: () => import('./json.js').then((m) => m.renderJson),
  markdown: () => import('./markdown.js').then((m) => m.renderMarkdown),
  csv: () => import('./csv.js').then((m) => m.renderCsv),
  junit: () => import('./junit.js').then((m) => m.renderJunit),
  sarif: () => import('./sarif.js').then((m) => m.renderSarif),
  github: () => import('./github.js').then((m) => m.renderGithub),
  html: () => import('./html.js').then((m) => m.renderHtml),
};

/** Every format name, in the registry's order. */
export const FORMAT_NAMES = Object.keys(REPORTERS) as FormatName[];

/**
 * The formats each command accepts, the default first. `vet` to `sunset`
 * print through REPORTERS; `validate`, `letters`, `rules`, `explain`, `list`
 * and `import` render their own output in these formats.
 */
export const FORMATS_BY_COMMAND = {
  vet: ['table', 'json', 'markdown', 'csv', 'junit', 'sarif', 'github', 'html'],
  audit: ['table', 'json', 'markdown', 'csv', 'junit', 'sarif', 'github', 'html'],
  usage: ['table', 'json', 'markdown', 'csv', 'html'],
  sunset: ['table', 'json', 'markdown', 'csv', 'html'],
  validate: ['table', 'json'],
  letters: ['markdown', 'html'],
  rules: ['table', 'markdown', 'json'],
  explain: ['table', 'markdown', 'json'],
  list: ['table', 'csv', 'markdown', 'json', 'html'],
  import: ['table', 'json'],
} as const satisfies Record<string, readonly FormatName[]>;

/** The renderer of one format (imported on first use, then cached by the module loader). */
export function loadReporter(format: FormatName): Promise<Reporter> {
  return REPORTERS[format]();
}

/**
 * A report rendered in one format as pieces of text to write in order: JSON
 * product by product, as they are written (a catalog of thousands of
 * products makes a report of tens of megabytes), the other formats whole.
 */
export async function renderPieces(format: FormatName, report: Report, options: ReporterOptions): Promise<Iterable<string>> {
  if (format === 'json') return (await import('./json.js')).jsonPieces(report);
  return [(await loadReporter(format))(report, options)];
}
