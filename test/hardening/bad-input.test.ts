/**
 * Every error reads well (quality.md "Bad input: a clear error, nothing
 * lost"): each case of the list runs through the built CLI and must end with
 * exit 2, one readable message naming the file (and line:col where it has
 * one), and no stack trace; bad rows of a usage export are a counted skip
 * with their line numbers instead. docs/errors.md lists these messages.
 */
import { chmodSync, existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { edvetAsync, ensureBinary, pool, STACK_FRAME, tempDir, type Run } from './helpers.js';

const B = 'fixtures/bad';
const P = ['--policy', 'fixtures/privacy/edvet.policy.yaml', '--as-of', '2026-11-23'];
const CAT = ['--catalog', 'fixtures/privacy/catalog', ...P];
const ONE_USAGE = ['--usage', 'fixtures/privacy/usage/edvet-signins.csv'];

let tmp = '';
const T = (name: string) => join(tmp, name);

interface Case {
  name: string;
  args: () => string[];
  /** The error line (or, for `validate`, the stdout line) it must contain. */
  message: RegExp;
  /** How many `edvet: error:` lines (default 1). */
  count?: number;
  /** `validate` prints its error list on stdout. */
  onStdout?: boolean;
  skip?: string;
}

const cases: Case[] = [
  // ---- YAML
  { name: 'YAML syntax error', args: () => ['vet', `${B}/syntax-error.yaml`], message: /^edvet: error: fixtures\/bad\/syntax-error\.yaml:7:1: YAML syntax error: /m },
  { name: 'tabs for indentation', args: () => ['vet', `${B}/tabs.yaml`], message: /tabs\.yaml:6:1: a tab is used for indentation; YAML needs spaces/ },
  { name: 'duplicate keys', args: () => ['vet', `${B}/duplicate-key.yaml`], message: /duplicate-key\.yaml:7:3: duplicate key `sells_data`: each field may appear once/ },
  { name: 'an alias to an undefined anchor', args: () => ['vet', `${B}/undefined-alias.yaml`], message: /undefined-alias\.yaml:5:9: an alias \(\*name\) refers to an anchor \(&name\) that is not defined above it/ },
  { name: 'a document that is a list', args: () => ['vet', `${B}/list-document.yaml`], message: /list-document\.yaml:1:1: this document is a list; expected a product manifest/ },
  { name: 'a document that is a scalar', args: () => ['vet', `${B}/scalar-document.yaml`], message: /scalar-document\.yaml:1:1: this document is a single value; expected a product manifest/ },
  { name: 'a binary file', args: () => ['vet', `${B}/binary.yaml`], message: /binary\.yaml: this is not a text file \(it holds binary bytes\); expected YAML text/ },
  { name: 'a YAML file that is not UTF-8 (the first bad byte located)', args: () => ['vet', T('latin1.yaml')], message: /latin1\.yaml:1:8: this file is not valid UTF-8 text: .*save the file as UTF-8/ },
  // ---- messages a person trips on (issue 13): the user's words and what to write instead
  { name: 'a key indented under a key that has a value', args: () => ['vet', T('indented-more.yaml')], message: /indented-more\.yaml:9:7: this line is indented more \(6 spaces\) than the key above it, `signed` \(line 8\)/ },
  { name: 'a key between two columns', args: () => ['vet', T('indented-less.yaml')], message: /indented-less\.yaml:9:4: this line is indented less \(3 spaces\) than `signed` \(line 8\) above it \(4 spaces\) but more than `dpa`/ },
  { name: 'grades: [Pre-K]', args: () => ['vet', T('pre-k.yaml')], message: /pre-k\.yaml:6:10: `grades\[0\]`: "Pre-K" is not written as grade codes: write PK/ },
  { name: 'grades: K-12 as text', args: () => ['vet', T('grades-text.yaml')], message: /grades-text\.yaml:6:9: `grades`: expected a list; write `grades: \[K-12\]`/ },
  { name: 'signed: yes', args: () => ['vet', T('signed-yes.yaml')], message: /signed-yes\.yaml:7:18: `privacy\.dpa\.signed`: expected true or false; write `signed: true`/ },
  { name: 'category: Supplemental', args: () => ['vet', T('capital.yaml')], message: /capital\.yaml:4:11: `category`: expected one of .*; write it exactly as listed: supplemental \(found "Supplemental"\)/ },
  { name: 'only empty files: no product at all', args: () => ['vet', `${B}/empty-only`], message: /empty-only: no product found: the manifests given hold no product/ },
  { name: 'an alias bomb', args: () => ['vet', `${B}/alias-bomb.yaml`], message: /alias-bomb\.yaml:\d+:\d+: too many YAML aliases/ },
  // ---- manifest schema (manifest.md "Errors that must be caught")
  { name: 'duplicate id (names both files)', args: () => ['vet', `${B}/duplicate-id`], message: /duplicate-id\/b\.yaml:4:5: duplicate id `same-id`: also used in fixtures\/bad\/duplicate-id\/a\.yaml:1:5/ },
  { name: 'a usage alias claimed twice', args: () => ['vet', `${B}/duplicate-alias`], message: /duplicate-alias\/b\.yaml:6:20: usage alias "mathapp" is also claimed by product `alias-one`/ },
  { name: 'a client id claimed twice, or equal to another product\'s name', args: () => ['vet', `${B}/duplicate-client-id`], count: 2, message: /duplicate-client-id\/b\.yaml:6:16: client id "111-q\.apps\.googleusercontent\.com" is also claimed by product `quizly` \(fixtures\/bad\/duplicate-client-id\/a\.yaml\)/ },
  { name: 'wrong type', args: () => ['vet', `${B}/wrong-type.yaml`], message: /wrong-type\.yaml:6:14: `evidence\.essa_tier`: expected an ESSA tier: 1, 2, 3, 4 or null \(found "two"\)/ },
  { name: 'value out of range', args: () => ['vet', `${B}/out-of-range.yaml`], message: /out-of-range\.yaml:6:14: `evidence\.essa_tier`: expected an ESSA tier from 1 to 4 \(found 5\)/ },
  { name: 'negative money', args: () => ['vet', `${B}/negative-money.yaml`], message: /negative-money\.yaml:7:15: `cost\.unit_price`: expected an amount ≥ 0 \(found -3\.5\)/ },
  { name: 'seats: 0 with per_seat', args: () => ['vet', `${B}/seats-zero.yaml`], message: /seats-zero\.yaml:8:10: `cost\.seats`: seats must be at least 1 with the per_seat model/ },
  { name: 'an impossible date', args: () => ['vet', `${B}/impossible-date.yaml`], message: /impossible-date\.yaml:8:17: `privacy\.dpa\.expires_on`: impossible date .*\(found "2026-02-30"\)/ },
  { name: 'expires_on before signed_on', args: () => ['vet', `${B}/expires-before-signed.yaml`], message: /expires-before-signed\.yaml:9:17: `privacy\.dpa\.expires_on`: expires_on 2025-06-01 is before signed_on 2026-06-01/ },
  { name: 'an unknown field, with a suggestion', args: () => ['vet', `${B}/unknown-field.yaml`], message: /unknown-field\.yaml:6:3: unknown field `evidence\.essa_teir`; did you mean `essa_tier`\?/ },
  { name: 'an unknown top-level field, with a suggestion', args: () => ['vet', `${B}/unknown-top-field.yaml`], message: /unknown-top-field\.yaml:5:1: unknown field `vendr_contact`; did you mean `vendor_contact`\?/ },
  { name: 'a missing required field', args: () => ['vet', `${B}/missing-required.yaml`], message: /missing-required\.yaml:1:1: missing required field `name`/ },
  { name: 'a bad id', args: () => ['vet', `${B}/bad-id.yaml`], message: /bad-id\.yaml:1:5: `id`: expected an id of lowercase letters/ },
  { name: 'a bad category', args: () => ['vet', `${B}/bad-category.yaml`], message: /bad-category\.yaml:4:11: `category`: expected one of core, supplemental/ },
  { name: 'an unknown grade', args: () => ['vet', `${B}/unknown-grade.yaml`], message: /unknown-grade\.yaml:5:13: `grades\[1\]`: unknown grade "13"/ },
  { name: 'a reversed grade range', args: () => ['vet', `${B}/reversed-range.yaml`], message: /reversed-range\.yaml:5:13: `grades\[1\]`: reversed grade range "8-6"/ },
  { name: 'a site contract without annual_total', args: () => ['vet', `${B}/site-no-total.yaml`], message: /site-no-total\.yaml:6:10: `cost\.model`: a site contract needs cost\.annual_total/ },
  { name: 'one bad document among several', args: () => ['vet', `${B}/multi-doc-one-bad`], message: /multi-doc-one-bad\/products\.yaml:11:14: `evidence\.essa_tier`/ },
  { name: 'all errors of a run together (validate)', args: () => ['validate', `${B}/many-errors`], message: /many-errors\/a\.yaml:6:14: .*\n.*a\.yaml:7:3: .*\n.*a\.yaml:10:15: .*\n.*b\.yaml:6:1: .*\n.*c\.yaml:7:17: /, onStdout: true },
  { name: 'all errors of a run together (vet)', args: () => ['vet', `${B}/many-errors`], message: /c\.yaml:7:17: `privacy\.dpa\.expires_on`: impossible date/, count: 5 },
  // ---- policy
  { name: 'policy: a list document', args: () => ['vet', 'fixtures/privacy/catalog', '--policy', `${B}/policy/list-document.yaml`], message: /policy\/list-document\.yaml:1:1: this document is a list; expected a policy/ },
  { name: 'policy: a syntax error', args: () => ['vet', 'fixtures/privacy/catalog', '--policy', `${B}/policy/syntax-error.yaml`], message: /policy\/syntax-error\.yaml:3:1: YAML syntax error: / },
  { name: 'policy: two documents', args: () => ['vet', 'fixtures/privacy/catalog', '--policy', `${B}/policy/two-documents.yaml`], message: /two-documents\.yaml:4:1: a policy file holds one YAML document; found more than one/ },
  { name: 'policy: an unknown key lists the valid ones', args: () => ['vet', 'fixtures/privacy/catalog', '--policy', `${B}/policy/unknown-key.yaml`], message: /unknown-key\.yaml:3:3: unknown field `privacy\.dpa_expiry_days`; expected one of: dpa_expiry_warn_days/ },
  { name: 'policy: wrong types (both reported)', args: () => ['vet', 'fixtures/privacy/catalog', '--policy', `${B}/policy/wrong-type.yaml`], message: /wrong-type\.yaml:4:23: `usage\.dormant_warn_ratio`: /, count: 2 },
  { name: 'policy: a waiver without approved_by', args: () => ['vet', 'fixtures/privacy/catalog', '--policy', `${B}/policy/waiver-no-approver.yaml`], message: /waiver-no-approver\.yaml:2:5: missing required field `waivers\[0\]\.approved_by`/ },
  { name: 'policy: a waiver without expires_on', args: () => ['vet', 'fixtures/privacy/catalog', '--policy', `${B}/policy/waiver-no-expiry.yaml`], message: /waiver-no-expiry\.yaml:2:5: missing required field `waivers\[0\]\.expires_on`/ },
  { name: 'policy: a waiver without reason', args: () => ['vet', 'fixtures/privacy/catalog', '--policy', `${B}/policy/waiver-no-reason.yaml`], message: /waiver-no-reason\.yaml:2:5: missing required field `waivers\[0\]\.reason`/ },
  { name: 'policy: a waiver naming an unknown rule, with a suggestion', args: () => ['vet', 'fixtures/privacy/catalog', '--policy', `${B}/policy/waiver-unknown-rule.yaml`], message: /waiver-unknown-rule\.yaml:3:11: waiver names an unknown rule or check `accessibility\.wcga`; did you mean `accessibility\.wcag`\?/ },
  { name: 'policy: a folder', args: () => ['vet', 'fixtures/privacy/catalog', '--policy', 'fixtures/privacy/catalog'], message: /fixtures\/privacy\/catalog: this is a folder; expected a policy file/ },
  // ---- OpenACR
  { name: 'OpenACR: the report does not exist', args: () => ['vet', `${B}/acr-missing`], message: /acr-missing\/product\.yaml:6:12: the OpenACR report acr\/nowhere\.yaml does not exist/ },
  { name: 'OpenACR: no chapters', args: () => ['vet', `${B}/acr-no-chapters`], message: /acr-no-chapters\/report\.yaml:1:1: malformed OpenACR report: no `chapters` mapping/ },
  { name: 'OpenACR: a binary file', args: () => ['vet', `${B}/acr-binary`], message: /acr-binary\/report\.pdf\.yaml: this is not a text file/ },
  // ---- usage CSV (exit 2 cases)
  { name: 'CSV: an empty file', args: () => ['usage', ...CAT, '--usage', 'fixtures/usage/empty.csv'], message: /fixtures\/usage\/empty\.csv: the file is empty \(no header row\)/ },
  { name: 'CSV: a header only', args: () => ['usage', ...CAT, '--usage', 'fixtures/usage/header-only.csv'], message: /header-only\.csv:1: no data rows after the header/ },
  { name: 'CSV: a header that matches no format (lists the formats; quotes only known column names)', args: () => ['usage', ...CAT, '--usage', 'fixtures/usage/unknown-header.csv'], message: /unknown-header\.csv:1: the header matches no usage format \(known formats: edvet, edvet-summary, entra-signins, canvas-last-access, canvas-access-tokens, moodle-log, edvet-last-seen, edvet-counts, google-token-audit, google-saml, google-oauth-log, google-user-report\); the first row \(3 cells\) holds no column name edvet knows/ },
  { name: 'CSV: UTF-16 without a BOM', args: () => ['usage', ...CAT, '--usage', 'fixtures/usage/utf16-no-bom.csv'], message: /utf16-no-bom\.csv: looks like UTF-16 text without a byte-order mark/ },
  { name: 'CSV: no usable row (every row bad)', args: () => ['usage', ...CAT, '--usage', 'fixtures/usage/no-usable-row.csv'], message: /no-usable-row\.csv: no usable sign-in in 3 rows \(.*\); first bad lines: 2, 3, 4/ },
  { name: 'CSV: a 10 MB header line', args: () => ['usage', ...CAT, '--usage', T('long-header.csv')], message: /long-header\.csv:1: the header row cannot be read \(line too long\)/ },
  { name: 'CSV: a 10 MB single data line and nothing else', args: () => ['usage', ...CAT, '--usage', T('long-only.csv')], message: /long-only\.csv: no usable sign-in in 1 row \(1 line too long\); first bad lines: 2/ },
  { name: 'CSV: NUL bytes in the header', args: () => ['usage', ...CAT, '--usage', 'fixtures/hostile/csv/nul-in-header.csv'], message: /nul-in-header\.csv:1: the header row cannot be read \(NUL byte\)/ },
  { name: 'CSV: a forced format whose columns are missing', args: () => ['usage', ...CAT, ...ONE_USAGE, '--usage-format', 'moodle-log'], message: /edvet-signins\.csv:1: usage format "moodle-log": columns "Time", "User full name", "Event context", "Component", "Event name" not in the header/ },
  { name: 'CSV: not gzip although named .gz', args: () => ['usage', ...CAT, '--usage', T('truncated.csv.gz')], message: /truncated\.csv\.gz: not a valid gzip file \(corrupt or truncated\)/ },
  // ---- roster
  { name: 'roster: an unknown grade', args: () => ['usage', ...CAT, ...ONE_USAGE, '--roster', 'fixtures/roster/simple-bad-grade.csv'], message: /simple-bad-grade\.csv:3:15: unknown grade: expected one of PK, TK, K/ },
  { name: 'roster: an empty user_id', args: () => ['usage', ...CAT, ...ONE_USAGE, '--roster', 'fixtures/roster/simple-empty-id.csv'], message: /simple-empty-id\.csv:2:1: empty user_id: every row needs a user id/ },
  { name: 'roster: no role column', args: () => ['usage', ...CAT, ...ONE_USAGE, '--roster', 'fixtures/roster/simple-no-role.csv'], message: /simple-no-role\.csv:1:1: missing column "role"/ },
  { name: 'roster: OneRoster classes.csv without schoolSourcedId', args: () => ['usage', ...CAT, ...ONE_USAGE, '--roster', 'fixtures/roster/missing-school-column'], message: /missing-school-column\/classes\.csv:1:1: missing column "schoolSourcedId"/ },
  { name: 'roster: a users.csv given instead of its folder', args: () => ['usage', ...CAT, ...ONE_USAGE, '--roster', 'fixtures/roster/oneroster-1.1/USERS.csv'], message: /USERS\.csv:1:1: looks like a OneRoster users\.csv: give --roster the folder/ },
  { name: 'roster: a folder without users.csv', args: () => ['usage', ...CAT, ...ONE_USAGE, '--roster', 'fixtures/privacy/catalog'], message: /catalog: no users\.csv in this folder/ },
  { name: 'roster: an unclosed quote', args: () => ['usage', ...CAT, ...ONE_USAGE, '--roster', 'fixtures/privacy/bad/roster-unclosed-quote.csv'], message: /roster-unclosed-quote\.csv:3: cannot be read as CSV \(a quoted field is never closed\)/ },
  { name: 'roster: missing', args: () => ['usage', ...CAT, ...ONE_USAGE, '--roster', 'no/such/roster.csv'], message: /no\/such\/roster\.csv: roster not found/ },
  // ---- files
  { name: 'a missing manifest path', args: () => ['vet', 'no/such/catalog'], message: /^edvet: error: no\/such\/catalog: no such file or folder; expected a manifest file or a catalog folder/ },
  { name: 'a missing usage export', args: () => ['usage', ...CAT, '--usage', 'no/such.csv'], message: /no\/such\.csv: no such file or folder; expected a usage export/ },
  { name: 'a missing policy', args: () => ['vet', 'fixtures/privacy/catalog', '--policy', 'no/such/policy.yaml'], message: /no\/such\/policy\.yaml: no such file or folder; expected a policy file/ },
  { name: 'a missing baseline', args: () => ['vet', 'fixtures/privacy/catalog', ...P, '--baseline', 'no/such.json'], message: /no\/such\.json: no such file; expected an earlier edvet JSON report for --baseline/ },
  { name: 'a baseline that is not JSON', args: () => ['vet', 'fixtures/privacy/catalog', ...P, '--baseline', 'fixtures/privacy/edvet.policy.yaml'], message: /edvet\.policy\.yaml: not a JSON report; expected the output of `edvet vet --format json`/ },
  { name: 'a folder with no manifests', args: () => ['vet', `${B}/no-manifests`], message: /no-manifests: this folder holds no manifests \(no \*\.yaml or \*\.yml files\)/ },
  { name: 'a folder with no usage exports', args: () => ['usage', ...CAT, '--usage', `${B}/no-manifests`], message: /no-manifests: this folder holds no usage exports/ },
  { name: 'a file where a folder is expected (--out-dir)', args: () => ['letters', ...CAT, '--out-dir', 'fixtures/privacy/edvet.policy.yaml'], message: /edvet\.policy\.yaml: this is a file; expected a folder for --out-dir/ },
  { name: 'a file where a folder is expected (inside a path)', args: () => ['vet', 'fixtures/privacy/edvet.policy.yaml/catalog'], message: /edvet\.policy\.yaml\/catalog: a part of this path is a file, not a folder/ },
  { name: 'no permission to read a manifest', args: () => ['vet', T('noperm/a.yaml')], message: /a\.yaml: permission denied: cannot read/, skip: process.getuid?.() === 0 ? 'running as root: permissions are not enforced' : undefined },
  { name: '--output whose folder does not exist', args: () => ['vet', 'fixtures/privacy/catalog', ...P, '--output', 'no/such/dir/report.json'], message: /no\/such\/dir\/report\.json: the folder no\/such\/dir does not exist; create it first or choose another --output path/ },
  { name: '--output that is a folder', args: () => ['vet', 'fixtures/privacy/catalog', ...P, '--output', 'fixtures'], message: /fixtures: this is a folder; expected a file path for --output/ },
  // ---- flags
  { name: 'an unknown command', args: () => ['vett', 'x'], message: /^edvet: error: unknown command 'vett'; did you mean vet\?/ },
  { name: 'an unknown flag', args: () => ['vet', 'fixtures/privacy/catalog', '--bogus'], message: /error: unknown option '--bogus'/ },
  { name: 'a bad --as-of', args: () => ['vet', 'fixtures/privacy/catalog', '--as-of', '2026-02-30'], message: /bad --as-of date '2026-02-30': expected an ISO date YYYY-MM-DD that exists on the calendar/ },
  { name: 'a bad --fail-on', args: () => ['vet', 'fixtures/privacy/catalog', '--fail-on', 'sometimes'], message: /'sometimes' is invalid\. Allowed choices are fail, warn, never/ },
  { name: 'an unknown --usage-format lists the known ones', args: () => ['usage', ...CAT, ...ONE_USAGE, '--usage-format', 'classlink'], message: /unknown --usage-format 'classlink'; expected one of: edvet, edvet-summary, entra-signins, canvas-last-access, canvas-access-tokens, moodle-log/ },
  { name: 'a --tool not in the catalog', args: () => ['vet', 'fixtures/privacy/catalog', ...P, '--tool', 'nope'], message: /--tool names 'nope', not in the catalog/ },
  { name: 'audit without --catalog', args: () => ['audit'], message: /`edvet audit` needs --catalog PATH \(or --demo\)/ },
  { name: 'usage without --usage', args: () => ['usage', ...CAT], message: /`edvet usage` needs --usage FILE/ },
  { name: 'letters without --out-dir', args: () => ['letters', ...CAT], message: /^edvet: error: `edvet letters` needs --out-dir DIR: the folder to write letters into/ },
  { name: 'letters with --output', args: () => ['letters', ...CAT, '--out-dir', T('letters'), '--output', T('x.md')], message: /^edvet: error: unknown option '--output'/ },
  { name: 'explain of an unknown rule', args: () => ['explain', 'privacy.dpaa'], message: /unknown rule or check 'privacy\.dpaa'; did you mean 'privacy\.dpa'\?/ },
  ...(
    [
      ['vet', ['vet', 'fixtures/privacy/catalog', ...P], 'table, json, markdown, csv, junit, sarif, github, html'],
      ['validate', ['validate', 'fixtures/privacy/catalog'], 'table, json'],
      ['usage', ['usage', ...CAT, ...ONE_USAGE], 'table, json, markdown, csv, html'],
      ['sunset', ['sunset', ...CAT, ...ONE_USAGE], 'table, json, markdown, csv, html'],
      ['audit', ['audit', ...CAT], 'table, json, markdown, csv, junit, sarif, github, html'],
      ['letters', ['letters', ...CAT, '--out-dir', '/nonexistent-edvet-letters'], 'markdown, html'],
      ['rules', ['rules'], 'table, markdown, json'],
      ['explain', ['explain', 'privacy.dpa'], 'table, markdown, json'],
    ] as const
  ).map(([cmd, args, list]): Case => ({
    name: `an unknown --format for ${cmd} lists the valid ones`,
    args: () => [...args, '--format', 'pdf'],
    message: new RegExp(`unknown --format 'pdf' for \`edvet ${cmd}\`; expected one of: ${list}$`, 'm'),
  })),
];

const runs = new Map<string, Run>();

beforeAll(async () => {
  await ensureBinary();
  tmp = tempDir('edvet-bad-input-');
  writeFileSync(T('latin1.yaml'), Buffer.from('id: caf\xe9\nname: Caf\xe9\n', 'latin1'));
  const head = 'id: app\nname: App\nvendor: V\ncategory: supplemental\nstatus: active\n';
  writeFileSync(T('indented-more.yaml'), `${head}privacy:\n  dpa:\n    signed: true\n      signed_on: 2024-01-01\n`);
  writeFileSync(T('indented-less.yaml'), `${head}privacy:\n  dpa:\n    signed: true\n   signed_on: 2024-01-01\n`);
  writeFileSync(T('pre-k.yaml'), `${head}grades: [Pre-K]\n`);
  writeFileSync(T('grades-text.yaml'), `${head}grades: K-12\n`);
  writeFileSync(T('signed-yes.yaml'), `${head}privacy:\n  dpa: { signed: yes }\n`);
  writeFileSync(T('capital.yaml'), head.replace('supplemental', 'Supplemental'));
  const tenMB = 10 * 1024 * 1024;
  writeFileSync(T('long-header.csv'), `timestamp,${'x'.repeat(tenMB)}\n`);
  writeFileSync(T('long-only.csv'), `timestamp,user_id,role,app\n2026-11-02T10:00:00Z,u1,student,${'Q'.repeat(tenMB)}\n`);
  writeFileSync(T('truncated.csv.gz'), Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x03, 0x2b, 0xc9]));
  writeFileSync(
    T('bad-rows.csv'),
    [
      'timestamp,user_id,role,app',
      '2026-11-02T10:00:00Z,u1,student,Quillwork',
      '2026-11-02T10:00:00Z,u2,student', // ragged: too few
      '2026-11-02T10:00:00Z,u3,student,Quillwork,extra', // ragged: too many
      'not a time,u4,student,Quillwork',
      '2026-11-03T10:00:00Z,u5,student,"Quillwork', // unterminated quote at EOF
      '',
    ].join('\n'),
  );
  mkdirSync(T('noperm'), { recursive: true });
  writeFileSync(T('noperm/a.yaml'), 'id: x\n');
  chmodSync(T('noperm/a.yaml'), 0o000);
  const out = await pool(cases, 4, (c) => edvetAsync(c.args()));
  cases.forEach((c, i) => runs.set(c.name, out[i]));
}, 300_000); // a hang guard: ~100 runs of the binary on a loaded 2-core machine

