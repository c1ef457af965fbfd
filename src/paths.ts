/**
 * Where edvet's own files are. The package folder is found by walking up
 * from this module to the first package.json, so the same code works from
 * the compiled tree (dist/), the start-up bundle (dist/bundle/) and the
 * TypeScript source under a test runner (src/).
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

function packageRoot(): string {
  const start = dirname(fileURLToPath(import.meta.url));
  for (let dir = start; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) throw new Error(`edvet is installed without its package.json (looked above ${start})`);
  }
}

/** The edvet package folder (holding package.json, rules/, fixtures/ and dist/). */
export const PACKAGE_ROOT = packageRoot();

/** edvet's version, from package.json. */
export const VERSION: string = JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')).version;
