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
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { writeRulesBundle } from './load/rules-data.js';
import { PACKAGE_ROOT } from './paths.js';

const DIST = join(PACKAGE_ROOT, 'dist');

writeRulesBundle();

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
