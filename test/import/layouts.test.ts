/** `edvet import` per layout, on the small fixtures of fixtures/import/ (CSV in UTF-8 and UTF-16, XLSX). */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EdvetError } from '../../src/model/errors.js';
import { importFiles, readDrafts, ROOT, tmp } from './helpers.js';
import { xlsx } from './xlsx-writer.js';

const F = 'fixtures/import';

describe('sas-digital-toolkit layout (extended template)', () => {
  it('skips inactive, duplicate and nameless rows, numbering slugs and keeping nothing personal', async () => {
    const { outDir, json } = await importFiles([`${F}/sas-extended.csv`]);
    expect(json.inputs[0]).toMatchObject({ layout: 'sas-digital-toolkit', headerRow: 1, rows: 6, drafts: 3, skipped: { inactive: 1, duplicate: 1, 'no name': 1 } });
    expect(json.skipped.map((s) => [s.row, s.reason, s.duplicateOf?.row ?? null])).toEqual([
      [4, 'inactive', null],
      [5, 'duplicate', 2],
      [6, 'no name', null],
    ]);
    const drafts = readDrafts(outDir);
    expect([...drafts.keys()]).toEqual(['edu-cartes', 'read-along', 'read-along-2']);
    for (const { text } of drafts.values()) expect(text).not.toMatch(/Jane Teacher|Sam Manager|Pat Finance/);
  });

  it('maps the columns of the table in import.md', async () => {
    const { outDir } = await importFiles([`${F}/sas-extended.csv`]);
    const ra = readDrafts(outDir).get('read-along')!.data;
    expect(ra).toMatchObject({
      id: 'read-along',
      name: 'Read Along',
      vendor: 'Google LLC',
      vendor_contact: 'readalong@example.com',
      category: null,
      status: 'active',
      audience: ['students'],
      grades: ['K-2'],
      subjects: ['reading', 'ela'],
      cost: { model: 'site', annual_total: 0, renewal_on: '2026-06-30', notice_days: 90, auto_renews: true },
    });
    expect(ra.cost.seats).toBeUndefined();
    const two = readDrafts(outDir).get('read-along-2')!.data;
    expect(two).toMatchObject({ name: 'Read-Along', audience: ['teachers'], grades: [3], cost: { model: 'per_seat', annual_total: 1250, seats: 25, renewal_on: '2026-08-31', notice_days: 60, auto_renews: false } });
  });

  it('turns every value it cannot convert into a TODO quoting the text and the cell', async () => {
    const { outDir, json } = await importFiles([`${F}/sas-extended.csv`]);
    const { data, text } = readDrafts(outDir).get('edu-cartes')!;
    expect(data).toMatchObject({ name: 'Édu Cartes', vendor: 'Cartes SA', grades: ['PK-TK', '9-12'], subjects: ['geography'] });
    expect(data.audience).toBeUndefined();
    expect(data.cost).toBeUndefined();
    for (const [field, cell, quotedText] of [
      ['audience', 'E7', 'Teachers, Parents, Aliens'],
      ['cost.model', 'F7', 'Enterprise'],
      ['cost.seats', 'G7', 'lots'],
      ['cost.annual_total', 'H7', 'free'],
      ['cost.renewal_on', 'I7', '2026-02-30'],
      ['cost.auto_renews', 'N7', 'maybe'],
      ['cost.notice_days', 'O7', 'soon'],
    ]) {
      expect(text).toMatch(new RegExp(`^# TODO: ${field.replace('.', '\\.')}: the sheet has "${quotedText}" in cell ${cell}`, 'm'));
    }
    expect(text).toMatch(/^category: {2}# TODO: category .*"Maps" in cell J7/m);
    expect(json.drafts.find((d) => d.id === 'edu-cartes')!.todo).toEqual(
      expect.arrayContaining(['vendor', 'category', 'audience', 'cost.model', 'cost.annual_total', 'cost.seats', 'cost.renewal_on'].filter((f) => f !== 'vendor')),
    );
  });

  it('reads UTF-16 with a BOM, semicolon-separated, with day-first dates when unambiguous', async () => {
    const { outDir, json } = await importFiles([`${F}/sas-utf16.csv`]);
    expect(json.inputs[0]).toMatchObject({ kind: 'csv', layout: 'sas-digital-toolkit', drafts: 2 });
    const d = readDrafts(outDir);
    expect(d.get('photosynthese-lab')!.data).toMatchObject({ name: 'Photosynthèse Lab', grades: ['6-7'], cost: { model: 'site', seats: 200, annual_total: 1500, renewal_on: '2026-06-30' } });
    expect(d.get('lecture-plus')!.data).toMatchObject({ status: 'active', grades: ['K'], audience: ['students', 'teachers'], cost: { model: 'per_seat', seats: 30, renewal_on: '2026-12-31' } });
  });
});

describe('google-accessed-apps layout', () => {
  it('one draft per app: client id kept for matching, Trusted/Limited active, users as a count in a comment', async () => {
    const { outDir } = await importFiles([`${F}/google-accessed-apps.csv`]);
    const d = readDrafts(outDir);
    expect([...d.keys()]).toEqual(['blocked-thing', 'kahoot', 'quizlet', 'random-game']);
    const k = d.get('kahoot')!;
    expect(k.data.status).toBe('active');
    const ids = [...(k.data.usage.client_ids ?? []), ...(k.data.usage.aliases ?? [])];
    expect(ids).toContain('123456789012-abc.apps.googleusercontent.com');
    expect(k.text).toMatch(/approval in Google is not vetting/);
    expect(k.text).toMatch(/^# Google Admin: 1204 users/m);
    expect(d.get('quizlet')!.data.status).toBe('active');
    expect(d.get('random-game')!.data.status).toBe('proposed');
    expect(d.get('blocked-thing')!.data.status).toBe('proposed');
  });
});

describe('generic layout with --map', () => {
  it('maps the named columns, converts statuses, leaves out a column that names people', async () => {
    const maps = ['name=Application', 'vendor=Company', 'renewal_on=Renewal', 'status=Status', 'cost.model=Licence Type', 'annual_total=Cost'];
    const { outDir } = await importFiles([`${F}/generic.tsv`], { map: maps });
    const d = readDrafts(outDir);
    expect(d.get('nearpod')!.data).toMatchObject({ vendor: 'Nearpod Inc.', status: 'active', cost: { model: 'per_student', annual_total: 4000, renewal_on: '2026-06-30' } });
    expect(d.get('flip')!.data).toMatchObject({ status: 'pilot', cost: { model: 'free', annual_total: 0, renewal_on: '2026-07-31' } });
    const sketchy = d.get('sketchy-ai')!;
    expect(sketchy.data.status).toBe('proposed');
    expect(sketchy.text).toMatch(/"Denied" \(denied\)/);
    const retired = d.get('retired-app')!;
    expect(retired.data.status).toBe('retired');
    expect(retired.text).toMatch(/# TODO: cost\.renewal_on: the sheet has "03\/04\/2026" in cell C5: ambiguous/);
    for (const { text } of d.values()) expect(text).not.toMatch(/smith|jones|district\.example/);
  });

  it('a header matching no layout without --map name is an input error naming the layouts and the header', async () => {
    const out = tmp();
    const e = await importFiles([`${F}/generic.tsv`], {}, out).catch((x) => x);
    expect(e).toBeInstanceOf(EdvetError);
    expect(e.problems[0]).toMatchObject({ file: `${F}/generic.tsv`, line: 1 });
    expect(e.problems[0].message).toMatch(/sas-digital-toolkit, google-accessed-apps, edvet-list/);
    expect(e.problems[0].message).toMatch(/"Application"/);
    expect(existsSync(join(out, 'nearpod.yaml'))).toBe(false);
  });
});

describe('XLSX', () => {
  const rows = [
    ['App inventory 2026 (title row above the header)'],
    ['product_name', 'active', 'grade_levels', 'audience', 'license_type', 'licence_count', 'value', 'renewal_date', 'vendor'],
    ['Kahoot!', true, 'Grade 6, Grade 7, Grade 8', 'Teachers, Students', 'Site Licence', 300, 1500, new Date(Date.UTC(2026, 5, 30)), 'Kahoot! ASA'],
    ['Old App', false, 'Grade 1', 'Students', 'Site Licence', 10, 100, null, 'OldCo'],
    ['Mathletics', 'Yes', 'Grade 1, Grade 2', 'Students', 'Inidividual', 'Unlimited', 2000, 46022, null],
  ];

  it('reads the first sheet (the header found below a title row), dates from date cells and serials', async () => {
    const dir = tmp();
    const file = join(dir, 'apps.xlsx');
    writeFileSync(file, xlsx([{ name: 'Apps', rows }, { name: 'Notes', rows: [['not this one']] }]));
    const { outDir, json } = await importFiles([file]);
    expect(json.inputs[0]).toMatchObject({ kind: 'xlsx', layout: 'sas-digital-toolkit', headerRow: 2, drafts: 2, skipped: { inactive: 1 } });
    const d = readDrafts(outDir);
    expect(d.get('kahoot')!.data).toMatchObject({ vendor: 'Kahoot! ASA', grades: ['6-8'], audience: ['teachers', 'students'], cost: { model: 'site', seats: 300, annual_total: 1500, renewal_on: '2026-06-30' } });
    expect(d.get('mathletics')!.data).toMatchObject({ status: 'active', cost: { model: 'per_seat', annual_total: 2000, renewal_on: '2025-12-31' } });
    expect(d.get('mathletics')!.text).toMatch(/^vendor: {2}# TODO: vendor .*cell I5 is empty/m);
  });

  it('--sheet picks a worksheet by name; an unknown one lists the sheets', async () => {
    const dir = tmp();
    const file = join(dir, 'book.xlsx');
    writeFileSync(file, xlsx([{ name: 'Cover', rows: [['nothing here']] }, { name: 'Approved Apps', rows: rows.slice(1) }]));
    const { json } = await importFiles([file], { sheet: 'approved apps' });
    expect(json.inputs[0]).toMatchObject({ layout: 'sas-digital-toolkit', headerRow: 1, drafts: 2 });
    const e = await importFiles([file], { sheet: 'Nope' }).catch((x) => x);
    expect(e).toBeInstanceOf(EdvetError);
    expect(e.problems[0].message).toMatch(/"Cover", "Approved Apps"/);
  });

  it('the committed fixtures/import/inventory.xlsx is what the writer makes of the same rows', () => {
    const committed = readFileSync(join(ROOT, F, 'inventory.xlsx'));
    expect(committed.equals(xlsx([{ name: 'Apps', rows }]))).toBe(true);
  });
});

describe('edvet-list layout', () => {
  it('keeps the list ids, strips the quote the CSV added before a formula, leaves derived figures in a comment', async () => {
    const dir = tmp();
    const file = join(dir, 'list.csv');
    writeFileSync(
      file,
      '\uFEFFid,name,vendor,category,status,verdict,annual_cost,seats,cost_per_student,renewal_on,decide_by,dpa_expires_on,wcag,essa_tier,reviewed_on\r\n' +
        "evil,'=HYPERLINK(1),'-Minus Corp,core,active,rejected,100,5,20,2027-01-31,2026-12-02,2027-06-30,2.1 AA,2,2026-01-15\r\n",
    );
    const { outDir } = await importFiles([file]);
    const { data, text } = readDrafts(outDir).get('evil')!;
    expect(data).toMatchObject({ id: 'evil', name: '=HYPERLINK(1)', vendor: '-Minus Corp', category: 'core', status: 'active', accessibility: { wcag_version: '2.1', conformance: 'AA' }, evidence: { essa_tier: 2 }, privacy: { dpa: { expires_on: '2027-06-30' } }, cost: { seats: 5, renewal_on: '2027-01-31' } });
    expect(text).toMatch(/derived, not imported\): verdict rejected, annual_cost 100, cost_per_student 20, decide_by 2026-12-02/);
  });
});
