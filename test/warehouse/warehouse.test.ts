/**
 * The warehouse path (usage.md "Scale", docs/warehouse.sql): the shipped SQL,
 * run unchanged in DuckDB on raw sign-ins, gives an `edvet-summary` file from
 * which the built `edvet usage` computes exactly the figures it computes from
 * the raw events, with the same catalog, policy, roster and as-of.
 *
 * Data: a deterministic generated district (test/bench/generate.mjs) with
 * hand-written awkward rows appended, and the demo district's `edvet`-format
 * export under fixtures/demo-district/usage/ when there is one.
 */
import { spawnSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { DuckDBInstance } from '@duckdb/node-api';
import { parse as parseYaml } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AS_OF, TIMEZONE, generateUsage, writeCatalog, writePolicy } from '../bench/generate.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const BIN = join(ROOT, 'bin', 'edvet.js');
const SQL = readFileSync(join(ROOT, 'docs', 'warehouse.sql'), 'utf8');
const DEMO = join(ROOT, 'fixtures', 'demo-district');
const DEMO_AS_OF = '2026-11-23';

interface Report {
  products: { id: string; usage: Record<string, unknown> | null; [k: string]: unknown }[];
  inputs: { path: string; format: string; rows: number; used: number; bad: Record<string, number>; skipped: Record<string, number> }[];
  summary: Record<string, unknown>;
}

function edvetUsage(args: { catalog: string; usage: string; policy: string; asOf: string; roster?: string }): Report {
  const argv = [BIN, 'usage', '--catalog', args.catalog, '--usage', args.usage, '--policy', args.policy, '--as-of', args.asOf];
  if (args.roster) argv.push('--roster', args.roster);
  argv.push('--format', 'json', '--quiet', '--fail-on', 'never');
  const r = spawnSync(process.execPath, argv, { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 28, env: { ...process.env, NO_COLOR: '1' } });
  if (r.status !== 0) throw new Error(`edvet usage exited ${r.status}: ${r.stderr}`);
  return JSON.parse(r.stdout) as Report;
}

/** Loads an `edvet`-format CSV as signins(timestamp, user_id, role, app), runs docs/warehouse.sql, writes the summary CSV. */
async function warehouseSummary(rawCsv: string, outCsv: string, asOf: string, tz: string): Promise<number> {
  const instance = await DuckDBInstance.create(':memory:');
  const con = await instance.connect();
  try {
    // Times without an offset are read in the policy's zone, as edvet reads them; a
    // timestamp that is not one ('#VALUE!', '2026-02-30 09:10') becomes NULL and the query
    // drops the row, as edvet counts it a bad row.
    await con.run(`SET TimeZone = '${tz.replace(/'/g, "''")}'`);
    await con.run(
      `CREATE TABLE signins AS
       SELECT TRY_CAST("timestamp" AS TIMESTAMPTZ) AS "timestamp", user_id, role, app
       FROM read_csv($file, header = true, all_varchar = true, delim = ',', quote = '"', escape = '"')`,
      { file: rawCsv },
    );
    const query = SQL.trim().replace(/;\s*$/, '');
    await con.run(`COPY (\n${query}\n) TO '${outCsv.replace(/'/g, "''")}' (HEADER, DELIMITER ',')`, { as_of: asOf, tz });
    const n = await con.runAndReadAll(`SELECT count(*)::INTEGER AS n FROM (\n${query}\n)`, { as_of: asOf, tz });
    return Number(n.getRowObjectsJS()[0].n);
  } finally {
    con.closeSync();
    instance.closeSync();
  }
}

/** The products of a report (inputs legitimately differ; `rows` agrees because summary rows are weighted by `sign_ins`). */
function figures(report: Report) {
  return report.products;
}

/** Usage figures only, keyed by product, for readable failure diffs. */
function usageById(report: Report) {
  return Object.fromEntries(figures(report).map((p) => [p.id, p.usage]));
}

/** An `edvet`-format export in the demo district's usage folder, if one exists. */
function demoEdvetExport(): string | null {
  const dir = join(DEMO, 'usage');
  if (!existsSync(dir)) return null;
  const walk = (d: string): string[] =>
    readdirSync(d).flatMap((n) => {
      const p = join(d, n);
      return statSync(p).isDirectory() ? walk(p) : /\.csv(\.gz)?$/i.test(n) ? [p] : [];
    });
  for (const f of walk(dir).sort()) {
    const bytes = readFileSync(f);
    const text = (f.endsWith('.gz') ? gunzipSync(bytes) : bytes).subarray(0, 400).toString('utf8');
    const head = text.replace(/^\uFEFF/, '').split(/\r?\n/)[0].toLowerCase();
    const cols = head.split(',').map((c) => c.trim());
    if (['timestamp', 'user_id', 'role', 'app'].every((c) => cols.includes(c)) && !cols.includes('month')) return f;
  }
  return null;
}

