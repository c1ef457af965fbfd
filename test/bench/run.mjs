// `npm run bench` (quality.md, "Speed and memory").
//
// Generates, deterministically from a seed, a district's year of sign-ins in the
// `edvet` format at 1 M and 10 M rows into a temporary folder (deleted at the end),
// with a 40-product catalog and a policy, then measures on the same files, each in
// its own child process:
//   1. the floor: a Node stream that only reads the file and counts newlines;
//   2. csv-parse alone (default options, doing nothing with the records);
//   3. DuckDB (@duckdb/node-api, default threads): read_csv + the aggregation edvet needs;
//   4. edvet: the real binary, `node bin/edvet.js usage ... --format json --quiet`.
// It prints wall seconds, rows/s, MB/s and peak RSS for each (medians of the runs),
// the ratios edvet ÷ each, checks that edvet's per-product figures equal DuckDB's,
// measures start-up (`edvet --version`, `edvet vet` on the demo catalog), writes the
// table to test/bench/last-run.md and exits 1 when a bar is missed (naming it).
//
// Environment:
//   BENCH_SIZES    comma-separated row counts (default "1e6,1e7"; "1e6" for a quick run)
//   BENCH_RUNS     runs per size (default 3 at sizes below 5 M rows, 1 above)
//   BENCH_SEED     generator seed (default test/bench/generate.mjs DEFAULT_SEED)
//   BENCH_PROFILE  when set, also runs edvet once on the smallest file with --cpu-prof
//                  and prints its hottest functions (self time)
//   BENCH_NO_WRITE when set, test/bench/last-run.md is not rewritten
//   BENCH_RSS=probe  measure peak RSS with the --import probe even where GNU time exists
//   BENCH_CASES    comma-separated cases to run (default "signins,roster,catalog"): `signins` the sign-in
//                  sizes above; `roster` a generated OneRoster 1.1 folder of 1,000,000 users and
//                  5,000,000 enrollments (test/bench/roster.mjs) read by `edvet usage --roster` with a
//                  50,000-row export, against quality.md's roster bar (under 10 s and 1 GB); `catalog`
//                  3,000 manifests (3,600 products, test/bench/catalog.mjs) vetted by `edvet vet`
//                  (under 1.5 s and 200 MB), and, with the 10 M-row size, `edvet audit` on them with
//                  that export (under 2.5 × DuckDB's time on the export)
//
// CPU: user + system seconds of the child (GNU time's %U and %S, or the probe's
// process.resourceUsage()), threads included: DuckDB's and edvet's workers count.
//
// Peak RSS: each contender runs under GNU `/usr/bin/time -f %M` when that exists
// (the kernel's ru_maxrss of the process, read by wait4: exact, nothing added to the
// measured process). Without it, the child is started with `node --import
// test/bench/rss-probe.mjs`, which reports process.resourceUsage().maxRSS (the same kernel
// figure) from an exit hook. Polling /proc/<pid>/status is not used: a poll can miss
// the peak of a short process.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  ACTIVE_WINDOW_DAYS,
  AS_OF,
  DEFAULT_SEED,
  SEMESTER_DAYS,
  TIMEZONE,
  generateUsage,
  windowStart,
  writeCatalog,
  writePolicy,
} from './generate.mjs';
import { summariseProfile } from './profile.mjs';
import { generateRoster } from './roster.mjs';
import { generateCatalog } from './catalog.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const BIN = join(ROOT, 'bin', 'edvet.js');
const MEASURE = join(ROOT, 'test', 'bench', 'measure.mjs');
const PROBE = join(ROOT, 'test', 'bench', 'rss-probe.mjs');
const DEMO_CATALOG = join(ROOT, 'fixtures', 'demo-district', 'catalog');