afterAll(() => {
  if (tmp && existsSync(tmp)) {
    chmodSync(T('noperm/a.yaml'), 0o644);
    rmSync(tmp, { recursive: true, force: true });
  }
});

describe('exit 2, one readable message with file and line:col, no stack trace', () => {
  for (const c of cases) {
    const test = c.skip ? it.skip : it;
    test(c.skip ? `${c.name} (skipped: ${c.skip})` : c.name, () => {
      const r = runs.get(c.name)!;
      expect(r.status, `${r.args.join(' ')}\n${r.stdout.slice(0, 300)}\n${r.stderr}`).toBe(2);
      const all = r.stdout + r.stderr;
      expect(all).not.toMatch(STACK_FRAME);
      expect(all).not.toMatch(/internal error/);
      expect(c.onStdout ? r.stdout : r.stderr).toMatch(c.message);
      if (!c.onStdout) {
        // One message (plus, for what the user typed wrong, the hint to --help), and no report on stdout.
        const errorLines = r.stderr.split('\n').filter((l) => /^(edvet: )?error: /.test(l));
        expect(errorLines.length, r.stderr).toBe(c.count ?? 1);
        expect(r.stdout).toBe('');
        for (const l of errorLines) expect(l.length, 'a readable line, not a dump').toBeLessThan(600);
      }
    });
  }
});

