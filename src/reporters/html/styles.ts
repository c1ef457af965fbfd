/**
 * The stylesheets of the HTML report and the letters, kept as CSS files in
 * this folder: base.css (shared), report.css and letter.css. Run from the
 * sources (vitest), this module reads them; `npm run build` replaces its
 * compiled form with one that holds their text (build.ts,
 * `inlineStylesheets`), so dist/ and dist/bundle/ read no CSS file at run time.
 * Keep `stylesheet` this module's only export: the build checks it.
 */
import { readFileSync } from 'node:fs';

/** A stylesheet of this folder: its file name without `.css`. */
export type StylesheetName = 'base' | 'report' | 'letter' | 'publish';

/** The text of one stylesheet file of this folder. */
export function stylesheet(name: StylesheetName): string {
  return readFileSync(new URL(`./${name}.css`, import.meta.url), 'utf8');
}
