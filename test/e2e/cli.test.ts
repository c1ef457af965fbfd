/** The CLI surface: version, help, --as-of, rules and explain, colour, no stack traces. */
import { beforeAll, describe, expect, it } from 'vitest';
import type { CommandContext } from '../../src/commands/context.js';
import { runExplain } from '../../src/commands/rules.js';
import { RULE_IDS } from '../../src/rules/index.js';
import { edvet, edvetJson, ensureBuilt, expectUsageOrInputError, ROOT, STACK_FRAME, WORKED } from './helpers.js';

beforeAll(() => ensureBuilt());

const CONF = `${WORKED}/vet`;
const vetArgs = ['vet', `${CONF}/catalog`, '--policy', `${CONF}/policy.yaml`, '--as-of', '2026-11-23'];
const ANSI = /\x1b\[/;

describe('basics', () => {
  it('--version prints the version', () => {
    const r = edvet(['--version']);
    expect(r.status).toBe(0);
    expect(r.stdout.trim()).toBe('0.1.0');
  });

  it('no arguments prints the help, exit 0', () => {
    const r = edvet([]);
    expect(r.status).toBe(0);
    expect(r.stdout + r.stderr).toMatch(/vet/);
  });

  it('--help lists the commands', () => {
    const r = edvet(['--help']);
    expect(r.status).toBe(0);
    for (const c of ['vet', 'validate', 'usage', 'sunset', 'audit', 'letters', 'init', 'rules', 'explain']) expect(r.stdout).toContain(c);
  });
});

describe('exit 2 for what the user typed wrong, without a stack trace', () => {
  // Unknown commands, flags, formats, --fail-on levels, rules and a folder as --policy: each with its
  // exact message in test/hardening/bad-input.test.ts.
  it.each(['2026-13-01', 'yesterday', '11/23/2026', '2026-1-5'])('a bad --as-of %s', (d) => {
    expectUsageOrInputError(edvet(['vet', `${CONF}/catalog`, '--policy', `${CONF}/policy.yaml`, '--as-of', d]), /--as-of/);
  });

  it('a bad --as-of is refused before any file is read', () => {
    expectUsageOrInputError(edvet(['vet', 'no/such/path', '--as-of', 'tomorrow']), /--as-of/);
  });

  it('no stack trace in any exit-2 stderr', () => {
    // (the other exit-2 cases are checked for stack traces in test/hardening/bad-input.test.ts)
    const runs = [
      ['vet', 'fixtures/bad/proto-keys.yaml'],
      ['rules', '--bogus'],
      ['vet', 'fixtures/rules/privacy.dpa', '--baseline', 'fixtures/bad/binary.yaml', '--as-of', '2026-11-23'],
    ];
    for (const args of runs) {
      const r = edvet(args);
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stderr, args.join(' ')).not.toMatch(STACK_FRAME);
      expect(r.stderr, args.join(' ')).not.toMatch(/internal error/);
    }
  });

  it('no error quotes the content of a binary file', () => {
    const r = edvet(['vet', 'fixtures/bad/acr-binary', '--as-of', '2026-11-23']);
    expect(r.stderr).not.toContain('SECRET');
  });
});

describe('rules and explain', () => {
  it('rules --format json lists every rule in registry order with its texts and policy defaults', () => {
    const { status, json } = edvetJson<{ schemaVersion: number; rules: { id: string; check: string; title: string; description: string; policyKeys: string[]; remediation: string; policyDefaults: Record<string, unknown> }[] }>(['rules', '--format', 'json']);
    expect(status).toBe(0);
    expect(json.schemaVersion).toBe(1);
    expect(json.rules.map((r) => r.id)).toEqual([...RULE_IDS]);
    for (const r of json.rules) {
      expect(r.title.length).toBeGreaterThan(0);
      expect(r.description.length).toBeGreaterThan(0);
      expect(r.remediation.length).toBeGreaterThan(0);
      expect(Object.keys(r.policyDefaults)).toEqual(r.policyKeys);
    }
    const ess = json.rules.find((r) => r.id === 'evidence.essa-tier')!;
    expect(ess.policyDefaults).toMatchObject({ 'evidence.max_tier': 4, 'evidence.max_tier_by_category': { intervention: 3 }, 'evidence.max_study_age_years': null });
  });

  it('explain privacy.dpa --format json quotes the rule and its defaults', () => {
    const { status, json } = edvetJson<{ rule: { id: string; check: string; policyKeys: string[]; policyDefaults: Record<string, unknown> } }>(['explain', 'privacy.dpa', '--format', 'json']);
    expect(status).toBe(0);
    expect(json.rule).toMatchObject({ id: 'privacy.dpa', check: 'privacy', policyKeys: ['privacy.dpa_expiry_warn_days'], policyDefaults: { 'privacy.dpa_expiry_warn_days': 90 } });
  });

  it('explain works for every rule in every format (in process; the binary once per format)', async () => {
    const ctx = (format: string): CommandContext => ({ cwd: ROOT, now: new Date(0), clock: () => 0, format, failOn: 'fail', tool: [], color: false, progress: false, stderr: () => {}, status: () => {} });
    for (const id of RULE_IDS) {
      const t = await runExplain(ctx('table'), id);
      expect([id, t.exitCode, t.stdout.startsWith(`${id} — `)]).toEqual([id, 0, true]);
      expect((await runExplain(ctx('markdown'), id)).stdout).toContain(`# \`${id}\``);
      expect((JSON.parse((await runExplain(ctx('json'), id)).stdout) as { rule: { id: string } }).rule.id).toBe(id);
    }
    const t = edvet(['explain', 'usage.dormant-seats']);
    expect(t.status).toBe(0);
    expect(t.stdout).toBe((await runExplain(ctx('table'), 'usage.dormant-seats')).stdout);
    const m = edvet(['explain', 'usage.dormant-seats', '--format', 'markdown']);
    expect(m.status).toBe(0);
    expect(m.stdout).toBe((await runExplain(ctx('markdown'), 'usage.dormant-seats')).stdout);
  });

  it('rules (table) lists every id', () => {
    const r = edvet(['rules']);
    expect(r.status).toBe(0);
    for (const id of RULE_IDS) expect(r.stdout).toContain(id);
  });
});

describe('colour', () => {
  it('NO_COLOR: no escape sequences, statuses as words', () => {
    const r = edvet([...vetArgs, '--format', 'table'], { env: { NO_COLOR: '1', FORCE_COLOR: undefined } });
    expect(r.status).toBe(1);
    expect(r.stdout).not.toMatch(ANSI);
    expect(r.stderr).not.toMatch(ANSI);
    expect(r.stdout).toMatch(/fail/i);
  });

  it('--no-color likewise, even with FORCE_COLOR set', () => {
    const r = edvet([...vetArgs, '--format', 'table', '--no-color'], { env: { NO_COLOR: undefined, FORCE_COLOR: '1' } });
    expect(r.stdout).not.toMatch(ANSI);
  });

  it('piped output without NO_COLOR has no colour either (not a terminal)', () => {
    const r = edvet([...vetArgs, '--format', 'table'], { env: { NO_COLOR: undefined } });
    expect(r.stdout).not.toMatch(ANSI);
  });
});