const BARS = {
  duckdbRatio: 2.5, // edvet wall ≤ 2.5 × DuckDB at 10 M rows
  rssMB: 300, // edvet peak RSS at 10 M rows
  rssGrowth: 1.2, // edvet peak RSS at 10 M ≤ 1.2 × at 1 M
  versionMs: 150,
  vetMs: 400,
  rosterS: 10, // 1 M users and 5 M enrollments load in under 10 s
  rosterMB: 1024, // and 1 GB
  catalogS: 1.5, // `edvet vet` on 3,000 manifests
  catalogMB: 200,
  catalogAuditRatio: 2.5, // `edvet audit` on them with the 10 M-row export ≤ 2.5 × DuckDB on the export
};
const cases = new Set((process.env.BENCH_CASES ?? 'signins,roster,catalog').split(',').map((c) => c.trim()));

const sizes = (cases.has('signins') ? (process.env.BENCH_SIZES ?? '1e6,1e7') : '')
  .split(',')
  .map((s) => Math.round(Number(s.trim())))
  .filter((n) => Number.isFinite(n) && n > 0)
  .sort((a, b) => a - b);
if (sizes.length === 0 && cases.has('signins')) {
  console.error('BENCH_SIZES holds no row count (e.g. BENCH_SIZES=1e6,1e7)');
  process.exit(2);
}
const runsFor = (n) => {
  const env = Number(process.env.BENCH_RUNS);
  if (Number.isInteger(env) && env > 0) return env;
  return n < 5_000_000 ? 3 : 1;
};
const seed = process.env.BENCH_SEED ? Number(process.env.BENCH_SEED) : DEFAULT_SEED;

// ---------------------------------------------------------------- measuring

const GNU_TIME = (() => {
  if (process.env.BENCH_RSS === 'probe' || !existsSync('/usr/bin/time')) return null;
  const r = spawnSync('/usr/bin/time', ['-f', '%M', '-o', '/dev/null', 'true'], { encoding: 'utf8' });
  return r.status === 0 ? '/usr/bin/time' : null;
})();
const RSS_METHOD = GNU_TIME ? 'GNU time (ru_maxrss)' : 'node --import rss-probe (process.resourceUsage().maxRSS)';

let tmp = null;
function cleanup() {
  if (tmp !== null) {
    rmSync(tmp, { recursive: true, force: true });
    tmp = null;
  }
}
process.on('exit', cleanup);
for (const sig of ['SIGINT', 'SIGTERM']) {
  process.on(sig, () => {
    cleanup();
    process.exit(130);
  });
}

let measured = 0;
/**
 * Runs `node ...args` as a child, returns { wall (s), cpu (user + system s), rssMB, status, stdout, stderr }.
 * Wall time is taken around the whole child (start-up included).
 */