describe('bad rows are a counted skip, by line and reason, never silently dropped', () => {
  it('ragged rows, an unparsable timestamp and an unterminated quote at EOF', async () => {
    const r = await edvetAsync(['usage', ...CAT, '--usage', T('bad-rows.csv'), '--format', 'json']);
    expect([0, 1], r.stderr).toContain(r.status);
    const j = JSON.parse(r.stdout) as { inputs: { rows: number; used: number; bad: Record<string, number>; firstBad: { line: number; reason: string }[] }[] };
    const inp = j.inputs[0];
    expect(inp.used).toBe(1);
    expect(inp.bad).toEqual({ 'wrong column count': 2, 'unparsable timestamp': 1, 'unterminated quote': 1 });
    expect(inp.firstBad).toEqual([
      { line: 3, reason: 'wrong column count' },
      { line: 4, reason: 'wrong column count' },
      { line: 5, reason: 'unparsable timestamp' },
      { line: 6, reason: 'unterminated quote' },
    ]);
    expect(r.stderr).toMatch(/^warning: .*bad-rows\.csv: 4 rows could not be read \(wrong column count: 2, unparsable timestamp: 1, unterminated quote: 1\); first at line 3$/m);
  });

  it.each([
    ['NUL bytes', 'fixtures/usage/edvet-nul-byte.csv', { 'NUL byte': 1 }, 2],
    ['invalid UTF-8', 'fixtures/usage/edvet-invalid-utf8.csv', { 'invalid UTF-8': 1 }, 2],
    ['an unterminated quote at the end of the file', 'fixtures/usage/edvet-unterminated-quote.csv', { 'unterminated quote': 1 }, 3],
  ])('%s', async (_name, file, bad, line) => {
    const r = await edvetAsync(['usage', ...CAT, '--usage', file, '--format', 'json']);
    expect([0, 1], r.stderr).toContain(r.status);
    const j = JSON.parse(r.stdout) as { inputs: { bad: Record<string, number>; firstBad: { line: number }[] }[] };
    expect(j.inputs[0].bad).toEqual(bad);
    expect(j.inputs[0].firstBad[0].line).toBe(line);
    expect(r.stderr).toMatch(new RegExp(`^warning: ${file.replace(/[./]/g, '\\$&')}: 1 row could not be read .*; first at line ${line}$`, 'm'));
  });

  it('an empty manifest beside a good one is a warning, not an error', async () => {
    const r = await edvetAsync(['vet', `${B}/empty-and-good`, '--as-of', '2026-11-23']);
    expect([0, 1]).toContain(r.status);
    expect(r.stderr).toMatch(/^warning: fixtures\/bad\/empty-and-good\/empty\.yaml: the file is empty; it holds no product$/m);
  });

  it('a waiver naming a product outside the run is a warning, not an error', async () => {
    const r = await edvetAsync(['vet', 'fixtures/privacy/catalog', '--policy', `${B}/policy/waiver-unknown-product.yaml`, '--as-of', '2026-11-23']);
    expect([0, 1]).toContain(r.status);
    expect(r.stderr).toMatch(/^warning: waiver for product 'not-in-this-run' names a product not in this run$/m);
  });
});

describe('messages name files as the user gave them', () => {
  it('a roster error names the roster relative to the working folder, like every other file', () => {
    const r = runs.get('roster: an unknown grade')!;
    expect(r.stderr).toMatch(/^edvet: error: fixtures\/roster\/simple-bad-grade\.csv:3:15: /m);
  });
});

describe('a closed pipe (`edvet … | head`)', () => {
  it('the reader closing early ends the run quietly, without a stack trace', async () => {
    const { spawn } = await import('node:child_process');
    const { BIN, ROOT } = await import('./helpers.js');
    const child = spawn(process.execPath, [BIN, 'audit', '--demo', '--format', 'json'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
    child.stdout.once('data', () => child.stdout.destroy());
    await new Promise((done) => child.on('close', done));
    expect(stderr).not.toMatch(STACK_FRAME);
    expect(stderr).not.toMatch(/EPIPE|Unhandled 'error' event/);
  });
});
