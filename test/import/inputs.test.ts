/** `edvet import` on bad and hostile inputs, existing files, and the unmatched apps of sign-in exports. */
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { EdvetError } from '../../src/model/errors.js';
import { checkXlsxZip, sheetGridCells, XLSX_MAX_UNPACKED_BYTES } from '../../src/load/import/zip-guard.js';
import { importFiles, readDrafts, tmp } from './helpers.js';
import { xlsx, zip } from './xlsx-writer.js';

const F = 'fixtures/import';

async function inputErrorOf(p: Promise<unknown>): Promise<EdvetError> {
  const e = await p.then(
    () => null,
    (x: unknown) => x,
  );
  expect(e).toBeInstanceOf(EdvetError);
  return e as EdvetError;
}

describe('bad inputs: exit 2 with the file, nothing written', () => {
  const cases: [string, Buffer | string, RegExp][] = [
    ['empty.csv', '', /the sheet is empty/],
    ['header-only.csv', 'product_name,active,grade_levels,audience,license_type,licence_count,value,renewal_date\n', /no data rows/],
    ['old.xls', Buffer.concat([Buffer.from('d0cf11e0a1b11ae1', 'hex'), Buffer.alloc(600)]), /97-2003 \.xls workbook or a password-protected workbook/],
    ['not-a-zip.xlsx', 'just text', /named \.xlsx but not a ZIP archive/],
    ['broken.xlsx', Buffer.concat([Buffer.from('504b0304', 'hex'), Buffer.alloc(100)]), /not a valid XLSX workbook/],
    ['doc.pdf', '%PDF-1.7 ...', /this is a PDF/],
    ['word.xlsx', zip([{ name: 'word/document.xml', data: Buffer.from('<w/>') }]), /no xl\/workbook\.xml/],
  ];
  for (const [name, bytes, message] of cases) {
    it(name, async () => {
      const dir = tmp();
      const file = join(dir, name);
      writeFileSync(file, bytes);
      const out = join(dir, 'out');
      const e = await inputErrorOf(importFiles([file], {}, out));
      expect(e.problems[0].file).toContain(name);
      expect(e.problems[0].message).toMatch(message);
      expect(existsSync(out)).toBe(false);
    });
  }

  it('a second, bad file stops the run before the first one is written', async () => {
    const dir = tmp();
    const bad = join(dir, 'bad.csv');
    writeFileSync(bad, 'foo,bar\n1,2\n');
    const out = join(dir, 'out');
    const e = await inputErrorOf(importFiles([`${F}/sas-extended.csv`, bad], {}, out));
    expect(e.problems[0]).toMatchObject({ line: 1 });
    expect(existsSync(out)).toBe(false);
  });

  it('invalid UTF-8 in a CSV is located by line', async () => {
    const dir = tmp();
    const file = join(dir, 'latin1.csv');
    writeFileSync(file, Buffer.concat([Buffer.from('product_name,active,grade_levels,audience,license_type,licence_count,value,renewal_date\nOk,TRUE,K,Students,Site,1,1,\nCaf'), Buffer.from([0xe9]), Buffer.from(',TRUE,K,Students,Site,1,1,\n')]));
    const e = await inputErrorOf(importFiles([file], {}, join(dir, 'out')));
    expect(e.problems[0]).toMatchObject({ line: 3 });
  });

  it('unknown --layout and a malformed --map are usage errors', async () => {
    const e1 = await inputErrorOf(importFiles([`${F}/generic.tsv`], { layout: 'excel' }));
    expect(e1.kind).toBe('usage');
    const e2 = await inputErrorOf(importFiles([`${F}/generic.tsv`], { map: ['colour=Application'] }));
    expect(e2.kind).toBe('usage');
    expect(e2.problems[0].message).toMatch(/cost\.renewal_on/);
  });
});