let tmp: string;
beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'edvet-warehouse-'));
  if (!existsSync(join(ROOT, 'dist', 'cli.js'))) throw new Error('build first: npm run build (npm test does)');
});
afterAll(() => {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

describe('docs/warehouse.sql in DuckDB gives the figures of the raw events', () => {
  it('on a generated district, with awkward rows (zones, midnight, roles, case, none values)', async () => {
    const raw = join(tmp, 'signins.csv');
    const catalog = join(tmp, 'catalog');
    const policy = join(tmp, 'edvet.policy.yaml');
    generateUsage(raw, 120_000, { users: 6_000 });
    writeCatalog(catalog);
    writePolicy(policy);
    // As-of is 2026-06-05 in America/Chicago (UTC-5 in June).
    appendFileSync(
      raw,
      [
        '2026-06-06T04:30:00Z,late01@bench.example,student,App 01,sch-01,3', // 23:30 local on as-of: counts
        '2026-06-06T05:30:00Z,late02@bench.example,student,App 01,sch-01,3', // 00:30 local the day after: dropped
        '2026-06-05T23:59:59-05:00,late03@bench.example,teacher,App 02,sch-01,', // offset given: counts
        '2026-06-05 23:59:59,late04@bench.example,student,App 02,sch-01,4', // no offset: policy zone, counts
        '2026-06-06 00:00:01,late05@bench.example,student,App 02,sch-01,4', // no offset, after as-of: dropped
        '2026-06-01T15:00:00Z,mixed01@bench.example,Teacher,App 03,sch-02,', // one user, two roles: teacher wins
        '2026-06-02T15:00:00Z,mixed01@bench.example,student,App 04,sch-02,5',
        '2026-06-02T15:00:00Z,mixed02@bench.example,student,Unlisted Tool,sch-02,5', // role learned from an unmatched app
        '2026-06-03T15:00:00Z,mixed02@bench.example,Instructor,App 05,sch-02,',
        '2026-06-02T16:00:00Z,U0000001@BENCH.EXAMPLE,student,App 06,sch-02,5', // same user, other case
        '2026-06-02T16:00:00Z, u0000002@bench.example ,student,App 06,sch-02,5', // spaces around the id
        '2026-06-02T16:00:00Z,fam01@bench.example,guardian,App 07,sch-02,', // family: not a seat user
        '2026-06-02T16:00:00Z,lrn01@bench.example,Learner,App 07,sch-02,2',
        '2026-06-02T16:00:00Z,norole01@bench.example,,App 07,sch-02,2', // no role: unknown
        '2026-06-02T16:00:00Z,-,student,App 08,sch-02,2', // none user: bad row
        '2026-06-02T16:00:00Z,bad01@bench.example,student,N/A,sch-02,2', // none app: bad row
        '2026-06-02T16:00:00Z,q01@bench.example,student,"App 09, Beta",sch-02,2', // quoted, unmatched
        '2026-05-04T16:00:00Z,old01@bench.example,teacher,App 39,sch-02,', // a product otherwise dormant
        '2025-09-02T16:00:00Z,old02@bench.example,teacher,App 40,sch-02,', // before the semester window
        '',
      ].join('\n'),
    );
    const summary = join(tmp, 'summary.csv');
    const summaryRows = await warehouseSummary(raw, summary, AS_OF, TIMEZONE);
    expect(summaryRows).toBeGreaterThan(0);
    expect(summaryRows).toBeLessThan(120_000);
    expect(readFileSync(summary, 'utf8').split('\n')[0]).toBe('app,user_id,role,month,sign_ins,last_seen');

    const fromRaw = edvetUsage({ catalog, usage: raw, policy, asOf: AS_OF });
    const fromSummary = edvetUsage({ catalog, usage: summary, policy, asOf: AS_OF });
    expect(fromRaw.inputs[0].format).toBe('edvet');
    expect(fromSummary.inputs[0].format).toBe('edvet-summary');
    expect(fromSummary.inputs[0].rows).toBe(summaryRows);
    expect(fromSummary.inputs[0].bad).toEqual({}); // the SQL drops what edvet would count as bad
    expect(fromRaw.inputs[0].bad).toEqual({ 'empty user': 1, 'empty app': 1 });

    expect(usageById(fromSummary)).toEqual(usageById(fromRaw));
    expect(figures(fromSummary)).toEqual(figures(fromRaw));
    expect(fromSummary.summary).toEqual(fromRaw.summary);

    // Sane, non-trivial figures: the comparison is not of empty reports.
    const u = usageById(fromRaw);
    expect(u['app-01'].activeUsers).toBeGreaterThan(100);
    expect(u['app-01'].activeTeachers).toBeGreaterThan(0);
    expect(u['app-01'].lastSeen).toBe(AS_OF);
    expect(u['app-40'].activeUsers).toBe(0); // apps 39-40 stop after October
    expect(u['app-39'].activeUsers).toBe(1);
  });

  const demoExport = demoEdvetExport();
  it.runIf(demoExport !== null)("on the demo district's edvet-format export, with its roster", async () => {
    const raw = demoExport!;
    const policy = join(DEMO, 'catalog', 'edvet.policy.yaml');
    const tz = (parseYaml(readFileSync(policy, 'utf8')) as { usage?: { timezone?: string } }).usage?.timezone ?? 'UTC';
    const summary = join(tmp, 'demo-summary.csv');
    await warehouseSummary(raw, summary, DEMO_AS_OF, tz);
    const roster = existsSync(join(DEMO, 'roster')) ? join(DEMO, 'roster') : undefined;
    const common = { catalog: join(DEMO, 'catalog'), policy, asOf: DEMO_AS_OF, roster };
    const fromRaw = edvetUsage({ ...common, usage: raw });
    const fromSummary = edvetUsage({ ...common, usage: summary });
    expect(fromSummary.inputs[0].format).toBe('edvet-summary');
    expect(fromSummary.inputs[0].bad).toEqual({});
    expect(usageById(fromSummary)).toEqual(usageById(fromRaw));
    expect(figures(fromSummary)).toEqual(figures(fromRaw));
    expect(fromSummary.summary).toEqual(fromRaw.summary);
    expect(fromRaw.products.some((p) => ((p.usage?.activeUsers as number) ?? 0) > 0)).toBe(true);
  });
});
