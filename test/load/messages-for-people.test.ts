/**
 * Messages a person trips on, answered in their words with file:line:col and
 * what to write instead (issue 13, "Messages for people"): YAML layout
 * errors as indentation, a Windows-1252 byte located, `grades: [Pre-K]`,
 * `grades: K-12`, `signed: yes`, a capitalised or misspelt enum value.
 * Each case is the message a loader gives for a small manifest; the parser's
 * own words ("Nested mappings are not allowed in compact mappings", "Implicit
 * keys need to be on a single line", "expected boolean, received string") are
 * never shown.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/load/catalog.js';
import { firstInvalidUtf8, readYamlFile } from '../../src/load/yaml.js';
import { EdvetError, formatProblem } from '../../src/model/errors.js';

const HEAD = 'id: app\nname: App\nvendor: V\ncategory: supplemental\n';
const PARSER_WORDS = /Nested mappings|Implicit keys|Implicit map keys|All mapping items|block sequence|expected (boolean|array|object|string|number), received/;

/** The YAML problems of `text`, formatted as the CLI prints them. */
function yamlProblems(text: string | Buffer): string[] {
  try {
    const y = readYamlFile('a.yaml', typeof text === 'string' ? Buffer.from(text) : text);
    return y.problems.map(formatProblem);
  } catch (e) {
    expect(e).toBeInstanceOf(EdvetError);
    return (e as EdvetError).problems.map(formatProblem);
  }
}

