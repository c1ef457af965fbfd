/**
 * The build's second step, after `tsc` (run by `npm run build` as
 * `node dist/build.js`):
 *
 * 1. rules/*.yaml parsed, validated against their schemas and the rule
 *    registry (load/rules-data.ts, `checkRulesSource`), and written to
 *    dist/rules-data.json, the only copy edvet reads at run time; the build
 *    stops with every problem listed when a text is missing or malformed;
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
import { parse } from 'yaml';
import { checkRulesSource, RULES_BUNDLE } from './load/rules-data.js';
import { PACKAGE_ROOT } from './paths.js';
import { RULES } from './rules/index.js';

const DIST = join(PACKAGE_ROOT, 'dist');
const RULES_DIR = join(PACKAGE_ROOT, 'rules');

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

const files: Record<string, unknown> = {};
const problems: string[] = [];
for (const f of readdirSync(RULES_DIR).filter((n) => n.endsWith('.yaml')).sort()) {
  try {
    files[f] = parse(readFileSync(join(RULES_DIR, f), 'utf8'), { prettyErrors: true });
  } catch (e) {
    problems.push(`rules/${f}: ${(e as Error).message}`);
  }
}
const checked = checkRulesSource(files, RULES);
problems.push(...checked.problems);
if (problems.length || !checked.bundle) {
  rmSync(RULES_BUNDLE, { force: true });
  for (const p of problems) console.error(`build: ${p}`);
  console.error(`build: rules/ is not valid (${problems.length} problem${problems.length === 1 ? '' : 's'}); dist/rules-data.json not written`);
  process.exit(1);
}
writeFileSync(RULES_BUNDLE, JSON.stringify(checked.bundle));
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
  // Bundled CommonJS packages (commander) call require() for Node's own modules.
  banner: { js: "import { createRequire as __edvetRequire } from 'node:module'; const require = __edvetRequire(import.meta.url);" },
  legalComments: 'linked',
  logLevel: 'warning',
});
