// The parallel read (src/load/usage/parallel.ts) gives exactly what the one-thread read gives:
// the same InputReport (counts, reasons in order, first bad lines) and the same aggregator
// figures, on random files with quoting, quoted line breaks near the cuts, CRLF/LF/CR, bad rows.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { UsageAggregator } from '../../src/engine/aggregate.js';
import type { Roster } from '../../src/load/roster/index.js';
import { readUsageFile } from '../../src/load/usage/read.js';
import type { ParallelOptions, ReadUsageOptions } from '../../src/load/usage/types.js';
import { runs } from '../property.js';

const dir = mkdtempSync(join(tmpdir(), 'edvet-parallel-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const APPS = ['Alpha', 'Beta', 'Gamma', 'alpha ', 'Delta'];
const MATCH = new Map([
  ['alpha', 0],
  ['beta', 1],
  ['gamma', 2],
]);

function fakeRoster(): Roster {
  const ids = ['u1', 'u2', 't1'];
  return {
    size: ids.length,
    lookup: (raw: string) => ids.indexOf(raw.trim().toLowerCase()),
    role: (i: number) => (i === 2 ? 'teacher' : 'student'),
    teachersWithAccess: () => new Int32Array([2]),
    gradeMask: (i: number) => (i === 0 ? 1 << 5 : 0),
    schoolsOf: (i: number) => (i === 1 ? [] : ['s']),
    schoolKeys: () => ['s'],
    schoolLabel: () => 'School S',
  } as unknown as Roster;
}

const userArb = fc.constantFrom('u1', 'U1', 'u2', 'u3', 't1', ' t.x ', 'v"q', 'w,z', 'é', 'line\nbreak', '');
const roleArb = fc.constantFrom('student', 'Teacher', 'staff', 'parent', '', 'x');
const tsArb = fc.constantFrom(
  '2025-09-01T12:00:00Z',
  '2025-10-30T23:59:59Z',
  '2025-11-02T00:00:00Z', // after as-of
  '2025-09-15 08:00',
  '9/3/2025 1:05 PM',
  'yesterday',
  '',
);
const rowArb = fc.record({
  ts: tsArb,
  user: userArb,
  role: roleArb,
  app: fc.constantFrom(...APPS, 'Multi\r\nLine', ''),
  extra: fc.constantFrom('', 'x', 'a"b'),
  quote: fc.array(fc.boolean(), { minLength: 5, maxLength: 5 }),
  ragged: fc.constantFrom(0, 0, 0, 0, 0, 0, 1, -1),
  eol: fc.constantFrom('\n', '\n', '\r\n', '\r'),
  blank: fc.constantFrom(false, false, false, false, true),
});

function field(v: string, quote: boolean): string {
  const must = v.includes(',') || v.includes('"') || v.includes('\n') || v.includes('\r');
  return must || quote ? `"${v.replaceAll('"', '""')}"` : v;
}

function fileOf(rows: fc.Infer<typeof rowArb>[], bom: boolean, crlfHeader: boolean): Buffer {
  let text = `timestamp,user_id,role,app,school_id${crlfHeader ? '\r\n' : '\n'}`;
  for (const r of rows) {
    const cells = [r.ts, r.user, r.role, r.app, r.extra].map((v, i) => field(v, r.quote[i]));
    if (r.ragged === 1) cells.push('more');
    if (r.ragged === -1) cells.pop();
    text += cells.join(',') + r.eol;
    if (r.blank) text += '\n';
  }
  const body = Buffer.from(text, 'utf8');
  return bom ? Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), body]) : body;
}

async function run(path: string, parallel: false | ParallelOptions, roster: Roster | null) {
  const agg = new UsageAggregator({
    roster,
    match: (app) => MATCH.get(app.trim().toLowerCase()) ?? -1,
    productCount: 3,
    teacherPattern: /^t\./i,
    asOfDay: Date.UTC(2025, 9, 31) / 86_400_000, // the monthly trend too must not depend on the split
  });
  const opts: ReadUsageOptions = {
    customFormats: [],
    timezone: 'America/Chicago',
    dateOrder: 'mdy',
    asOfDay: Date.UTC(2025, 9, 31) / 86_400_000,
    sink: agg,
    parallel,
  };
  let report: unknown;
  try {
    report = await readUsageFile(path, opts);
  } catch (e) {
    report = { error: (e as Error).message };
  }
  const q = { activeFrom: Date.UTC(2025, 8, 20) / 86_400_000, semesterFrom: 0, licensedTeachers: 3 };
  const figures = [0, 1, 2].map((p) => agg.figures(p, { ...q, teachersWithAccess: roster ? roster.teachersWithAccess(null, []) : null }));
  return { report, figures, unmatched: agg.unmatchedApps().listed };
}

let n = 0;
describe('parallel read', () => {
  it('equals the one-thread read on random files (in-thread ranges and workers)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(rowArb, { minLength: 1, maxLength: 60 }),
        fc.boolean(),
        fc.boolean(),
        fc.constantFrom(2, 3, 4),
        fc.constantFrom(7, 64, 100, 1 << 20),
        fc.boolean(),
        fc.constantFrom(true, true, true, false),
        async (rows, bom, crlfHeader, threads, chunkSize, withRoster, inThread) => {
          const path = join(dir, `f${n++}.csv`);
          writeFileSync(path, fileOf(rows, bom, crlfHeader));
          const roster = withRoster ? fakeRoster() : null;
          const one = await run(path, { minBytes: Number.MAX_SAFE_INTEGER, chunkSize }, roster);
          const many = await run(path, { minBytes: 0, threads, chunkSize, inThread }, roster);
          expect(many).toEqual(one);
          // Same reason order too (toEqual ignores key order).
          expect(JSON.stringify(many.report)).toBe(JSON.stringify(one.report));
        },
      ),
      { numRuns: runs(25, 300) },
    );
  });

  it('is chosen for a large file and agrees with one thread there', async () => {
    const rows: string[] = ['timestamp,user_id,role,app'];
    for (let i = 0; i < 20000; i++) {
      const q = i % 997 === 0 ? `"App\n${i % 3}"` : `App ${i % 7}`;
      rows.push(`2025-09-${String((i % 28) + 1).padStart(2, '0')}T10:00:00Z,user${i % 1500}@x.org,${i % 11 === 0 ? 'teacher' : 'student'},${q}`);
    }
    const path = join(dir, 'big.csv');
    writeFileSync(path, rows.join('\n') + '\n');
    const one = await run(path, false, null);
    const many = await run(path, { minBytes: 1024, threads: 2, chunkSize: 4096 }, null);
    expect(many).toEqual(one);
    expect((one.report as { used: number }).used).toBe(20000);
  });

  it('agrees with one thread when sign-in days are a century apart (the range summaries give up, one thread reads)', async () => {
    const rows = ['timestamp,user_id,role,app'];
    for (let i = 0; i < 400; i++) rows.push(`${i === 300 ? '1901-02-03' : '2025-09-02'}T10:00:00Z,user${i % 37},student,App ${i % 3}`);
    const path = join(dir, 'century.csv');
    writeFileSync(path, rows.join('\n') + '\n');
    const one = await run(path, false, null);
    for (const inThread of [true, false]) expect(await run(path, { minBytes: 0, threads: 2, chunkSize: 512, inThread }, null)).toEqual(one);
    expect((one.report as { used: number }).used).toBe(400);
  });
});
