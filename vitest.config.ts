/**
 * Two suites from one configuration:
 * - `npm test` (the default): every test file except the slow ones below; the
 *   property tests run their low case counts. Standalone (a bare clone) and
 *   within 120 s on a 2-core machine.
 * - `npm run test:slow` (EDVET_SLOW=1): the slow files below, and again every
 *   file with property tests, now at their high case counts (test/property.ts),
 *   and every file of test/hardening/ (the hostile-input classes of issue 16).
 * To run one slow file by hand: `EDVET_SLOW=1 npx vitest run test/e2e/memory.test.ts`.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const ROOT = dirname(fileURLToPath(import.meta.url));

/** Files that only the slow suite runs, and why. */
const SLOW_FILES = [
  'test/e2e/memory.test.ts', // 2 M sign-ins under a 24 MB heap, and a 100 k run to compare
  'test/browser/html-report.test.ts', // headless Chromium and axe-core
  'test/hardening/atomic-output.test.ts', // SIGKILL and SIGINT trials of --output
  'test/install/install.test.ts', // npm pack, two npm installs into temporary prefixes, the installed binary
];

/** Every test file that uses fast-check: the slow suite runs them again with many more cases. */
function propertyFiles(dir = join(ROOT, 'test')): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...propertyFiles(p));
    else if (e.name.endsWith('.test.ts') && /from 'fast-check'/.test(readFileSync(p, 'utf8'))) out.push(relative(ROOT, p));
  }
  return out.sort();
}

/**
 * The hostile-input suite (issue 16: "each class has tests of its own in test/hardening/, and
 * `npm run test:slow` runs them"): in the slow suite too, beside its own slow trials, so a run of
 * the slow suite alone still covers every class.
 */
function hardeningFiles(dir = join(ROOT, 'test', 'hardening')): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.test.ts'))
    .map((f) => relative(ROOT, join(dir, f)))
    .sort();
}

const slow = process.env.EDVET_SLOW === '1';

export default defineConfig({
  test: {
    include: slow ? [...new Set([...SLOW_FILES, ...propertyFiles(), ...hardeningFiles()])] : ['test/**/*.test.ts'],
    exclude: slow ? [] : SLOW_FILES,
    setupFiles: ['test/setup.ts'],
    // vitest's default is one worker fewer than the cores, i.e. one on a 2-core machine; most files spend
    // their time waiting for the binary they spawn, so one worker per core.
    maxWorkers: Math.max(2, availableParallelism()),
    // Hang guards, not speed checks (generous, for a loaded machine); the slow suite's high case counts get ten minutes.
    testTimeout: slow ? 600_000 : 120_000,
    hookTimeout: slow ? 600_000 : 300_000,
  },
});