describe('hostile workbooks (zip-guard)', () => {
  it('a ZIP bomb: more XML than the limit once unpacked (a 4 MB limit here; 256 MB in use)', () => {
    expect(XLSX_MAX_UNPACKED_BYTES).toBe(256 * 1024 * 1024);
    const big = Buffer.alloc(4 * 1024 * 1024 + 1024, 0x20);
    const buf = zip([
      { name: 'xl/workbook.xml', data: Buffer.from('<workbook/>') },
      { name: 'xl/worksheets/sheet1.xml', data: big },
    ]);
    expect(buf.length).toBeLessThan(64 * 1024);
    expect(() => checkXlsxZip(buf, 'bomb.xlsx', 4 * 1024 * 1024)).toThrow(/unpacks to more than 4 MB/);
  });

  it('one far-away cell would make a grid of billions', () => {
    const sheet = '<worksheet><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row><row r="1048576"><c r="XFD1048576"><v>1</v></c></row></sheetData></worksheet>';
    expect(sheetGridCells(sheet)).toBe(1048576 * 16384);
    const buf = xlsx([{ name: 'S', rows: [['a']] }]);
    expect(() => checkXlsxZip(buf, 'ok.xlsx')).not.toThrow();
    const far = zip([
      { name: 'xl/workbook.xml', data: Buffer.from('<workbook/>') },
      { name: 'xl/worksheets/sheet1.xml', data: Buffer.from(sheet) },
    ]);
    expect(() => checkXlsxZip(far, 'far.xlsx')).toThrow(/spans 17,179,869,184 cells/);
  });

  it('an encrypted entry, hidden data between entries, and a local header that disagrees are refused', () => {
    const good = xlsx([{ name: 'S', rows: [['a']] }]);
    const encrypted = Buffer.from(good);
    const cd = encrypted.indexOf(Buffer.from('504b0102', 'hex'));
    encrypted.writeUInt16LE(encrypted.readUInt16LE(cd + 8) | 1, cd + 8);
    expect(() => checkXlsxZip(encrypted, 'enc.xlsx')).toThrow(/password-protected/);
    const hidden = zip([{ name: 'xl/workbook.xml', data: Buffer.from('<workbook/>') }]);
    const withGap = Buffer.concat([hidden.subarray(0, hidden.indexOf(Buffer.from('504b0102', 'hex'))), deflateRawSync(Buffer.alloc(1000)), hidden.subarray(hidden.indexOf(Buffer.from('504b0102', 'hex')))]);
    expect(() => checkXlsxZip(withGap, 'gap.xlsx')).toThrow(/not a valid XLSX/);
    const lying = Buffer.from(good);
    lying.writeUInt32LE(123456789, 22);
    expect(() => checkXlsxZip(lying, 'lie.xlsx')).toThrow(/disagrees with the ZIP directory/);
  });
});

describe('existing drafts', () => {
  it('are left alone and listed, then replaced with --force', async () => {
    const { outDir } = await importFiles([`${F}/google-accessed-apps.csv`]);
    writeFileSync(join(outDir, 'kahoot.yaml'), 'id: kahoot\n# edited by hand\n');
    rmSync(join(outDir, 'quizlet.yaml'));
    const again = await importFiles([`${F}/google-accessed-apps.csv`], {}, outDir);
    expect(again.json.totals).toEqual({ written: 1, leftAlone: 3, skipped: 0 });
    expect(again.json.drafts.find((d) => d.id === 'kahoot')!.status).toBe('left-alone');
    expect(again.lines.join('\n')).toMatch(/left alone .*kahoot\.yaml/);
    expect(readFileSync(join(outDir, 'kahoot.yaml'), 'utf8')).toContain('edited by hand');
    await importFiles([`${F}/google-accessed-apps.csv`], { force: true }, outDir);
    expect(readFileSync(join(outDir, 'kahoot.yaml'), 'utf8')).not.toContain('edited by hand');
    expect(readdirSync(outDir).filter((n) => n.includes('edvet-tmp'))).toEqual([]);
  });
});

describe('--from-usage: the apps of the sign-in exports no product matches', () => {
  it('one draft per app with at least --min-rows rows, counts only, ids clear of the catalog', async () => {
    const { outDir, json, lines } = await importFiles([], {
      fromUsage: ['fixtures/demo-district/usage'],
      catalog: 'fixtures/demo-district/catalog',
      minRows: '5',
    });
    const d = readDrafts(outDir);
    expect(d.size).toBeGreaterThan(0);
    expect(json.drafts.every((x) => x.source.layout === 'from-usage' && x.todo.includes('vendor') && x.todo.includes('category'))).toBe(true);
    for (const { data, text } of d.values()) {
      expect(data.status).toBe('proposed');
      expect(data.usage.aliases[0]).toBe(data.name);
      const m = /in the sign-in exports: ([\d,]+) rows, ([\d,]+) distinct users/.exec(text);
      expect(m).not.toBeNull();
      expect(Number(m![1].replace(/,/g, ''))).toBeGreaterThanOrEqual(5);
      expect(text).not.toMatch(/@/);
    }
    const catalogIds = ['mathspark', 'wordwise', 'scribespark'];
    for (const id of catalogIds) expect(d.has(id)).toBe(false);
    const fewer = await importFiles([], { fromUsage: ['fixtures/demo-district/usage'], catalog: 'fixtures/demo-district/catalog', minRows: '100000' });
    expect(fewer.json.totals.written).toBe(0);
    expect(fewer.lines.join('\n')).toMatch(/fewer than 100000 rows/);
    expect(lines[0]).toMatch(/drafts? written/);
  });
});
