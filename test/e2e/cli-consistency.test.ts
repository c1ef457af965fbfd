/**
 * One CLI: every missing required option or argument answered in edvet's
 * words with the command's usage line and exit 2; help that lists each flag's
 * choices and only the flags a command takes; `explain` with the values of
 * the policy in force and with a check name; init's "Next" line.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUILTIN_FORMATS } from '../../src/load/usage/formats.js';
import { FORMATS_BY_COMMAND } from '../../src/reporters/index.js';
import { RULES } from '../../src/rules/index.js';
import { edvet, edvetJson, ensureBuilt, expectUsageOrInputError } from '../rules/helpers.js';

beforeAll(() => ensureBuilt());
const tmp = mkdtempSync(join(tmpdir(), 'edvet-cli-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const CAT = ['--catalog', 'fixtures/demo-district/catalog'];

/** The lines of an exit-2 answer: edvet's prefix first, then the command's usage line and where to read more. */
function expectEdvetUsageError(args: string[], command: string, mentions: RegExp): void {
  const r = edvet(args);
  expectUsageOrInputError(r, mentions);
  const lines = r.stderr.trimEnd().split('\n');
  expect(lines[0]).toMatch(/^edvet: error: /);
  expect(lines.filter((l) => /^error:/.test(l))).toEqual([]);
  expect(lines).toContain(`Run \`edvet ${command} --help\` for its flags.`);
  const usage = lines.find((l) => l.startsWith(`Usage: edvet ${command} `));
  expect(usage, r.stderr).toBeDefined();
  // the usage line is the one the command's help starts with
  expect(edvet([command, '--help']).stdout.split('\n')[0]).toBe(usage);
  expect(r.stdout).toBe('');
}

describe('a missing required option or argument', () => {
  it.each([
    ['usage', ['usage', '--usage', 'fixtures/demo-district/usage'], /`edvet usage` needs --catalog PATH/],
    ['sunset', ['sunset'], /`edvet sunset` needs --catalog PATH/],
    ['letters', ['letters', '--out-dir', 'x'], /`edvet letters` needs --catalog PATH/],
    ['letters', ['letters', ...CAT], /`edvet letters` needs --out-dir DIR/],
    ['import', ['import', 'a.csv'], /`edvet import` needs --out-dir DIR/],
    ['explain', ['explain'], /`edvet explain` needs RULE/],
    ['audit', ['audit'], /`edvet audit` needs --catalog PATH \(or --demo\)/],
    ['usage', ['usage', ...CAT], /`edvet usage` needs --usage FILE/],
  ])('%s %#', (command, args, mentions) => expectEdvetUsageError(args as string[], command as string, mentions as RegExp));

  it('an unknown flag and a wrong format get the same usage line', () => {
    expectEdvetUsageError(['vet', '--catlog', 'x'], 'vet', /unknown option '--catlog'/);
    expectEdvetUsageError(['list', '--format', 'junit'], 'list', /unknown --format 'junit' for `edvet list`/);
  });

  it('an unknown command points at the command list', () => {
    const r = edvet(['vett']);
    expectUsageOrInputError(r, /^edvet: error: unknown command 'vett'; did you mean vet\?$/m);
    expect(r.stderr).toContain('Run `edvet --help` for the commands.');
  });
});

describe('help', () => {
  /** The flags a command's --help lists (long names). */
  const flagsOf = (command: string) => [...edvet([command, '--help']).stdout.matchAll(/^ {2}(?:-\w, )?(--[\w-]+)/gm)].map((m) => m[1]);
  const formatHelp = (command: string) => {
    const help = edvet([command, '--help']).stdout.replace(/\n\s+/g, ' ');
    return /--format <name> +output format: ([^]*?)(?= --|$)/.exec(help)?.[1] ?? '';
  };

  it.each(Object.keys(FORMATS_BY_COMMAND) as (keyof typeof FORMATS_BY_COMMAND)[])('%s --help lists its formats, the default first', (command) => {
    const formats = FORMATS_BY_COMMAND[command];
    const listed = formatHelp(command);
    if (command === 'import') {
      expect(edvet(['import', '--help']).stdout.replace(/\n\s+/g, ' ')).toMatch(/--format <name> +table \(default: [^)]*\) or json/);
      return;
    }
    expect(listed.replace(/\.$/, '').split(', ').map((f) => f.replace(' (default)', ''))).toEqual([...formats]);
    expect(listed.startsWith(`${formats[0]} (default)`)).toBe(true);
  });

  it('only the flags a command takes', () => {
    expect(flagsOf('letters')).not.toContain('--output');
    expect(flagsOf('letters')).not.toContain('--fail-on');
    expect(flagsOf('validate')).not.toContain('--as-of');
    expect(flagsOf('validate')).not.toContain('--fail-on');
    expect(flagsOf('usage')).not.toContain('--baseline');
    expect(flagsOf('init')).toEqual(['--help']);
    expect(flagsOf('rules')).toEqual(['--format', '--output', '--help']);
    expect(flagsOf('explain')).toEqual(['--policy', '--format', '--output', '--help']);
    expect(flagsOf('vet')).toEqual(expect.arrayContaining(['--policy', '--as-of', '--format', '--output', '--tool', '--no-color', '--quiet', '--fail-on', '--baseline']));
    const letters = edvet(['letters', ...CAT, '--out-dir', join(tmp, 'l'), '--output', 'x.md']);
    expectUsageOrInputError(letters, /unknown option '--output'/);
  });

  it('--usage-format lists every built-in export format', () => {
    const help = edvet(['usage', '--help']).stdout.replace(/\n\s+/g, ' ');
    for (const f of BUILTIN_FORMATS) expect(help).toContain(` ${f},`);
  });

  it('--fail-on lists its levels', () => {
    expect(edvet(['vet', '--help']).stdout.replace(/\n\s+/g, ' ')).toMatch(/--fail-on <level>.*choices: "fail", "warn", "never"/);
  });
});

