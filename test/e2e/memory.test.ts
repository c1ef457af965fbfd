/**
 * Memory follows users × products, not rows (usage.md "Streaming", quality.md
 * "Speed and memory"): the built binary reads 2 M sign-ins of 20,000 users
 * with a 24 MB V8 heap.
 *
 * Why 24 MB: with this catalog and 20,000 users edvet needs about 16 MB of
 * heap, most of it start-up (it fails at 15 MB within a second, on 1 k rows
 * and on 2 M rows alike, and passes at 16 MB on 2 M rows), so 24 MB is a 1.5×
 * margin; while keeping anything per row on the heap runs out of memory and
 * fails the test: measured, one small integer per row in a JS array (2 M × 8
 * bytes) aborts at 24 MB (and would pass at 32 MB); a string or an object per
 * row is far more. If start-up alone grows past ~20 MB of heap this test
 * fails too: look at what start-up loads before raising the limit.
 * Off-heap memory (typed arrays, buffers) is not limited by the flag, so peak
 * RSS is also compared between 100 k and 2 M rows (measured: ~101 MB and
 * ~120 MB; the bound is +40 MB, which 16 bytes a row would exceed).
 * The figures are checked against a naive reference over the same file.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AS_OF, ACTIVE_WINDOW_DAYS, generateUsage, windowStart, writeCatalog, writePolicy } from '../bench/generate.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const BIN = join(ROOT, 'bin', 'edvet.js');
const PROBE = join(ROOT, 'test', 'bench', 'rss-probe.mjs');
const HEAP_MB = 24;
const USERS = 20_000;
const ROWS = 2_000_000;

let tmp: string;
beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'edvet-memory-'));
  writeCatalog(join(tmp, 'catalog'));
  writePolicy(join(tmp, 'edvet.policy.yaml'));
});
afterAll(() => {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

interface Report {
  products: { id: string; name: string; usage: { activeUsers: number; activeTeachers: number; activeStudents: number; lastSeen: string | null; rows: number } }[];
  inputs: { rows: number; used: number; skipped: Record<string, number>; bad: Record<string, number> }[];
}

/** Runs the built binary with a small heap; returns the report and the peak RSS in MB. */
function runLimited(usage: string): { report: Report; rssMB: number } {
  const rssFile = join(tmp, `rss-${Date.now()}.txt`);
  const r = spawnSync(
    process.execPath,
    [
      `--max-old-space-size=${HEAP_MB}`,
      '--import',
      PROBE,
      BIN,
      'usage',
      '--catalog',
      join(tmp, 'catalog'),
      '--usage',
      usage,
      '--policy',
      join(tmp, 'edvet.policy.yaml'),
      '--as-of',
      AS_OF,
      '--format',
      'json',
      '--quiet',
      '--fail-on',
      'never',
    ],
    { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 28, env: { ...process.env, NO_COLOR: '1', EDVET_BENCH_RSS_FILE: rssFile } },
  );
  if (r.status !== 0) throw new Error(`edvet usage with a ${HEAP_MB} MB heap exited ${r.status} (${r.signal ?? ''}): ${r.stderr.slice(-2000)}`);
  // The probe writes the peak RSS in KB, then the user and system CPU seconds.
  const rssMB = Number(readFileSync(rssFile, 'utf8').trim().split(/\s+/)[0]) / 1024;
  return { report: JSON.parse(r.stdout) as Report, rssMB };
}

/**
 * Naive reference: per app, users whose last sign-in (local day in Chicago, as-of
 * and before) is in the active window. The generator writes times from 12:00Z to
 * 04:00Z the next day, so a time before 12:00Z is the previous local day.
 */
function reference(file: string): Map<string, { active: number; teachers: number; lastSeen: string }> {
  const from = windowStart(AS_OF, ACTIVE_WINDOW_DAYS);
  const last = new Map<string, Map<string, string>>();
  const roles = new Map<string, string>();
  const text = readFileSync(file, 'latin1');
  let i = text.indexOf('\n') + 1;
  while (i < text.length) {
    const nl = text.indexOf('\n', i);
    const line = text.slice(i, nl);
    i = nl + 1;
    const [ts, user, role, app] = line.split(',');
    let date = ts.slice(0, 10);
    if (Number(ts.slice(11, 13)) < 12) date = new Date(Date.parse(`${date}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
    if (date > AS_OF) continue;
    roles.set(user, role);
    let m = last.get(app);
    if (!m) last.set(app, (m = new Map()));
    const prev = m.get(user);
    if (prev === undefined || date > prev) m.set(user, date);
  }
  const out = new Map<string, { active: number; teachers: number; lastSeen: string }>();
  for (const [app, m] of last) {
    let active = 0;
    let teachers = 0;
    let lastSeen = '';
    for (const [user, d] of m) {
      if (d > lastSeen) lastSeen = d;
      if (d >= from) {
        active++;
        if (roles.get(user) === 'teacher') teachers++;
      }
    }
    out.set(app, { active, teachers, lastSeen });
  }
  return out;
}

describe(`edvet usage in a ${HEAP_MB} MB heap`, () => {
  it(`reads ${ROWS / 1e6} M rows of ${USERS.toLocaleString('en-US')} users with the right figures, RSS not growing with rows`, () => {
    const small = join(tmp, 'small.csv');
    generateUsage(small, 100_000, { users: USERS });
    const smallRun = runLimited(small);
    rmSync(small);

    const big = join(tmp, 'big.csv');
    generateUsage(big, ROWS, { users: USERS });
    const { report, rssMB } = runLimited(big);

    const input = report.inputs[0];
    expect(input.rows).toBe(ROWS);
    expect(input.bad).toEqual({});
    expect(input.used + (input.skipped['after as-of'] ?? 0)).toBe(ROWS);
    expect(input.skipped['after as-of']).toBeGreaterThan(0);

    const ref = reference(big);
    rmSync(big);
    expect(report.products).toHaveLength(40);
    for (const p of report.products) {
      const want = ref.get(p.name) ?? { active: 0, teachers: 0, lastSeen: null };
      expect({ id: p.id, activeUsers: p.usage.activeUsers, activeTeachers: p.usage.activeTeachers, lastSeen: p.usage.lastSeen }).toEqual({
        id: p.id,
        activeUsers: want.active,
        activeTeachers: want.teachers,
        lastSeen: want.lastSeen,
      });
      expect(p.usage.activeUsers).toBeLessThanOrEqual(USERS);
      expect(p.usage.activeTeachers + p.usage.activeStudents).toBeLessThanOrEqual(p.usage.activeUsers);
    }
    expect(report.products.find((p) => p.id === 'app-01')!.usage.activeUsers).toBeGreaterThan(1000);

    // 20× the rows, about the same resident memory (young-generation GC makes it a little
    // higher; anything proportional to rows, off-heap included, at 16 bytes a row is +32 MB).
    expect(rssMB).toBeLessThan(smallRun.rssMB + 40);
  });
});
