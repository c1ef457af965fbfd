/**
 * Student privacy end to end (quality.md "Hostile input", usage.md "Privacy"):
 * the fixture district in fixtures/privacy/ uses distinctive user ids, emails,
 * usernames and display names in its roster and usage exports (including bad
 * rows and Moodle `User: <name>` profile contexts). Every command in every
 * format, and the error paths, with EDVET_DEBUG unset and set, must keep all
 * of them out of stdout, stderr and every file written.
 */
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allFiles, edvetAsync, ensureBinary, leaks, pool, tempDir, type Run } from './helpers.js';

/** Every identifier of a person in fixtures/privacy (ids, emails, usernames, names, SIS ids, Entra object ids, Canvas ids). */
export const IDENTIFIERS = [
  'zq-student-7731',
  'zq-student-7732',
  'zq-student-7733',
  'zq-student-7734',
  'zq-teacher-4410',
  'zq-teacher-4411',
  'marisol.quintanilla-v@privacy.example',
  'xanthippe.oduya@privacy.example',
  'ptolemy.arkwright-s@privacy.example',
  'ignatius.fairweather-k@privacy.example',
  'philippa.zorzetto@privacy.example',
  'leocadia.vt@privacy.example',
  '@privacy.example',
  'mquintv',
  'xoduyal',
  'parkwsz',
  'ifairwk',
  'pzorzet',
  'lvasquez',
  'Marisol',
  'Quintanilla-Vex',
  'Xanthippe',
  'Oduya-Lindqvist',
  'Ptolemy',
  'Arkwright-Szabo',
  'Ignatius',
  'Fairweather-Kowalczyk',
  'Philippa',
  'Zorzetto-Abernathy',
  'Leocadia',
  'Vasquez-Thornbury',
  'ZQSIS-',
  '7e1c9a55-3f0b-4d2e-9a61',
  '88410277',
  '88410278',
  '88410279',
  '88410280',
  '88410281',
  '88410282',
  // The Clever roster's passwords, birth dates, names, contacts and staff (fixtures/privacy/roster/clever).
  'zqPassw0rd',
  '05/17/2014',
  '11/02/2013',
  '03/29/2016',
  'ZQST-',
  'Ottoline',
  'Brackenridge-Ojukwu',
  'Cassius',
  'Wetherell-Amundsen',
  'cwetham',
  'zq-staff-5520',
  '9 Birch Ln',
  '555-0199',
];

const FX = 'fixtures/privacy';
const BASE = ['--policy', `${FX}/edvet.policy.yaml`, '--as-of', '2026-11-23'];
const CAT = ['--catalog', `${FX}/catalog`];
const ALL_USAGE = ['--usage', `${FX}/usage`];
const ONEROSTER = ['--roster', `${FX}/roster/oneroster`];
const SIMPLE = ['--roster', `${FX}/roster/simple.csv`];
const CLEVER = ['--roster', `${FX}/roster/clever`];
const U = (f: string) => `${FX}/usage/${f}`;
const USAGE_FILES = ['edvet-signins.csv', 'entra-signins.csv', 'moodle-log.csv', 'canvas-last-access.csv', 'canvas-access-tokens.csv', 'edvet-summary.csv'];
const FORMAT_NAMES = ['edvet', 'edvet-summary', 'entra-signins', 'canvas-last-access', 'canvas-access-tokens', 'moodle-log'];

interface Case {
  name: string;
  args: string[];
  /** Expected exit status (any of). */
  exit: number[];
  /** `--output` file name, when the case writes one (put in the temp dir). */
  output?: string;
  /** `--out-dir`, for letters. */
  outDir?: boolean;
  /** Run once (EDVET_DEBUG unset) only: cases that read no usage export or roster. */
  once?: boolean;
  /** A known leak: the case is reported (it.skip) rather than failing the suite. */
  bug?: string;
}

