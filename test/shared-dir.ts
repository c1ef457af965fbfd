/**
 * The spec's folder beside the repository (`../shared`: the conformance
 * examples and the public samples). A bare clone has none; the suites that
 * read it then skip, each saying so on one line of its own, and `.ci/run`,
 * which has it, runs them.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root. */
export const ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '..');

/** The absolute path of `../shared` when it is beside the repository with its conformance and samples folders, else null. */
export const SHARED: string | null = (() => {
  const dir = resolve(ROOT, '../shared');
  return existsSync(join(dir, 'conformance')) && existsSync(join(dir, 'samples')) ? dir : null;
})();

/**
 * Whether the calling suite must skip for want of `../shared`: when it must,
 * prints `skipped: <what> (<why>)` on one line. Use as
 * `describe.skipIf(needsShared('test/x.test.ts: the public CSV samples'))(...)`.
 */
export function needsShared(what: string): boolean {
  if (SHARED !== null) return false;
  process.stderr.write(`skipped: ${what}: it reads ../shared (the spec folder), which is not beside this clone; .ci/run runs it\n`);
  return true;
}

/** `../shared/<rel>` as an absolute path, or a path that does not exist when `../shared` is absent (for suites that skip then). */
export function sharedPath(...rel: string[]): string {
  return join(SHARED ?? resolve(ROOT, '../shared'), ...rel);
}