function measure(args, { cwd = ROOT } = {}) {
  const rssFile = join(tmp, `rss-${++measured}.txt`);
  let cmd;
  let argv;
  const env = { ...process.env, NO_COLOR: '1' };
  if (GNU_TIME) {
    cmd = GNU_TIME;
    argv = ['-f', '%M %U %S', '-o', rssFile, process.execPath, ...args];
  } else {
    cmd = process.execPath;
    argv = ['--import', PROBE, ...args];
    env.EDVET_BENCH_RSS_FILE = rssFile;
  }
  const t0 = process.hrtime.bigint();
  const r = spawnSync(cmd, argv, { cwd, env, encoding: 'utf8', maxBuffer: 1 << 30 });
  const wall = Number(process.hrtime.bigint() - t0) / 1e9;
  let rssKB = NaN;
  let cpu = NaN;
  try {
    const lines = readFileSync(rssFile, 'utf8').trim().split('\n');
    const [kb, user, system] = lines[lines.length - 1].trim().split(/\s+/).map(Number);
    rssKB = kb;
    cpu = user + system;
    rmSync(rssFile, { force: true });
  } catch {
    // no figure: the child died before reporting
  }
  return { wall, cpu, rssMB: rssKB / 1024, status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

function fail(msg, r) {
  console.error(`bench: ${msg}`);
  if (r) console.error(`  exit ${r.status}\n  ${String(r.stderr).trim().split('\n').slice(-8).join('\n  ')}`);
  process.exit(2);
}

// ---------------------------------------------------------------- the run

tmp = mkdtempSync(join(tmpdir(), 'edvet-bench-'));
const catalogDir = join(tmp, 'catalog');
const policyFile = join(tmp, 'edvet.policy.yaml');
writeCatalog(catalogDir);
writePolicy(policyFile);
const activeFrom = windowStart(AS_OF, ACTIVE_WINDOW_DAYS);
const semesterFrom = windowStart(AS_OF, SEMESTER_DAYS);

const contenders = [
  { key: 'floor', label: 'read + count newlines (the floor)', args: (f) => [MEASURE, 'floor', f] },
  { key: 'parser', label: 'csv-parse, default options, rows ignored', args: (f) => [MEASURE, 'csv-parse', f] },
  {
    key: 'duckdb',
    label: 'DuckDB read_csv + aggregation (default threads)',
    args: (f) => [MEASURE, 'duckdb', f, AS_OF, activeFrom, semesterFrom, TIMEZONE],
  },
  {
    key: 'edvet',
    label: '`edvet usage --format json` (the binary)',
    args: (f) => [BIN, 'usage', '--catalog', catalogDir, '--usage', f, '--policy', policyFile, '--as-of', AS_OF, '--format', 'json', '--quiet', '--fail-on', 'never'],
  },
];

/** Compares edvet's per-product figures with DuckDB's; returns a list of differences. */
function disagreements(edvetJson, duck, rows) {
  const out = [];
  let report;
  try {
    report = JSON.parse(edvetJson);
  } catch {
    return ['edvet did not print a JSON report'];
  }
  const used = (report.inputs ?? []).reduce((a, i) => a + i.used, 0);
  if (used !== duck.rows) out.push(`used rows: edvet ${used}, DuckDB ${duck.rows}`);
  const read = (report.inputs ?? []).reduce((a, i) => a + i.rows, 0);
  if (read !== rows) out.push(`rows read: edvet ${read}, generated ${rows}`);
  for (const p of report.products) {
    const d = duck.apps[p.name] ?? { activeUsers: 0, activeTeachers: 0, activeStudents: 0, semesterActiveUsers: 0, lastSeen: null };
    for (const k of ['activeUsers', 'activeTeachers', 'activeStudents', 'semesterActiveUsers', 'lastSeen']) {
      const e = p.usage?.[k];
      if (e !== d[k]) out.push(`${p.id} ${k}: edvet ${e}, DuckDB ${d[k]}`);
    }
  }
  return out;
}

console.log(`edvet bench: ${sizes.map(fmtRows).join(' and ')} rows, seed ${seed}, peak RSS by ${RSS_METHOD}`);
console.log(`machine: ${cpus().length} × ${cpus()[0]?.model ?? '?'}, Node ${process.version}; temp folder ${tmp}\n`);

// The catalog case: 3,000 manifests, vetted alone, and audited with the largest export below.
let catalog = null;
const bigCatalogDir = join(tmp, 'catalog-3000');
const bigPolicy = join(tmp, 'catalog-3000.policy.yaml');
if (cases.has('catalog')) {
  const gen = generateCatalog(bigCatalogDir, 3000);
  writeFileSync(bigPolicy, readFileSync(join(DEMO_CATALOG, 'edvet.policy.yaml')));
  const runs = [];
  for (let i = 0; i < 3; i++) {
    const r = measure([BIN, 'vet', bigCatalogDir, '--policy', bigPolicy, '--as-of', AS_OF, '--format', 'json', '--quiet', '--fail-on', 'never']);
    if (r.status !== 0) fail('edvet vet failed on the generated catalog', r);
    runs.push(r);
  }
  catalog = { ...gen, wall: median(runs.map((r) => r.wall)), cpu: median(runs.map((r) => r.cpu)), rssMB: median(runs.map((r) => r.rssMB)), audit: null };
  console.log(`generated ${gen.files.toLocaleString('en-US')} manifests (${gen.products.toLocaleString('en-US')} products); edvet vet: ${catalog.wall.toFixed(2)} s (CPU ${catalog.cpu.toFixed(2)} s) ${catalog.rssMB.toFixed(0)} MB (median of 3)\n`);
}

const loadBefore = loadavg()[0];
const results = []; // { rows, bytes, runs, stats: { key: { wall, rssMB } } }
const problems = [];
for (const n of sizes) {
  const file = join(tmp, `signins-${n}.csv`);
  const t0 = Date.now();
  const gen = generateUsage(file, n, { seed });
  const bytes = statSync(file).size;
  console.log(`generated ${fmtRows(n)} rows (${(bytes / 1e6).toFixed(0)} MB) in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  const runs = runsFor(n);
  const samples = Object.fromEntries(contenders.map((c) => [c.key, []]));
  let duck = null;
  for (let run = 0; run < runs; run++) {
    for (const c of contenders) {
      const r = measure(c.args(file));
      if (r.status !== 0) fail(`${c.key} failed at ${fmtRows(n)} rows`, r);
      samples[c.key].push(r);
      if (c.key === 'floor' || c.key === 'parser') {
        const got = JSON.parse(r.stdout).rows;
        if (got !== gen.rows) fail(`${c.key} counted ${got} rows, the file has ${gen.rows}`);
      }
      if (c.key === 'duckdb') duck = JSON.parse(r.stdout);
      if (c.key === 'edvet' && run === 0) {
        const diff = disagreements(r.stdout, duck, gen.rows);
        if (diff.length > 0) {
          problems.push(`edvet's figures differ from DuckDB's at ${fmtRows(n)} rows: ${diff.slice(0, 5).join('; ')}${diff.length > 5 ? ` (+${diff.length - 5} more)` : ''}`);
        }
      }
      process.stdout.write(`  run ${run + 1}/${runs} ${c.key.padEnd(6)} ${r.wall.toFixed(2)} s (CPU ${r.cpu.toFixed(2)} s) ${r.rssMB.toFixed(0)} MB\n`);
    }
  }
  if (catalog && n === sizes[sizes.length - 1]) {
    const r = measure([BIN, 'audit', '--catalog', bigCatalogDir, '--usage', file, '--policy', bigPolicy, '--as-of', AS_OF, '--format', 'json', '--quiet', '--fail-on', 'never']);
    if (r.status !== 0) fail(`edvet audit on the generated catalog failed at ${fmtRows(n)} rows`, r);
    catalog.audit = { rows: n, wall: r.wall, cpu: r.cpu, rssMB: r.rssMB };
    process.stdout.write(`  audit of ${catalog.files} manifests ${r.wall.toFixed(2)} s ${r.rssMB.toFixed(0)} MB\n`);
  }
  const stats = {};
  for (const c of contenders) {
    stats[c.key] = { wall: median(samples[c.key].map((s) => s.wall)), cpu: median(samples[c.key].map((s) => s.cpu)), rssMB: median(samples[c.key].map((s) => s.rssMB)) };
  }
  results.push({ rows: n, bytes, runs, stats });
  rmSync(file, { force: true });
  console.log('');
}

// The roster case: a very large district's OneRoster folder, read by `edvet usage --roster`.
let roster = null;
if (cases.has('roster')) {
  const dir = join(tmp, 'roster');
  const t0 = Date.now();
  const gen = generateRoster(dir, { seed });
  console.log(
    `generated a OneRoster folder of ${gen.users.toLocaleString('en-US')} users, ${gen.enrollments.toLocaleString('en-US')} enrollments, ` +
      `${gen.classes.toLocaleString('en-US')} classes, ${gen.schools} schools (${(gen.bytes / 1e6).toFixed(0)} MB) in ${((Date.now() - t0) / 1000).toFixed(1)} s`,
  );
  const exportFile = join(tmp, 'roster-signins.csv');
  generateUsage(exportFile, 50_000, { seed });
  const r = measure([...contenders[3].args(exportFile), '--roster', dir]);
  if (r.status !== 0) fail('edvet usage --roster failed on the generated roster', r);
  const report = JSON.parse(r.stdout);
  const withAccess = Math.max(...report.products.map((p) => p.usage?.teachersWithAccess ?? 0));
  roster = { ...gen, wall: r.wall, cpu: r.cpu, rssMB: r.rssMB, withAccess };
  console.log(`  edvet usage --roster: ${r.wall.toFixed(2)} s ${r.rssMB.toFixed(0)} MB (teachers with access per product: ${withAccess.toLocaleString('en-US')})\n`);
  rmSync(dir, { recursive: true, force: true });
  rmSync(exportFile, { force: true });
}

// Start-up.
const versionRuns = [];
for (let i = 0; i < 10; i++) {
  const r = measure([BIN, '--version']);
  if (r.status !== 0) fail('`edvet --version` failed', r);
  versionRuns.push(r.wall);
}
const versionMs = median(versionRuns) * 1000;
let vetMs = null;
let vetNote = '';
if (existsSync(DEMO_CATALOG) && readdirSync(DEMO_CATALOG).length > 0) {
  const vetRuns = [];
  for (let i = 0; i < 5; i++) {
    const r = measure([BIN, 'vet', 'fixtures/demo-district/catalog', '--quiet']);
    if (r.status !== 0 && r.status !== 1) fail('`edvet vet fixtures/demo-district/catalog` failed', r);
    vetRuns.push(r.wall);
  }
  vetMs = median(vetRuns) * 1000;
} else {
  vetNote = 'skipped: fixtures/demo-district/catalog does not exist yet';
}

// Optional CPU profile of edvet on the smallest file.
let profileText = '';
if (process.env.BENCH_PROFILE && sizes.length > 0) {
  const n = sizes[0];
  const file = join(tmp, `signins-${n}.csv`);
  generateUsage(file, n, { seed });
  const profDir = join(tmp, 'prof');
  const r = measure(['--cpu-prof', '--cpu-prof-dir', profDir, ...contenders[3].args(file)]);
  if (r.status !== 0) fail('profiled edvet run failed', r);
  const prof = readdirSync(profDir).find((f) => f.endsWith('.cpuprofile'));
  profileText = summariseProfile(JSON.parse(readFileSync(join(profDir, prof), 'utf8')), { top: 25, root: ROOT });
  rmSync(file, { force: true });
}

// ---------------------------------------------------------------- the bars

const bars = [];
const big = results.find((r) => r.rows >= 10_000_000);
const small = results.find((r) => r.rows <= 1_000_000) ?? results[0];
if (big) {
  const ratio = big.stats.edvet.wall / big.stats.duckdb.wall;
  bars.push({ bar: `edvet wall ≤ ${BARS.duckdbRatio} × DuckDB at ${fmtRows(big.rows)} rows`, value: `${ratio.toFixed(2)} ×`, ok: ratio <= BARS.duckdbRatio });
  const rss = big.stats.edvet.rssMB;
  bars.push({ bar: `edvet peak RSS ≤ ${BARS.rssMB} MB at ${fmtRows(big.rows)} rows`, value: `${rss.toFixed(0)} MB`, ok: rss <= BARS.rssMB });
  if (small && small !== big) {
    const growth = rss / small.stats.edvet.rssMB;
    bars.push({
      bar: `edvet peak RSS at ${fmtRows(big.rows)} ≤ ${BARS.rssGrowth} × at ${fmtRows(small.rows)} rows`,
      value: `${growth.toFixed(2)} × (${rss.toFixed(0)} / ${small.stats.edvet.rssMB.toFixed(0)} MB)`,
      ok: growth <= BARS.rssGrowth,
    });
  }
} else {
  bars.push({ bar: 'the 10 M-row bars (wall vs DuckDB, peak RSS)', value: 'not run (BENCH_SIZES has no 10 M)', ok: null });
}
if (catalog) {
  bars.push({ bar: `catalog: \`edvet vet\` on ${catalog.files.toLocaleString('en-US')} manifests < ${BARS.catalogS} s (median of 3)`, value: `${catalog.wall.toFixed(2)} s`, ok: catalog.wall < BARS.catalogS });
  bars.push({ bar: `catalog: \`edvet vet\` on ${catalog.files.toLocaleString('en-US')} manifests < ${BARS.catalogMB} MB peak RSS`, value: `${catalog.rssMB.toFixed(0)} MB`, ok: catalog.rssMB < BARS.catalogMB });
  const duckAt = results.find((r) => r.rows === catalog.audit?.rows);
  if (catalog.audit && duckAt && catalog.audit.rows >= 10_000_000) {
    const ratio = catalog.audit.wall / duckAt.stats.duckdb.wall;
    bars.push({ bar: `catalog: \`edvet audit\` on them with the ${fmtRows(catalog.audit.rows)}-row export ≤ ${BARS.catalogAuditRatio} × DuckDB on the export`, value: `${ratio.toFixed(2)} × (${catalog.audit.wall.toFixed(2)} s)`, ok: ratio <= BARS.catalogAuditRatio });
  } else {
    bars.push({ bar: 'catalog: `edvet audit` with the 10 M-row export', value: 'not run (needs the 10 M sign-in size)', ok: null });
  }
} else {
  bars.push({ bar: 'the catalog bars (3,000 manifests)', value: 'not run (BENCH_CASES has no catalog)', ok: null });
}
if (roster) {
  const what = `${fmtRows(roster.users)} users and ${fmtRows(roster.enrollments)} enrollments`;
  bars.push({ bar: `roster: ${what} load in < ${BARS.rosterS} s (\`edvet usage --roster\`, everything included)`, value: `${roster.wall.toFixed(2)} s`, ok: roster.wall < BARS.rosterS });
  bars.push({ bar: `roster: ${what} load in < ${BARS.rosterMB / 1024} GB peak RSS`, value: `${roster.rssMB.toFixed(0)} MB`, ok: roster.rssMB < BARS.rosterMB });
} else {
  bars.push({ bar: 'the roster bars (1 M users, 5 M enrollments)', value: 'not run (BENCH_CASES has no roster)', ok: null });
}
bars.push({ bar: `\`edvet --version\` < ${BARS.versionMs} ms (median of 10)`, value: `${versionMs.toFixed(0)} ms`, ok: versionMs < BARS.versionMs });
bars.push(
  vetMs === null
    ? { bar: `\`edvet vet\` demo catalog < ${BARS.vetMs} ms`, value: vetNote, ok: null }
    : { bar: `\`edvet vet fixtures/demo-district/catalog\` < ${BARS.vetMs} ms (median of 5)`, value: `${vetMs.toFixed(0)} ms`, ok: vetMs < BARS.vetMs },
);
for (const p of problems) bars.push({ bar: 'edvet agrees with DuckDB (active users per app)', value: p, ok: false });
if (problems.length === 0 && results.length > 0) bars.push({ bar: 'edvet agrees with DuckDB (used rows, active/teacher/student/semester users, last seen per app)', value: 'identical', ok: true });

// ---------------------------------------------------------------- the report

function fmtRows(n) {
  return n >= 1e6 && n % 1e5 === 0 ? `${n / 1e6} M` : n.toLocaleString('en-US');
}
function fmtRate(x) {
  return x >= 1e6 ? `${(x / 1e6).toFixed(2)} M` : x >= 1e3 ? `${(x / 1e3).toFixed(0)} k` : x.toFixed(0);
}

const lines = [];
const head = execGit(['rev-parse', '--short', 'HEAD']);
lines.push('# Benchmark: last run');
lines.push('');
lines.push(
  `\`npm run bench\` on ${new Date().toISOString().slice(0, 10)}, commit ${head}${execGit(['status', '--porcelain', '--', 'src']) ? ' (with uncommitted changes in src/)' : ''}; ` +
    `${cpus().length} × ${cpus()[0]?.model ?? '?'}, Node ${process.version}, load average ${loadBefore.toFixed(1)} before and ${loadavg()[0].toFixed(1)} after (other work on the machine makes the figures noisy). ` +
    `Medians of the runs shown; peak RSS by ${RSS_METHOD}; every contender is its own process, start-up included. ` +
    `Data: the seeded generator in test/bench/generate.mjs (100,000 users, 40 apps, ${seed === DEFAULT_SEED ? 'default seed' : `seed ${seed}`}), UTC timestamps counted in ${TIMEZONE}, as-of ${AS_OF}.`,
);
if (catalog) {
  lines.push('');
  lines.push(`## Catalog: ${catalog.files.toLocaleString('en-US')} manifests (${catalog.products.toLocaleString('en-US')} products), 3 runs`);
  lines.push('');
  lines.push(
    `\`edvet vet --format json\`: ${catalog.wall.toFixed(2)} s wall, ${catalog.cpu.toFixed(2)} s CPU, ${catalog.rssMB.toFixed(0)} MB peak RSS (medians). ` +
      (catalog.audit ? `\`edvet audit\` with the ${fmtRows(catalog.audit.rows)}-row export: ${catalog.audit.wall.toFixed(2)} s wall, ${catalog.audit.cpu.toFixed(2)} s CPU, ${catalog.audit.rssMB.toFixed(0)} MB (1 run). ` : '') +
      'Data: test/bench/catalog.mjs (the demo district\'s manifests and OpenACR reports, copied with unique ids, names and aliases).',
  );
}
if (roster) {
  lines.push('');
  lines.push(`## Roster: ${roster.users.toLocaleString('en-US')} users, ${roster.enrollments.toLocaleString('en-US')} enrollments (OneRoster 1.1, ${(roster.bytes / 1e6).toFixed(0)} MB), 1 run`);
  lines.push('');
  lines.push(`\`edvet usage --roster\` with a 50,000-row export and the 40-product catalog: ${roster.wall.toFixed(2)} s wall, ${roster.cpu.toFixed(2)} s CPU, ${roster.rssMB.toFixed(0)} MB peak RSS; ${roster.withAccess.toLocaleString('en-US')} teachers with access to each product. Data: test/bench/roster.mjs (${roster.schools} schools, ${roster.classes.toLocaleString('en-US')} classes, every OneRoster 1.1 users.csv column).`);
}
for (const r of results) {
  const mb = r.bytes / 1e6;
  lines.push('');
  lines.push(`## ${fmtRows(r.rows)} rows (${mb.toFixed(0)} MB), ${r.runs} run${r.runs === 1 ? '' : 's'}`);
  lines.push('');
  lines.push('| contender | wall s | CPU s | rows/s | MB/s | peak RSS MB | edvet ÷ this (wall) | edvet ÷ this (CPU) |');
  lines.push('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const c of contenders) {
    const s = r.stats[c.key];
    const ratio = c.key === 'edvet' ? '1.00' : (r.stats.edvet.wall / s.wall).toFixed(2);
    const cpuRatio = c.key === 'edvet' ? '1.00' : (r.stats.edvet.cpu / s.cpu).toFixed(2);
    lines.push(`| ${c.label} | ${s.wall.toFixed(2)} | ${s.cpu.toFixed(2)} | ${fmtRate(r.rows / s.wall)} | ${(mb / s.wall).toFixed(0)} | ${s.rssMB.toFixed(0)} | ${ratio} | ${cpuRatio} |`);
  }
}
lines.push('');
lines.push('## Bars (quality.md)');
lines.push('');
lines.push('| bar | measured | |');
lines.push('| --- | --- | --- |');
for (const b of bars) lines.push(`| ${b.bar} | ${b.value} | ${b.ok === null ? 'skipped' : b.ok ? 'ok' : '**MISSED**'} |`);
if (profileText) {
  lines.push('');
  lines.push(`## edvet CPU profile at ${fmtRows(sizes[0])} rows (self time)`);
  lines.push('');
  lines.push('```');
  lines.push(profileText);
  lines.push('```');
}
const md = `${lines.join('\n')}\n`;
console.log(md);
if (!process.env.BENCH_NO_WRITE) writeFileSync(join(ROOT, 'test', 'bench', 'last-run.md'), md);

function execGit(args) {
  const r = spawnSync('git', args, { cwd: ROOT, encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : '?';
}

cleanup();
const missed = bars.filter((b) => b.ok === false);
if (missed.length > 0) {
  for (const b of missed) console.error(`bench: bar missed: ${b.bar} (${b.value})`);
  process.exit(1);
}
