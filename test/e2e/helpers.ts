/**
 * Helpers of the end-to-end tests: the built binary run as a user runs it
 * (synchronously), built first when dist/ is older than src/.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { ROOT } from '../shared-dir.js';

export { ROOT };

/** The spec's worked examples (../shared/conformance) without their expected.json: inputs of end-to-end tests. */
export const WORKED = 'test/fixtures/worked-example';

/**
 * `audit` arguments for the demo district as of an earlier day (last budget season, for `--compare`):
 * its catalog, roster and every export but the GAM token audit, whose 180 days start on 2026-05-25:
 * a file with no row up to as-of is an error (usage.md), so an earlier run leaves it out.
 */
export function demoEarlierArgs(asOf: string): string[] {
  const demo = 'fixtures/demo-district';
  const usage = ['canvas', 'classlink', 'clever-dashboard', 'clever-warehouse', 'entra'].flatMap((f) => ['--usage', `${demo}/usage/${f}`]);
  return ['audit', '--catalog', `${demo}/catalog`, ...usage, '--roster', `${demo}/roster`, '--as-of', asOf];
}

/** A stack trace's frame lines (`    at fn (file:1:2)`). */
export const STACK_FRAME = /^\s+at .+(:\d+:\d+\)?|native\)?)$/m;

/** Build once when the binary's bundle (dist/bundle/cli.js) is missing or older than a source file (`npm test` builds first anyway). */
export function ensureBuilt(): void {
  const cli = join(ROOT, 'dist/bundle/cli.js');
  const newest = (dir: string): number => {
    let m = 0;
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      m = Math.max(m, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
    }
    return m;
  };
  if (existsSync(cli) && statSync(cli).mtimeMs >= newest(join(ROOT, 'src'))) return;
  // One build at a time across parallel test files: the first to take the lock builds, the others wait for it.
  const lock = join(tmpdir(), 'edvet-e2e-build.lock');
  const sleep = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
  for (let i = 0; i < 1200; i++) {
    try {
      mkdirSync(lock);
    } catch {
      sleep(100);
      continue;
    }
    try {
      if (!existsSync(cli) || statSync(cli).mtimeMs < newest(join(ROOT, 'src'))) {
        const r = spawnSync('npm', ['run', 'build'], { cwd: ROOT, encoding: 'utf8' });
        if (r.status !== 0) throw new Error(`npm run build failed:\n${r.stdout}\n${r.stderr}`);
      }
    } finally {
      rmSync(lock, { recursive: true, force: true });
    }
    return;
  }
  throw new Error('timed out waiting for another test file to build');
}

/** What one run of the binary gave. */
export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Run `node bin/edvet.js ARGS` in the repository root (or `cwd`), without colour or CI progress. */
export function edvet(args: string[], opts: { cwd?: string; env?: Record<string, string | undefined> } = {}): CliResult {
  const env: Record<string, string | undefined> = { ...process.env, NO_COLOR: '1', ...opts.env };
  for (const [k, v] of Object.entries(env)) if (v === undefined) delete env[k];
  const r = spawnSync(process.execPath, [join(ROOT, 'bin/edvet.js'), ...args], { cwd: opts.cwd ?? ROOT, encoding: 'utf8', env: env as NodeJS.ProcessEnv, maxBuffer: 256 * 1024 * 1024 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Run edvet and parse its JSON output. */
export function edvetJson<T = Record<string, unknown>>(args: string[], opts: { cwd?: string; env?: Record<string, string | undefined> } = {}): CliResult & { json: T } {
  const r = edvet(args, opts);
  let json: T;
  try {
    json = JSON.parse(r.stdout) as T;
  } catch {
    throw new Error(`not JSON (exit ${r.status}):\n${r.stdout.slice(0, 500)}\n${r.stderr.slice(0, 500)}`);
  }
  return { ...r, json };
}

/** Assert an exit-2 run: an error on stderr (mentioning `mentions`), no stack trace, no internal error. */
export function expectUsageOrInputError(r: CliResult, mentions?: string | RegExp): void {
  expect(r.status, r.stderr).toBe(2);
  expect(r.stderr).not.toMatch(STACK_FRAME);
  expect(r.stderr).not.toMatch(/internal error/);
  expect(r.stderr.trim().length).toBeGreaterThan(0);
  if (mentions !== undefined) expect(r.stderr).toMatch(mentions);
}
