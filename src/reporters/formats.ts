/**
 * Which formats each command offers (reports.md, "Formats by command"), and
 * loading one renderer on demand so a run imports only the format it prints.
 */
import type { FormatName, Reporter } from './types.js';

/** The formats each command accepts, the default first (`rules`/`explain` and `letters` are rendered elsewhere). */
export const FORMATS_BY_COMMAND: Record<string, FormatName[]> = {
  vet: ['table', 'json', 'markdown', 'csv', 'junit', 'sarif', 'github', 'html'],
  audit: ['table', 'json', 'markdown', 'csv', 'junit', 'sarif', 'github', 'html'],
  usage: ['table', 'json', 'markdown', 'csv', 'html'],
  sunset: ['table', 'json', 'markdown', 'csv', 'html'],
  validate: ['table', 'json'],
};

/** The renderer of one format, imported on first use (the registry in index.ts imports them all). */
export async function loadReporter(format: FormatName): Promise<Reporter> {
  switch (format) {
    case 'table':
      return (await import('./table.js')).renderTable;
    case 'json':
      return (await import('./json.js')).renderJson;
    case 'markdown':
      return (await import('./markdown.js')).renderMarkdown;
    case 'csv':
      return (await import('./csv.js')).renderCsv;
    case 'junit':
      return (await import('./junit.js')).renderJunit;
    case 'sarif':
      return (await import('./sarif.js')).renderSarif;
    case 'github':
      return (await import('./github.js')).renderGithub;
    case 'html':
      return (await import('./html.js')).renderHtml;
  }
}