/** Every problem of a one-manifest catalog (YAML and schema), formatted. */
const dir = mkdtempSync(join(tmpdir(), 'edvet-messages-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
function manifestProblems(text: string): string[] {
  writeFileSync(join(dir, 'a.yaml'), text);
  try {
    loadCatalog(['a.yaml'], dir);
  } catch (e) {
    expect(e).toBeInstanceOf(EdvetError);
    return (e as EdvetError).problems.map(formatProblem);
  }
  return [];
}

describe('YAML layout errors read as indentation', () => {
  it.each([
    {
      name: 'a key indented more than the key above it, which has a value',
      yaml: `${HEAD}privacy:\n  dpa:\n    signed: true\n      signed_on: 2024-01-01\n`,
      want: 'a.yaml:8:7: this line is indented more (6 spaces) than the key above it, `signed` (line 7), which already has a value: to make it a field beside that key, indent it by 4 spaces; to put it under that key, move the value after the colon away',
    },
    {
      name: 'a top-level key indented by one space',
      yaml: `${HEAD} status: active\n`,
      want: 'a.yaml:5:2: this line is indented more (1 space) than the key above it, `category` (line 4), which already has a value: to make it a field beside that key, indent it by 0 spaces; to put it under that key, move the value after the colon away',
    },
    {
      name: 'a key indented less than its siblings but more than its parent',
      yaml: `${HEAD}privacy:\n  dpa:\n    signed: true\n   signed_on: 2024-01-01\n`,
      want: 'a.yaml:8:4: this line is indented less (3 spaces) than `signed` (line 7) above it (4 spaces) but more than `dpa` (line 6) (2 spaces): lines of one mapping or list start in the same column; indent it by 4 spaces to keep it with `signed` (line 7), or by 2 spaces to put it beside `dpa` (line 6)',
    },
    {
      name: 'a list item out of line with the item above it',
      yaml: `${HEAD}sso:\n  protocols:\n    - saml\n  - oidc\n`,
      want: 'a.yaml:8:3: this line is indented less (2 spaces) than the list item on line 7 above it (4 spaces): the items of one list start in the same column; indent it by 4 spaces',
    },
    {
      name: 'two keys on one line',
      yaml: `${HEAD}privacy:\n  dpa: signed: true\n`,
      want: 'a.yaml:6:8: a second key on the same line: put `signed:` on a line of its own, indented under the key before it, or put the value in quotes if its colon is part of the text',
    },
    {
      name: 'a line with no colon',
      yaml: `${HEAD}vendor_contact\n`,
      want: /^a\.yaml:5:1: expected `key: value` here: a colon and a space after the field name are missing/,
    },
  ])('$name', ({ yaml, want }) => {
    const got = yamlProblems(yaml);
    expect(got).toHaveLength(1); // one mistake, one message (the parser reports two or three)
    if (typeof want === 'string') expect(got[0]).toBe(want);
    else expect(got[0]).toMatch(want);
    expect(got[0]).not.toMatch(PARSER_WORDS);
  });

  it('other syntax errors keep the parser words, located', () => {
    const got = yamlProblems(`${HEAD}privacy: { sells_data: false\n`);
    expect(got[0]).toMatch(/^a\.yaml:\d+:\d+: YAML syntax error: /);
  });
});

describe('a file that is not UTF-8', () => {
  it('a Windows-1252 byte is located by line and column, and the message says to save as UTF-8', () => {
    const bytes = Buffer.concat([Buffer.from(`${HEAD}vendor_contact: "Ren`), Buffer.from([0xe9]), Buffer.from('e"\n')]);
    const [msg] = yamlProblems(bytes);
    expect(msg).toMatch(/^a\.yaml:5:21: this file is not valid UTF-8 text: the first character here is not UTF-8 .*save the file as UTF-8/);
  });

  it('firstInvalidUtf8 counts characters, CRLF and CR-only line ends, and refuses overlong and surrogate forms', () => {
    expect(firstInvalidUtf8(Buffer.from([0x61, 0xe9]))).toEqual({ line: 1, column: 2 });
    expect(firstInvalidUtf8(Buffer.concat([Buffer.from('é漢🎒'), Buffer.from([0x92])]))).toEqual({ line: 1, column: 5 });
    expect(firstInvalidUtf8(Buffer.from([0x61, 0x0d, 0x0a, 0x62, 0x0d, 0x63, 0x96]))).toEqual({ line: 3, column: 2 });
    expect(firstInvalidUtf8(Buffer.from([0xc0, 0xaf]))).toEqual({ line: 1, column: 1 }); // overlong "/"
    expect(firstInvalidUtf8(Buffer.from([0x41, 0xed, 0xa0, 0x80]))).toEqual({ line: 1, column: 2 }); // a UTF-16 surrogate
    expect(firstInvalidUtf8(Buffer.from([0x41, 0xe2, 0x82]))).toEqual({ line: 1, column: 2 }); // cut short
  });
});

describe('schema values answered with what to write', () => {
  it.each([
    { name: 'grades: [Pre-K]', yaml: `${HEAD}grades: [Pre-K]\n`, want: 'a.yaml:5:10: `grades[0]`: "Pre-K" is not written as grade codes: write PK (grades are PK, TK, K, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, or a range like K-5)' },
    { name: 'grades: [Kindergarten-Grade 5]', yaml: `${HEAD}grades: [Kindergarten-Grade 5]\n`, want: /`grades\[0\]`: "Kindergarten-Grade 5" is not written as grade codes: write K-5/ },
    { name: 'grades: K-12 (text, not a list)', yaml: `${HEAD}grades: K-12\n`, want: 'a.yaml:5:9: `grades`: expected a list; write `grades: [K-12]` (square brackets, items separated by commas) (found "K-12")' },
    { name: 'grades: K, 1, 2', yaml: `${HEAD}grades: K, 1, 2\n`, want: /`grades`: expected a list; write `grades: \[K, 1, 2\]`/ },
    { name: 'signed: yes', yaml: `${HEAD}privacy:\n  dpa: { signed: yes }\n`, want: 'a.yaml:6:18: `privacy.dpa.signed`: expected true or false; write `signed: true` (YAML reads yes, y and on as text, not as true) (found "yes")' },
    { name: 'sells_data: No', yaml: `${HEAD}privacy:\n  sells_data: No\n`, want: /`privacy\.sells_data`: expected true or false; write `sells_data: false`/ },
    { name: 'a quoted "true"', yaml: `${HEAD}mobile:\n  responsive: "true"\n`, want: /`mobile\.responsive`: expected true or false, unquoted; write `responsive: true`/ },
    { name: 'category: Supplemental', yaml: HEAD.replace('supplemental', 'Supplemental'), want: 'a.yaml:4:11: `category`: expected one of core, supplemental, intervention, assessment, productivity, administrative; write it exactly as listed: supplemental (found "Supplemental")' },
    { name: 'conformance: aa', yaml: `${HEAD}accessibility:\n  conformance: aa\n`, want: /`accessibility\.conformance`: expected one of A, AA, AAA, partial, none; write it exactly as listed: AA \(found "aa"\)/ },
    { name: 'model: per-seat', yaml: `${HEAD}cost:\n  model: per-seat\n  unit_price: 3\n`, want: /`cost\.model`: expected one of .*; write it exactly as listed: per_seat \(found "per-seat"\)/ },
    { name: 'status: activ', yaml: `${HEAD}status: activ\n`, want: /`status`: expected one of proposed, pilot, active, sunsetting, retired; did you mean active\? \(found "activ"\)/ },
    { name: 'unit_price: "$3,500"', yaml: `${HEAD}cost:\n  model: per_seat\n  unit_price: "$3,500"\n`, want: "a.yaml:7:15: `cost.unit_price`: expected an amount in US dollars (a number); write `unit_price: 3500` (found \"$3,500\")" },
  ])('$name', ({ yaml, want }) => {
    const got = manifestProblems(yaml);
    expect(got).toHaveLength(1);
    if (typeof want === 'string') expect(got[0]).toBe(want);
    else expect(got[0]).toMatch(want);
    expect(got[0]).not.toMatch(PARSER_WORDS);
  });
});
