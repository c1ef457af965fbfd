/**
 * Issue 16 class 8: policy patterns run on RE2 (linear time), so a
 * catastrophic pattern cannot stall a run; patterns RE2 cannot run are
 * refused with file:line:col.
 */
import { cpSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileSafePattern, safePatternProblem } from '../../src/model/pattern.js';
import { edvetAsync, ensureBinary, ROOT, tempDir } from './helpers.js';

describe('compileSafePattern', () => {
  it('matches like the JavaScript pattern did (anywhere, case-insensitive)', () => {
    const p = compileSafePattern('@staff\\.district\\.example$');
    expect(['ann@STAFF.district.example', 'x@staff.district.example'].map((s) => p.test(s))).toEqual([true, true]);
    expect(['x@students.district.example', 'staff'].map((s) => p.test(s))).toEqual([false, false]);
    expect(compileSafePattern('^t[0-9]{3}$').test('T123')).toBe(true);
  });

  it('answers nested quantifiers on hostile ids without backtracking', () => {
    const ids = Array.from({ length: 50 }, (_, i) => `${'a'.repeat(2000 + i)}!`);
    for (const src of ['^(a+)+$', '^(a|a)*$', '^(a|aa)+$', '(x+x+)+y']) {
      const p = compileSafePattern(src);
      expect(ids.filter((id) => p.test(id))).toEqual([]);
    }
  }, 20_000);

  it.each(['(a)\\1', '(?=x)a', '(?<!x)a', '(', 'a{2,1}'])('refuses %j with a reason', (src) => {
    expect(safePatternProblem(src)).toMatch(/RE2 syntax/);
  });
});

describe('teacher_pattern in a run (built binary)', () => {
  let dir: string;
  beforeAll(async () => {
    await ensureBinary();
    dir = tempDir('edvet-regex-');
  });
  afterAll(() => {
    if (dir && existsSync(dir)) rmSync(dir, { recursive: true, force: true });
  });

  const setup = (name: string, pattern: string): string => {
    const d = join(dir, name);
    cpSync(join(ROOT, 'fixtures/demo-district/catalog'), d, { recursive: true });
    const policy = readFileSync(join(d, 'edvet.policy.yaml'), 'utf8').replace(/^\s*teacher_pattern:.*\n/m, '');
    writeFileSync(join(d, 'edvet.policy.yaml'), policy.replace(/^usage:\n/m, `usage:\n  teacher_pattern: ${JSON.stringify(pattern)}\n`));
    return d;
  };

  it('a catastrophic pattern over 50 long ids finishes', async () => {
    const d = setup('slow', '^(a+)+$');
    const rows = Array.from({ length: 50 }, (_, i) => `2026-01-05T10:00:00Z,${'a'.repeat(60 + i)}!,,AtlasWorks Geography`);
    writeFileSync(join(dir, 'slow.csv'), `timestamp,user_id,role,app\n${rows.join('\n')}\n`);
    const r = await edvetAsync(['usage', '--catalog', d, '--usage', join(dir, 'slow.csv'), '--as-of', '2026-01-30', '--format', 'json'], { timeoutMs: 60_000 });
    expect(r.signal).toBeNull();
    expect(r.status, r.stderr).not.toBe(2);
    const report = JSON.parse(r.stdout) as { products: { id: string; usage: { activeUsers: number; activeTeachers: number } | null }[] };
    const atlas = report.products.find((p) => p.id === 'atlasworks')!;
    expect(atlas.usage!.activeUsers).toBe(50);
    expect(atlas.usage!.activeTeachers).toBe(0);
  });

  it('a backreference is refused by validate, located', async () => {
    const d = setup('backref', '^(t)\\1$');
    const r = await edvetAsync(['validate', d]);
    expect(r.status).toBe(2);
    expect(r.stdout).toMatch(/edvet\.policy\.yaml:\d+:\d+: `usage\.teacher_pattern`: expected a regular expression edvet can run in linear time/);
  });
});
