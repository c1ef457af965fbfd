/**
 * Issue 16 class 4: a person never reaches the report as an "app that matches
 * no product" (an e-mail address, or a Moodle person context in any site
 * language), swapped columns are warned about with counts only, and a title
 * line above the header is never echoed.
 */
import { cpSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { looksLikeUserIdentifier, splitUnmatched, unmatchedWarnings } from '../../src/model/identifiers.js';
import { edvetAsync, ensureBinary, leaks, ROOT, tempDir } from './helpers.js';

const PEOPLE = [
  'ann.lee@students.riverside.example',
  'Bob Ray <bob.ray@riverside.example>',
  'User: Ann Lee',
  'Utilisateur : Jean Dupont',
  'Utilisateur\u00a0: Jean Dupont',
  'Usuario: María López',
  'Nutzer/in: Max Müller',
  'Utente: Luca Rossi',
  'Użytkownik: Jan Kowalski',
  '用户: 张三',
  'ユーザ: 山田 太郎',
  'Пользователь: Иван Петров',
];
const APPS = ['Kahoot!', 'Google Classroom', 'Course: Algebra 1', 'Front page', 'System', 'Math@Home', 'Category: Science', 'Quiz: Unit 3', 'Users Guide'];

describe('looksLikeUserIdentifier', () => {
  it.each(PEOPLE)('%j is a person', (v) => expect(looksLikeUserIdentifier(v)).toBe(true));
  it.each(APPS)('%j is an app', (v) => expect(looksLikeUserIdentifier(v)).toBe(false));
});

describe('splitUnmatched', () => {
  it('lists apps only, counts identifiers, and warns on a likely column mix-up', () => {
    const byApp = new Map<string, number>([['Kahoot!', 5], ['a@x.example', 3], ['b@x.example', 2], ['User: C D', 1]]);
    const s = splitUnmatched(byApp, 20);
    expect(s.listed).toEqual([{ app: 'Kahoot!', appId: null, rows: 5, suggestedProduct: null }]);
    // an e-mail given as the app id is a person too: counted, never listed
    expect(splitUnmatched([{ app: 'Quizly', appId: 'c@x.example', rows: 2 }]).listed).toEqual([]);
    expect(s.identifiers).toEqual({ apps: 3, rows: 6 });
    const w = unmatchedWarnings(s);
    expect(w).toHaveLength(2);
    expect(leaks(w.join('\n'), ['a@x.example', 'b@x.example', 'C D'])).toEqual([]);
  });

  it('says nothing when no unmatched app looks like a person, and does not call a few of many a mix-up', () => {
    expect(unmatchedWarnings(splitUnmatched(new Map([['Kahoot!', 1]]), 20))).toEqual([]);
    const few = splitUnmatched(new Map([['A', 1], ['B', 1], ['C', 1], ['x@y.example', 1]]), 20);
    expect(unmatchedWarnings(few)).toHaveLength(1);
  });
});

describe('in a run (built binary)', () => {
  let dir: string;
  let catalog: string;
  beforeAll(async () => {
    await ensureBinary();
    dir = tempDir('edvet-identifiers-');
    catalog = join(dir, 'catalog');
    cpSync(join(ROOT, 'fixtures/demo-district/catalog'), catalog, { recursive: true });
    const policy = readFileSync(join(catalog, 'edvet.policy.yaml'), 'utf8');
    // A custom format whose user and app columns are swapped by mistake.
    writeFileSync(
      join(catalog, 'edvet.policy.yaml'),
      policy.replace(/^usage_formats:\n/m, 'usage_formats:\n  swapped:\n    detect: [When, Who, Tool]\n    columns: { timestamp: When, user: Tool, app: Who }\n'),
    );
  });
  afterAll(() => {
    if (dir && existsSync(dir)) rmSync(dir, { recursive: true, force: true });
  });

  const emails = Array.from({ length: 12 }, (_, i) => `student${i}@students.riverside.example`);

  it('swapped custom columns: no e-mail listed as an app, a mix-up warning with counts only', async () => {
    const rows = emails.map((e) => `2026-01-05T10:00:00Z,${e},AtlasWorks Geography`);
    writeFileSync(join(dir, 'swapped.csv'), `When,Who,Tool\n${rows.join('\n')}\n`);
    const r = await edvetAsync(['usage', '--catalog', catalog, '--usage', join(dir, 'swapped.csv'), '--as-of', '2026-01-30', '--format', 'json']);
    expect(r.status, r.stderr).not.toBe(2);
    const report = JSON.parse(r.stdout) as { unmatchedApps: { app: string }[]; warnings: string[] };
    expect(report.unmatchedApps).toEqual([]);
    expect(report.warnings.some((w) => /may be swapped/.test(w))).toBe(true);
    expect(leaks(r.stdout + r.stderr, emails)).toEqual([]);
  });

  it('Moodle person contexts in other site languages are never listed', async () => {
    const names = ['Jean Dupont', 'María López', 'Max Müller'];
    const ctx = ['Utilisateur : Jean Dupont', 'Usuario: María López', 'Nutzer/in: Max Müller'];
    const rows = ctx.map((c, i) => `${i},"23/01/26, 12:09",${names[i]},-,${c},System,Dashboard viewed,x,web,0.0.0.0`);
    writeFileSync(join(dir, 'moodle.csv'), `,Time,User full name,Affected user,Event context,Component,Event name,Description,Origin,IP address\n${rows.join('\n')}\n`);
    const r = await edvetAsync(['usage', '--catalog', catalog, '--usage', join(dir, 'moodle.csv'), '--as-of', '2026-01-30', '--format', 'json']);
    expect(r.status, r.stderr).not.toBe(2);
    const report = JSON.parse(r.stdout) as { unmatchedApps: { app: string }[] };
    expect(report.unmatchedApps).toEqual([]);
    expect(leaks(r.stdout + r.stderr, names)).toEqual([]);
  });

  it('a title line naming students above the header is not echoed', async () => {
    writeFileSync(join(dir, 'title.csv'), 'Period Two Roster Jane Smith John Brown,Ann Lee\nwhen,who,what\n');
    const r = await edvetAsync(['usage', '--catalog', catalog, '--usage', join(dir, 'title.csv'), '--as-of', '2026-01-30']);
    expect(r.status).toBe(2);
    expect(leaks(r.stderr, ['Jane Smith', 'John Brown', 'Ann Lee'])).toEqual([]);
    expect(r.stderr).toMatch(/holds no column name edvet knows/);
  });

  it('a known header missing a column is still quoted by its known names', async () => {
    writeFileSync(join(dir, 'partial.csv'), 'Time,User full name,Event context,Whatever Jane\nx,y,z,w\n');
    const r = await edvetAsync(['usage', '--catalog', catalog, '--usage', join(dir, 'partial.csv'), '--as-of', '2026-01-30']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/header found: "Time", "User full name", "Event context" and 1 other column/);
    expect(r.stderr).not.toMatch(/Jane/);
  });
});
