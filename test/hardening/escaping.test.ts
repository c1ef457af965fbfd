/**
 * Issue 16 class 5: text from the input (file names, YAML keys, grade
 * ranges, waiver tool and rule names) never drives the terminal nor starts a
 * GitHub Actions workflow command on standard error: it passes escape.ts on
 * the way out, whatever message carries it.
 */
import { copyFileSync, existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { escapeLine, escapeLines } from '../../src/model/escape.js';
import { formatProblem } from '../../src/model/errors.js';
import { edvetAsync, ensureBinary, ROOT, tempDir, type Run } from './helpers.js';

const INJECT = '\n::error file=README.md,line=1::PWNED';
const TERMINAL = ['\x1b]8;;https://evil.example\x07link\x1b]8;;\x07', '\x1b[2J', '\x1b]0;title\x07', 'a\rb', '\u009b31m', '\u202eevil'];

/** A workflow command GitHub Actions would run: `::` at a line start after spaces, or `##[` anywhere. */
function workflowCommands(text: string): string[] {
  return text.split('\n').filter((l) => /^\s*::/.test(l) || /##\[/.test(l));
}

/** Characters that act on a terminal: C0 (but the line feed), DEL, C1, bidi overrides. */
function terminalControls(text: string): string[] {
  // eslint-disable-next-line no-control-regex
  return [...text.matchAll(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g)].map((m) => m[0]);
}

describe('escapeLine / escapeLines', () => {
  it.each([INJECT, '::warning::x', '  ::set-output name=a::b', 'x ##[error]y', ...TERMINAL])('neutralises %j', (s) => {
    const out = escapeLine(s);
    expect(out.includes('\n')).toBe(false);
    expect(workflowCommands(out)).toEqual([]);
    expect(terminalControls(out)).toEqual([]);
    expect(escapeLine(out)).toBe(out);
  });

  it('keeps printable text (accents, CJK, emoji) as it is', () => {
    for (const s of ['Café Éducation', '数学アプリ', 'Math 🚀 Lab', 'a::b', 'C:\\data\\x.csv']) expect(escapeLine(s)).toBe(s);
  });

  it('shows what it replaced, so the input stays recognisable', () => {
    expect(escapeLine('a\nb')).toBe('a\\nb');
    expect(escapeLine('\x1b[2J')).toBe('\\x1b[2J');
    expect(escapeLine('\ufeffvendor')).toBe('\\ufeffvendor');
  });

  it('escapeLines keeps the line breaks but defuses every line', () => {
    const out = escapeLines(`error: unknown command 'x${INJECT}'\n(Did you mean vet?)\n`);
    expect(out.split('\n')).toHaveLength(4);
    expect(workflowCommands(out)).toEqual([]);
    expect(terminalControls(out)).toEqual([]);
  });

  it('formatProblem escapes both the file name and the message', () => {
    const out = formatProblem({ file: `a${INJECT}.yaml`, line: 3, column: 1, message: `unknown field \`x${TERMINAL[0]}\`` });
    expect(out.includes('\n')).toBe(false);
    expect(terminalControls(out)).toEqual([]);
  });
});

describe('hostile text reaches stderr escaped (built binary)', () => {
  let dir: string;
  beforeAll(async () => {
    await ensureBinary();
    dir = tempDir('edvet-escape-');
  });
  afterAll(() => {
    if (dir && existsSync(dir)) rmSync(dir, { recursive: true, force: true });
  });

  const check = (r: Run): void => {
    expect(r.status, r.stderr).toBe(2);
    expect(workflowCommands(r.stderr)).toEqual([]);
    expect(terminalControls(r.stderr)).toEqual([]);
    expect(workflowCommands(r.stdout)).toEqual([]);
    expect(r.stderr).not.toMatch(/internal error/);
  };

  it('an unknown key, a bad grade range and a hostile manifest file name', async () => {
    const d = join(dir, 'keys');
    mkdirSync(d);
    const key = JSON.stringify(`x${INJECT}${TERMINAL[0]}`);
    const grade = JSON.stringify(`K-${TERMINAL[1]}${INJECT}`);
    writeFileSync(join(d, `m${INJECT.replace(/\//g, '_')}.yaml`), `id: a\nname: A\nvendor: V\ncategory: core\n${key}: 1\ngrades: [${grade}]\n`);
    for (const cmd of [['vet', d], ['validate', d]]) check(await edvetAsync(cmd));
  });

  it('a waiver naming a hostile tool and rule', async () => {
    const d = join(dir, 'waiver');
    mkdirSync(d);
    copyFileSync(join(ROOT, 'fixtures/demo-district/catalog/atlasworks.yaml'), join(d, 'atlasworks.yaml'));
    const bad = JSON.stringify(`privacy${INJECT}${TERMINAL[2]}`);
    writeFileSync(join(d, 'edvet.policy.yaml'), `waivers:\n  - tool: ${bad}\n    rule: ${bad}\n    reason: r\n    approved_by: b\n    expires_on: 2030-01-01\n`);
    check(await edvetAsync(['vet', d, '--as-of', '2026-01-01']));
  });

  it('a hostile usage export file name and a hostile unknown command', async () => {
    const d = join(dir, 'usage');
    mkdirSync(d);
    const file = join(d, `u${INJECT.replace(/\//g, '_')}${TERMINAL[3]}.csv`);
    writeFileSync(file, 'when,who,what\n');
    check(await edvetAsync(['usage', '--catalog', join(ROOT, 'fixtures/demo-district/catalog'), '--usage', file, '--as-of', '2026-01-01']));
    check(await edvetAsync([`vet${INJECT}`]));
    check(await edvetAsync(['vet', `--bogus${INJECT}${TERMINAL[0]}`]));
  });
});
