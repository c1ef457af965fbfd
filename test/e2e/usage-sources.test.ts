/**
 * usage-sources.md "Worked examples" A–F, each a run as a user runs it
 * (`edvet usage … --format json --as-of 2026-11-20`), with every figure the
 * spec gives. Example G (no data, per-teacher licences, over-deployment) is
 * tested with the honest-no-data work. Monthly trends are asserted where the
 * report has them.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { edvetJson, ensureBuilt } from './helpers.js';

const DIR = 'fixtures/usage-sources';

interface Json {
  products: { id: string; usage: Record<string, unknown> & { monthly?: unknown }; findings: { rule: string; status: string; message: string }[]; sunset: unknown }[];
  unmatchedApps: Record<string, unknown>[];
  inputs: { format: string; rows: number; used: number; skipped: Record<string, number>; bad: Record<string, number>; firstBad: { line: number; reason: string }[] }[];
  warnings: string[];
  summary: Record<string, unknown>;
}

function run(example: string, usage: string, extra: string[] = [], policy = `${DIR}/policy.yaml`): Json {
  const r = edvetJson<Json>(['usage', '--catalog', `${DIR}/${example}/catalog`, '--usage', `${DIR}/${example}/${usage}`, '--policy', policy, '--as-of', '2026-11-20', '--format', 'json', ...extra]);
  expect(r.stderr).not.toMatch(/\n\s+at /);
  return r.json;
}

const finding = (j: Json, rule: string) => j.products[0].findings.find((f) => f.rule === rule);

beforeAll(() => ensureBuilt());

describe('A. google-token-audit', () => {
  it('reads the export as the spec counts it', () => {
    const j = run('a', 'tokens.csv');
    expect(j.inputs[0]).toMatchObject({ format: 'google-token-audit', rows: 6, used: 4, skipped: { 'not a use event': 1, 'no user': 1 }, bad: {} });
  });

  // t1's row reaches quizly only through usage.client_ids (app "Q Legacy", client id 111-q).
  it('reproduces the figures', () => {
    const j = run('a', 'tokens.csv');
    const u = j.products[0].usage;
    expect(u).toMatchObject({
      basis: 'users',
      rows: 3,
      activeUsers: 2,
      activeTeachers: 1,
      activeStudents: 1,
      semesterActiveUsers: 3,
      dormantSeats: 8,
      dormantRatio: 0.8,
      wastedSpend: 16,
      teacherUtilization: 0.5,
      recommendedSeats: 4,
      rightSizeSaving: 12,
      lastSeen: '2026-11-20',
    });
    expect(finding(j, 'usage.dormant-seats')?.status).toBe('warn');
    expect(finding(j, 'usage.teacher-utilization')?.status).toBe('pass');
    expect(j.unmatchedApps[0]).toMatchObject({ app: 'Quizly Add-on', rows: 1 });
  });
});

describe('B. google-oauth-log', () => {
  it('reads Date in the format’s own zone and takes the day in the policy’s', () => {
    const j = run('b', 'oauth.csv', [], `${DIR}/policy-b.yaml`);
    expect(j.inputs[0]).toMatchObject({
      format: 'google-oauth-log',
      rows: 6,
      used: 4,
      skipped: { 'not a use event': 1 },
      bad: { 'unparsable timestamp': 1 },
      firstBad: [{ line: 7, reason: 'unparsable timestamp' }],
    });
    expect(j.products[0].usage).toMatchObject({
      activeUsers: 3,
      activeTeachers: 0,
      activeStudents: 0,
      semesterActiveUsers: 4,
      dormantSeats: 7,
      dormantRatio: 0.7,
      wastedSpend: 14,
      recommendedSeats: 5,
      rightSizeSaving: 10,
    });
    expect(finding(j, 'usage.dormant-seats')?.status).toBe('warn');
    expect(finding(j, 'usage.teacher-utilization')?.status).toBe('warn');
  });
});

describe('C. google-saml', () => {
  it('reproduces the figures', () => {
    const j = run('c', 'saml.csv');
    expect(j.inputs[0]).toMatchObject({ format: 'google-saml', rows: 5, used: 4, skipped: { 'not a successful sign-in': 1 } });
    expect(j.products[0].usage).toMatchObject({
      rows: 4,
      activeUsers: 3,
      activeTeachers: 1,
      activeStudents: 1,
      semesterActiveUsers: 4,
      dormantSeats: 2,
      dormantRatio: 0.4,
      wastedSpend: 4,
      teacherUtilization: 0.5,
    });
    expect(finding(j, 'usage.dormant-seats')?.status).toBe('pass');
    expect(finding(j, 'usage.teacher-utilization')?.status).toBe('pass');
  });
});

describe('D. google-user-report', () => {
  it('reproduces the figures; Google Workspace is unmatched', () => {
    const j = run('d', 'users.csv');
    expect(j.inputs[0]).toMatchObject({ format: 'google-user-report', rows: 5, used: 4, skipped: { 'never signed in': 1 } });
    const u = j.products[0].usage;
    expect(u).toMatchObject({
      basis: 'users',
      rows: 4,
      activeUsers: 2,
      activeTeachers: 1,
      activeStudents: 1,
      semesterActiveUsers: 3,
      lastSeen: '2026-11-17',
    });
    expect(u.teacherUtilization).toBeCloseTo(0.6667, 4);
    if ('monthly' in u) expect(u.monthly).toBeNull();
    expect(finding(j, 'usage.teacher-utilization')?.status).toBe('pass');
    expect(finding(j, 'usage.dormant-seats')?.status).toBe('n/a');
    expect(j.unmatchedApps).toEqual([expect.objectContaining({ app: 'Google Workspace', rows: 4 })]);
  });
});

describe('E. edvet-last-seen with a Clever roster', () => {
  it.each([['the Clever SFTP roster of example E', 'roster-clever'], ['the same roster as a simple CSV', 'roster-simple.csv']])('reproduces the figures with %s', (_what, roster) => {
    const j = run('e', 'last-seen.csv', ['--roster', `${DIR}/e/${roster}`]);
    expect(j.inputs[0]).toMatchObject({ format: 'edvet-last-seen', rows: 6, used: 4, skipped: { 'never signed in': 1, 'after as-of': 1 } });
    expect(j.warnings).toContain(`${DIR}/e/last-seen.csv: 1 last-seen row after as-of: run with --as-of on the export's date`);
    expect(j.products[0].usage).toMatchObject({
      rows: 4,
      teachersWithAccess: 2,
      activeUsers: 3,
      activeTeachers: 1,
      activeStudents: 2,
      semesterActiveUsers: 4,
      teacherUtilization: 1,
      dormantSeats: 3,
      dormantRatio: 0.5,
      wastedSpend: 6,
      recommendedSeats: 5,
      rightSizeSaving: 2,
    });
  });
});

describe('F. edvet-counts', () => {
  it('reproduces the lower bounds', () => {
    const j = run('f', 'counts.csv');
    expect(j.inputs[0]).toMatchObject({ format: 'edvet-counts', rows: 9, used: 8, skipped: { 'period ends after as-of': 1 } });
    const u = j.products[0].usage;
    expect(u).toMatchObject({
      basis: 'counts',
      rows: 8,
      activeUsers: 211,
      activeTeachers: 31,
      activeStudents: 180,
      semesterActiveUsers: 240,
      dormantSeats: 289,
      dormantRatio: 0.578,
      wastedSpend: 1156,
      teacherUtilization: 0.775,
      recommendedSeats: null,
      rightSizeSaving: null,
    });
    const dormant = finding(j, 'usage.dormant-seats')!;
    expect(dormant.status).toBe('warn');
    expect(dormant.message).toMatch(/at least 211 active/);
    expect(dormant.message).toMatch(/up to 289 /i);
    expect(finding(j, 'usage.teacher-utilization')?.status).toBe('pass');
    expect(j.summary).toMatchObject({ wastedSpend: 1156, wastedSpendFromCounts: 1156 });
  });
});

describe('short last-seen sources (usage-sources.md "Decided details")', () => {
  const shortRun = (...usage: string[]) =>
    edvetJson<Json>(['usage', '--catalog', `${DIR}/short/catalog`, ...usage.flatMap((u) => ['--usage', `${DIR}/short/${u}`]), '--policy', `${DIR}/policy.yaml`, '--as-of', '2026-11-20', '--format', 'json']).json;

  it('a last-seen file starting after the semester window gets its own coverage warning, and under-use only warns', () => {
    const j = shortRun('last-seen.csv');
    expect(j.warnings).toContainEqual(expect.stringMatching(/short\/last-seen\.csv: last-seen rows start on 2026-11-02, after the semester window's start 2026-07-\d\d: semester figures from it count only from 2026-11-02$/));
    const f = finding(j, 'usage.teacher-utilization')!;
    expect(f.status).toBe('warn');
    expect(f.message).toMatch(/^1 of 10 teachers \(10%\) .* starts on 2026-11-02, inside that window: too short to show a semester, so this is no sunset candidate$/);
    expect(j.products[0].sunset).toBeNull();
    expect(j.products[0].usage).toMatchObject({ teacherUtilization: 0.1, semesterActiveUsers: 3 });
  });

  it('with an event export that covers the semester beside it, the same under-use fails and the product is a sunset candidate', () => {
    const j = shortRun('last-seen.csv', 'events.csv');
    expect(finding(j, 'usage.teacher-utilization')?.status).toBe('fail');
    expect(j.products[0].sunset).not.toBeNull();
    // The last-seen file still starts late: its warning stays.
    expect(j.warnings.some((w) => /last-seen rows start on 2026-11-02/.test(w))).toBe(true);
  });
});