const cases: Case[] = [];
const FULL: Record<string, string[]> = {
  vet: ['table', 'json', 'markdown', 'csv', 'junit', 'sarif', 'github', 'html'],
  audit: ['table', 'json', 'markdown', 'csv', 'junit', 'sarif', 'github', 'html'],
  usage: ['table', 'json', 'markdown', 'csv', 'html'],
  sunset: ['table', 'json', 'markdown', 'csv', 'html'],
};
for (const f of FULL.vet) cases.push({ name: `vet --format ${f}`, args: ['vet', `${FX}/catalog`, ...BASE, '--format', f], exit: [0, 1], output: `vet.${f}`, once: true });
for (const f of ['table', 'json']) cases.push({ name: `validate --format ${f}`, args: ['validate', `${FX}/catalog`, ...BASE.slice(0, 2), '--format', f], exit: [0], output: `validate.${f}`, once: true });
for (const cmd of ['usage', 'sunset', 'audit'] as const) {
  for (const f of FULL[cmd]) {
    // audit (a superset of usage and sunset) runs twice, EDVET_DEBUG unset (stdout) and set (--output); usage and sunset once, with --output.
    cases.push({ name: `${cmd} --format ${f}, OneRoster`, args: [cmd, ...CAT, ...BASE, ...ALL_USAGE, ...ONEROSTER, '--format', f], exit: [0, 1], output: `${cmd}-or.${f}`, once: cmd !== 'audit' });
    if (f === 'json' || f === 'table' || (cmd === 'audit' && (f === 'csv' || f === 'html'))) {
      cases.push({ name: `${cmd} --format ${f}, simple roster`, args: [cmd, ...CAT, ...BASE, ...ALL_USAGE, ...SIMPLE, '--format', f], exit: [0, 1], output: `${cmd}-simple.${f}`, once: true });
    }
    if (cmd === 'audit') {
      cases.push({ name: `${cmd} --format ${f}, Clever roster`, args: [cmd, ...CAT, ...BASE, ...ALL_USAGE, ...CLEVER, '--format', f], exit: [0, 1], output: `${cmd}-clever.${f}`, once: f !== 'json' });
    }
  }
}
cases.push({ name: 'audit without a roster', args: ['audit', ...CAT, ...BASE, ...ALL_USAGE, '--format', 'json'], exit: [0, 1], output: 'audit-noroster.json' });
for (const file of USAGE_FILES) {
  cases.push({ name: `usage of ${file} alone (json)`, args: ['usage', ...CAT, ...BASE, '--usage', U(file), ...ONEROSTER, '--format', 'json'], exit: [0, 1], output: `one-${file}.json`, once: true });
}
for (const f of ['markdown', 'html']) {
  cases.push({ name: `letters --format ${f}`, args: ['letters', ...CAT, ...BASE, '--format', f], exit: [0], outDir: true });
}
// Error paths.
const err = (name: string, args: string[], bug?: string): Case => ({ name, args, exit: [2], bug });
for (const fmt of FORMAT_NAMES) {
  cases.push(err(`--usage-format ${fmt} forced on the whole usage folder`, ['usage', ...CAT, ...BASE, ...ALL_USAGE, '--usage-format', fmt]));
}
cases.push(err('--usage-format forced wrong on a Moodle log', ['usage', ...CAT, ...BASE, '--usage', U('moodle-log.csv'), '--usage-format', 'entra-signins']));
cases.push(err('--usage-format unknown', ['usage', ...CAT, ...BASE, ...ALL_USAGE, '--usage-format', 'classlink']));
cases.push(err('a roster with an unknown grade on a row', ['usage', ...CAT, ...BASE, ...ALL_USAGE, '--roster', `${FX}/bad/roster-bad-grade.csv`]));
cases.push(err('a roster with an empty user_id', ['usage', ...CAT, ...BASE, ...ALL_USAGE, '--roster', `${FX}/bad/roster-empty-id.csv`]));
cases.push(err('a roster with an unclosed quote', ['usage', ...CAT, ...BASE, ...ALL_USAGE, '--roster', `${FX}/bad/roster-unclosed-quote.csv`]));
cases.push(
  err(
    'a roster without a header row',
    ['usage', ...CAT, ...BASE, ...ALL_USAGE, '--roster', `${FX}/bad/roster-no-header.csv`],
  ),
);
cases.push({ name: 'a OneRoster users.csv with a bad grade cell', args: ['usage', ...CAT, ...BASE, ...ALL_USAGE, '--roster', `${FX}/bad/oneroster-bad`], exit: [0, 1, 2] });
cases.push(err('a OneRoster users.csv given as a simple roster', ['usage', ...CAT, ...BASE, ...ALL_USAGE, '--roster', `${FX}/roster/oneroster/users.csv`]));
cases.push(err('a usage export given as the roster', ['usage', ...CAT, ...BASE, ...ALL_USAGE, '--roster', U('entra-signins.csv')]));
cases.push(err('a roster given as a usage export', ['usage', ...CAT, ...BASE, '--usage', `${FX}/roster/simple.csv`]));
cases.push(err('a usage export without a header (ISO timestamps)', ['usage', ...CAT, ...BASE, '--usage', `${FX}/bad/usage-no-header.csv`]));
cases.push(
  err(
    'a usage export without a header (epoch timestamps)',
    ['usage', ...CAT, ...BASE, '--usage', `${FX}/bad/usage-no-header-epoch.csv`],
  ),
);
cases.push(err('a usage export in which no row is usable', ['usage', ...CAT, ...BASE, '--usage', `${FX}/bad/usage-all-bad.csv`]));
cases.push(err('a usage export as the catalog', ['vet', U('edvet-signins.csv'), ...BASE]));
cases.push(err('a roster folder as the catalog', ['vet', `${FX}/roster`, ...BASE]));
cases.push(err('a usage export as the policy', ['vet', `${FX}/catalog`, '--policy', U('moodle-log.csv'), '--as-of', '2026-11-23']));
cases.push(err('a usage export as the baseline', ['vet', `${FX}/catalog`, ...BASE, '--baseline', U('entra-signins.csv')]));
cases.push(err('a roster as the baseline', ['audit', ...CAT, ...BASE, ...ALL_USAGE, '--baseline', `${FX}/roster/simple.csv`]));

let tmp: string;
const results = new Map<string, { debug: boolean; run: Run; files: Record<string, string> }[]>();

