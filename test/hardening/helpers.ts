/**
 * Shared helpers of the hardening suite: run the built binary asynchronously
 * (many runs at once, bounded), temp folders, file hashing, and the
 * "does this text leak an identifier" check.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');
/** The binary under test (EDVET_TEST_BIN lets a developer point at a stable copy while others rebuild dist/). */
export const BIN = process.env.EDVET_TEST_BIN ?? join(ROOT, 'bin/edvet.js');
/** A stack trace's frame lines (`    at fn (file:1:2)`). */
export const STACK_FRAME = /^\s+at .+(:\d+:\d+\)?|native\)?)$/m;

export interface Run {
  args: string[];
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  ms: number;
}

export interface RunOpts {
  cwd?: string;
  env?: Record<string, string | undefined>;
  timeoutMs?: number;
}

/** Run `node bin/edvet.js ARGS` (NO_COLOR, no CI, no EDVET_DEBUG unless given). */
export function edvetAsync(args: string[], opts: RunOpts = {}): Promise<Run> {
  const env: Record<string, string | undefined> = { ...process.env, NO_COLOR: '1', EDVET_DEBUG: undefined, ...opts.env };
  for (const [k, v] of Object.entries(env)) if (v === undefined) delete env[k];
  const started = Date.now();
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: opts.cwd ?? ROOT, env: env as NodeJS.ProcessEnv, stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 60_000);
    child.on('error', fail);
    child.on('close', (status, signal) => {
      clearTimeout(timer);
      done({ args, status, signal, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8'), ms: Date.now() - started });
    });
  });
}

/** Map `items` through `fn` with at most `limit` in flight, keeping order. */
export async function pool<T, R>(items: readonly T[], limit: number, fn: (t: T, i: number) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i], i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/** A fresh temp folder. */
export function tempDir(prefix = 'edvet-hardening-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** Every file under `dir`, recursively (dot files included). */
export function allFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...allFiles(p));
    else out.push(p);
  }
  return out.sort();
}

export function sha256(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

/** sha256, size and mtime of every file under the given roots. */
export function snapshot(roots: readonly string[]): Map<string, string> {
  const m = new Map<string, string>();
  for (const r of roots) {
    const abs = resolve(ROOT, r);
    const files = statSync(abs).isDirectory() ? allFiles(abs) : [abs];
    for (const f of files) {
      const st = statSync(f);
      m.set(f, `${sha256(f)} ${st.size} ${st.mtimeMs}`);
    }
  }
  return m;
}

/** The identifiers of `needles` found in `text`, ignoring case. */
export function leaks(text: string, needles: readonly string[]): string[] {
  const t = text.toLowerCase();
  return needles.filter((n) => t.includes(n.toLowerCase()));
}

/** Build dist/ when stale (the shared helper), unless EDVET_TEST_BIN pins another binary. */
export async function ensureBinary(): Promise<void> {
  if (process.env.EDVET_TEST_BIN) return;
  const { ensureBuilt } = await import('../e2e/helpers.js');
  ensureBuilt();
}
