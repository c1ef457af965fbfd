#!/usr/bin/env node
// Runs a vitest suite, keeps vitest's own output on the terminal, and ends with the plain
// `N passed, N failed` line CI counts, read from vitest's JSON reporter.
//   node test/run-tests.mjs            the default suite (`npm test`)
//   node test/run-tests.mjs --slow     the slow suite (`npm run test:slow`, EDVET_SLOW=1, see vitest.config.ts)
// Other arguments go to vitest. When EDVET_TEST_COUNTS names a file, the two counts are also
// appended to it as one line `PASSED FAILED` (.ci/run sums the lines of both suites).
import { spawnSync } from 'node:child_process';
import { appendFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const slow = process.argv.includes('--slow');
const rest = process.argv.slice(2).filter((a) => a !== '--slow');
const dir = mkdtempSync(join(tmpdir(), 'edvet-test-'));
const out = join(dir, 'results.json');
const args = ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${out}`, ...rest];
const env = { ...process.env, ...(slow ? { EDVET_SLOW: '1' } : {}) };
const run = spawnSync('npx', args, { stdio: 'inherit', env });
let passed = 0;
let failed = 0;
try {
  const results = JSON.parse(readFileSync(out, 'utf8'));
  passed = results.numPassedTests;
  failed = results.numFailedTests + (results.numRuntimeErrorTestSuites ?? 0);
  for (const suite of results.testResults ?? []) {
    if (suite.status === 'failed' && (suite.assertionResults ?? []).length === 0) failed += 1;
  }
} catch {
  failed = Math.max(failed, 1);
}
rmSync(dir, { recursive: true, force: true });
if (run.status !== 0 && failed === 0) failed = 1; // vitest failed without a failed test (an unhandled error, a crash)
if (process.env.EDVET_TEST_COUNTS) appendFileSync(process.env.EDVET_TEST_COUNTS, `${passed} ${failed}\n`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
