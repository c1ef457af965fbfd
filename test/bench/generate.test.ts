/**
 * The bench's data generator (test/bench/generate.mjs): deterministic from its seed,
 * the shape quality.md asks for (header, every user present, 40 apps, ~10 %
 * teachers, ISO timestamps in time order), and the window helper the bench
 * and the memory test compare edvet against.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { APPS, HEADER, generateUsage, windowStart } from './generate.mjs';

const tmp = mkdtempSync(join(tmpdir(), 'edvet-gen-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const sha = (f: string) => createHash('sha256').update(readFileSync(f)).digest('hex');

describe('test/bench/generate.mjs', () => {
  it('writes the same bytes for the same seed and other bytes for another seed', () => {
    const a = join(tmp, 'a.csv');
    const b = join(tmp, 'b.csv');
    const c = join(tmp, 'c.csv');
    generateUsage(a, 30_000, { users: 5_000 });
    generateUsage(b, 30_000, { users: 5_000 });
    generateUsage(c, 30_000, { users: 5_000, seed: 7 });
    expect(sha(a)).toBe(sha(b));
    expect(sha(a)).not.toBe(sha(c));
  });

  it('has the edvet header, every user, 40 apps, ~10 % teachers, ISO timestamps in time order', () => {
    const f = join(tmp, 'shape.csv');
    const users = 20_000;
    const rows = 120_000;
    const out = generateUsage(f, rows, { users });
    const lines = readFileSync(f, 'latin1').split('\n');
    expect(lines[0]).toBe(HEADER);
    expect(lines.at(-1)).toBe('');
    const data = lines.slice(1, -1);
    expect(data).toHaveLength(rows);
    expect(out.bytes).toBe(readFileSync(f).length);
    const ids = new Set<string>();
    const apps = new Set<string>();
    const teachers = new Set<string>();
    const wrong: string[] = [];
    let prev = '';
    for (const line of data) {
      const [ts, user, role, app, school, grade] = line.split(',');
      if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/.test(ts) || ts < prev || !/^sch-\d{2}$/.test(school)) wrong.push(line);
      else if ((role === 'student') !== (grade !== '')) wrong.push(line);
      prev = ts;
      ids.add(user);
      apps.add(app);
      if (role === 'teacher') teachers.add(user);
    }
    expect(wrong.slice(0, 3)).toEqual([]);
    expect(ids.size).toBe(users);
    expect(apps.size).toBe(APPS);
    expect(teachers.size / users).toBeCloseTo(0.1, 2);
  });

  it('counts a window of school days back from as-of, as-of included (weekdays without a calendar)', () => {
    expect(windowStart('2026-06-05', 1)).toBe('2026-06-05'); // a Friday
    expect(windowStart('2026-06-05', 5)).toBe('2026-06-01');
    expect(windowStart('2026-06-06', 1)).toBe('2026-06-05'); // a Saturday: the Friday before
    expect(windowStart('2026-06-05', 30)).toBe('2026-04-27');
  });
});