beforeAll(async () => {
  await ensureBinary();
  tmp = tempDir('edvet-privacy-');
  const jobs = cases.flatMap((c) => (c.once ? [{ c, debug: true }] : [{ c, debug: false }, { c, debug: true }]));
  await pool(jobs, 4, async ({ c, debug }, i) => {
    const dir = join(tmp, String(i));
    const args = [...c.args];
    // Without EDVET_DEBUG the report goes to stdout; with it, to --output (so both paths are covered).
    if (debug && c.output) args.push('--output', join(dir, c.output));
    if (c.outDir) args.push('--out-dir', join(dir, 'letters'));
    mkdirSync(dir, { recursive: true });
    const run = await edvetAsync(args, { env: debug ? { EDVET_DEBUG: '1' } : {} });
    const files: Record<string, string> = {};
    for (const f of allFiles(dir)) files[f] = readFileSync(f, 'utf8');
    const list = results.get(c.name) ?? [];
    list.push({ debug, run, files });
    results.set(c.name, list);
  });
}, 300_000);

afterAll(() => {
  if (tmp && existsSync(tmp)) rmSync(tmp, { recursive: true, force: true });
});

describe('no user id, email or name in any output', () => {
  for (const c of cases) {
    const test = c.bug ? it.skip : it;
    test(`${c.name}${c.bug ? ` — BUG: ${c.bug}` : ''}`, () => {
      const runs = results.get(c.name)!;
      expect(runs).toHaveLength(c.once ? 1 : 2);
      for (const { run, files } of runs) {
        expect(c.exit, `${run.args.join(' ')}\n${run.stderr}`).toContain(run.status);
        expect(run.stderr).not.toMatch(/internal error/);
        expect(leaks(run.stdout, IDENTIFIERS), `stdout of ${run.args.join(' ')}`).toEqual([]);
        expect(leaks(run.stderr, IDENTIFIERS), `stderr of ${run.args.join(' ')}`).toEqual([]);
        for (const [path, text] of Object.entries(files)) expect(leaks(text, IDENTIFIERS), path).toEqual([]);
      }
      if (c.output) {
        const written = runs.flatMap((r) => Object.keys(r.files));
        if (runs.every((r) => r.run.status !== 2)) expect(written.length, 'the --output file was written').toBe(1);
      }
      if (c.outDir) expect(Object.keys(runs[0].files).length, 'letters were written').toBeGreaterThan(0);
    });
  }
});

describe('the fixture exercises what it claims to', () => {
  it('every export is read, with bad and skipped rows, and Moodle profile contexts are skipped, not unmatched apps', () => {
    const { run } = results.get('audit --format json, OneRoster')!.find((r) => !r.debug)!;
    const j = JSON.parse(run.stdout) as {
      inputs: { path: string; format: string; bad: Record<string, number>; skipped: Record<string, number> }[];
      unmatchedApps: { app: string }[];
    };
    expect(j.inputs.map((i) => i.format).sort()).toEqual([...FORMAT_NAMES].sort());
    const byFormat = Object.fromEntries(j.inputs.map((i) => [i.format, i]));
    for (const f of ['edvet', 'entra-signins', 'moodle-log', 'canvas-last-access']) {
      expect(byFormat[f].bad['unparsable timestamp'], f).toBeGreaterThan(0);
      expect(byFormat[f].bad['wrong column count'], f).toBeGreaterThan(0);
    }
    expect(byFormat['moodle-log'].skipped['not an app']).toBe(2);
    expect(j.unmatchedApps.map((a) => a.app)).toContain('External tool: Padlet');
    expect(j.unmatchedApps.some((a) => /^user:/i.test(a.app))).toBe(false);
  });

  it('the identifiers really are in the inputs (so the check above is not vacuous)', () => {
    const clever = ['schools', 'students', 'teachers', 'staff', 'sections'].map((f) => `roster/clever/${f}.csv`);
    const inputs = ['roster/simple.csv', 'roster/oneroster/users.csv', ...clever, ...USAGE_FILES.map((f) => `usage/${f}`)]
      .map((f) => readFileSync(join(FX, f), 'utf8'))
      .join('\n');
    const found = leaks(inputs, IDENTIFIERS);
    // zq-student-7734 and friends only live in fixtures/privacy/bad.
    expect(found.length).toBeGreaterThan(IDENTIFIERS.length - 6);
  });

  it('the Clever roster is read: its teachers give access and its users are matched', () => {
    const { run } = results.get('audit --format json, Clever roster')!.find((r) => !r.debug)!;
    const j = JSON.parse(run.stdout) as { products: { id: string; usage: { teachersWithAccess: number | null } | null }[] };
    const withAccess = j.products.filter((p) => (p.usage?.teachersWithAccess ?? 0) > 0);
    expect(withAccess.length).toBeGreaterThan(0);
  });

  it('letters are written for the rejected product', () => {
    const { run, files } = results.get('letters --format markdown')!.find((r) => !r.debug)!;
    expect(run.stdout).toMatch(/1 letter written/);
    expect(Object.keys(files).some((f) => f.endsWith('mossgate-digital--lanternlab.md'))).toBe(true);
  });
});
