/**
 * The build's second step, after `tsc` (run by `npm run build` as
 * `node dist/build.js`):
 *
 * 1. rules/*.yaml, parsed, into dist/rules-data.json (JSON reads faster than
 *    YAML at start-up; rules/ stays the source, see load/rules-data.ts);
 * 2. the compiled tree bundled by esbuild into dist/bundle/: `cli.js` (what
 *    bin/edvet.js runs), `worker.js` (the usage reader's parsing thread) and
 *    the chunks they share, one per lazily imported command and reporter.
 *    Node.js then loads a handful of files instead of ~200 modules, and the
 *    parts of zod edvet never calls (its 60 locale files, JSON Schema) are
 *    left out. `npm run bench` measures what it gains.
 */
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { writeRulesBundle } from './load/rules-data.js';
import { PACKAGE_ROOT } from './paths.js';

const DIST = join(PACKAGE_ROOT, 'dist');

/**
 * The HTML report's CSS files (src/reporters/html/*.css) inlined: the
 * compiled styles.js, which reads them from the sources, is replaced by a
 * module holding their text, before esbuild bundles it, so neither dist/ nor
 * dist/bundle/ reads a CSS file at run time.
 */
async function inlineStylesheets(): Promise<void> {
  const srcDir = join(PACKAGE_ROOT, 'src', 'reporters', 'html');
  const compiled = join(DIST, 'reporters', 'html', 'styles.js');
  const exported = Object.keys(await import(pathToFileURL(compiled).href)).join(',');
  if (exported !== 'stylesheet') throw new Error(`${compiled} exports ${exported}; the build replaces it and keeps only 'stylesheet'`);
  const texts: Record<string, string> = {};
  for (const f of readdirSync(srcDir).filter((n) => n.endsWith('.css')).sort()) texts[f.slice(0, -4)] = readFileSync(join(srcDir, f), 'utf8');
  writeFileSync(
    compiled,
    `// Written by \`npm run build\` (build.ts) from src/reporters/html/*.css.\nconst STYLESHEETS = ${JSON.stringify(texts, null, 2)};\n/** The text of one stylesheet. */\nexport function stylesheet(name) {\n  return STYLESHEETS[name];\n}\n`,
  );
}

writeRulesBundle();
await inlineStylesheets();

const { build } = await import('esbuild');
const outdir = join(DIST, 'bundle');
rmSync(outdir, { recursive: true, force: true });
await build({
  absWorkingDir: PACKAGE_ROOT,
  entryPoints: [join(DIST, 'cli.js'), join(DIST, 'load', 'usage', 'worker.js')],
  entryNames: '[name]',
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // Bundled CommonJS packages (commander, cli-table3) call require() for Node's own modules.
  banner: { js: "import { createRequire as __edvetRequire } from 'node:module'; const require = __edvetRequire(import.meta.url);" },
  legalComments: 'linked',
  logLevel: 'warning',
});