describe('explain', () => {
  const policyDir = join(tmp, 'district');
  beforeAll(() => {
    mkdirSync(policyDir, { recursive: true });
    writeFileSync(join(policyDir, 'edvet.policy.yaml'), 'cost:\n  max_per_student: 1.25\nprivacy:\n  dpa_expiry_warn_days: 45\n');
  });

  it('shows the values of the policy in force (here: the current folder) beside the defaults', () => {
    const { status, json } = edvetJson<{ policy: { source: string }; rule: { policyValues: Record<string, unknown>; policyDefaults: Record<string, unknown> } }>(
      ['explain', 'cost.per-student', '--format', 'json'],
      { cwd: policyDir },
    );
    expect(status).toBe(0);
    expect(json.policy.source).toBe('edvet.policy.yaml');
    expect(json.rule.policyValues).toEqual({ 'cost.max_per_student': 1.25, 'cost.applies_to': ['supplemental'] });
    expect(json.rule.policyDefaults['cost.max_per_student']).toBe(5);
    const table = edvet(['explain', 'cost.per-student'], { cwd: policyDir }).stdout;
    expect(table).toMatch(/^ {2}cost\.max_per_student: 1\.25 \(default 5\)$/m);
    expect(table).toMatch(/^ {2}cost\.applies_to: \[ supplemental \]$/m);
    const md = edvet(['explain', 'cost.per-student', '--format', 'markdown'], { cwd: policyDir }).stdout;
    expect(md).toContain('| `cost.max_per_student` | `1.25` | `5` |');
  });

  it('--policy names the policy; without any, the defaults', () => {
    const other = join(tmp, 'other.yaml');
    writeFileSync(other, 'privacy:\n  dpa_expiry_warn_days: 30\n');
    const withFlag = edvetJson<{ rule: { policyValues: Record<string, unknown> } }>(['explain', 'privacy.dpa', '--format', 'json', '--policy', other], { cwd: policyDir });
    expect(withFlag.json.rule.policyValues).toEqual({ 'privacy.dpa_expiry_warn_days': 30 });
    const none = edvetJson<{ policy: { source: string }; rule: { policyValues: Record<string, unknown> } }>(['explain', 'privacy.dpa', '--format', 'json'], { cwd: tmp });
    expect(none.json.policy.source).toBe('defaults');
    expect(none.json.rule.policyValues).toEqual({ 'privacy.dpa_expiry_warn_days': 90 });
    expect(none.stderr).toBe('');
  });

  it.each([...new Set(RULES.map((r) => r.check))])('explain %s lists the rules of that check', (check) => {
    const ids = RULES.filter((r) => r.check === check).map((r) => r.id);
    const { status, json } = edvetJson<{ check: string; rules: { id: string; check: string; policyValues: Record<string, unknown> }[] }>(['explain', check, '--format', 'json']);
    expect(status).toBe(0);
    expect(json.check).toBe(check);
    expect(json.rules.map((r) => r.id)).toEqual(ids);
    const table = edvet(['explain', check]);
    expect(table.status).toBe(0);
    expect(table.stdout.split('\n')[0]).toMatch(new RegExp(`^check ${check}: ${ids.length} rules? `));
    for (const id of ids) expect(table.stdout).toMatch(new RegExp(`^ {2}${id.replace('.', '\\.')} `, 'm'));
  });

  it('explain cost shows the policy value of its rule', () => {
    const r = edvet(['explain', 'cost'], { cwd: policyDir });
    expect(r.stdout).toMatch(/cost\.max_per_student: 1\.25$/m);
  });
});

describe('init', () => {
  it('with no folder, the next step is not `cd .`', () => {
    const here = join(tmp, 'init-here');
    mkdirSync(here);
    const r = edvet(['init'], { cwd: here });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^Next: edvet vet catalog$/m);
    expect(r.stdout).not.toContain('cd .');
  });

  it('with a folder, cd into it first (quoted when it needs quoting)', () => {
    const r = edvet(['init', 'my district'], { cwd: tmp });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^Next: cd 'my district' && edvet vet catalog$/m);
  });
});
