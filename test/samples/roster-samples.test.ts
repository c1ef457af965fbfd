/**
 * The real OneRoster sets (catalyst/moodle-enrol_oneroster fixtures) and the
 * Microsoft SDS look-alikes from ../shared/samples: all load or give a clear
 * input error, never a crash, and no error quotes a person's data.
 */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadRoster } from '../../src/load/roster/index.js';
import { EdvetError } from '../../src/model/errors.js';
import { needsShared, sharedPath } from '../shared-dir.js';

const SKIP = needsShared('test/samples/roster-samples.test.ts, the public OneRoster and SDS samples');

const samples = sharedPath('samples');
const catalyst = (name: string) => join(samples, 'oneroster-catalyst', name);
const sds = (name: string) => join(samples, 'sds-microsoft', name);
const list = (a: Int32Array) => Array.from(a);

describe.skipIf(SKIP)('real OneRoster sets', () => {
  it('Test_full_data_set (1.1): tobedeleted class skipped, grades "09,10,11"', async () => {
    const r = await loadRoster(catalyst('Test_full_data_set'));
    expect(r.kind).toBe('oneroster-1.1');
    expect(r.size).toBe(6);
    const john = r.lookup('usr-222-123456');
    expect(r.role(john)).toBe('teacher');
    expect(r.lookup('John.Doe@myschool.com')).toBe(john);
    expect(r.lookup('jim.smith')).toBeGreaterThanOrEqual(0);
    expect(r.role(r.lookup('thomas.joness'))).toBe('family');
    expect(list(r.teachersWithAccess(null, null))).toHaveLength(2);
    // john teaches the physics class (grades 09,10,11); the grade-10 history class is tobedeleted
    expect(list(r.teachersWithAccess(['org-sch-222-456'], ['9']))).toContain(john);
    expect(list(r.teachersWithAccess(null, ['12']))).not.toContain(john);
    expect(list(r.teachersWithAccess(['elsewhere'], null))).toEqual([]);
  });

  it('Test_minimal_data_set (1.1): empty status and grade cells', async () => {
    const r = await loadRoster(catalyst('Test_minimal_data_set'));
    expect(r.kind).toBe('oneroster-1.1');
    expect(r.size).toBe(6);
    expect(list(r.teachersWithAccess(['org-sch-222-456'], null))).toHaveLength(2);
    // no grade anywhere: no teacher is known to teach any grade
    expect(list(r.teachersWithAccess(null, ['9']))).toEqual([]);
  });

  it('oneroster_test_data (1.2): roles.csv, userProfiles.csv', async () => {
    const r = await loadRoster(catalyst('oneroster_test_data'));
    expect(r.kind).toBe('oneroster-1.2');
    expect(r.size).toBe(1);
    expect(r.role(r.lookup('brucewayne'))).toBe('student');
    expect(list(r.teachersWithAccess(null, null))).toEqual([]);
  });

  it('v1p2_full_dataset (1.2): misspelled and empty headers, ragged roles.csv, primary role wins', async () => {
    const r = await loadRoster(catalyst('v1p2_full_dataset'));
    expect(r.kind).toBe('oneroster-1.2');
    expect(r.size).toBe(6);
    const john = r.lookup('usr-222-123456');
    expect(r.role(john)).toBe('teacher'); // primary teacher, secondary guardian
    expect(r.role(r.lookup('usr-222-1234561'))).toBe('staff'); // siteAdministrator
    expect(list(r.teachersWithAccess(null, null))).toHaveLength(2);
    expect(list(r.teachersWithAccess(null, ['10']))).toContain(john);
  });
});

describe.skipIf(SKIP)('Microsoft School Data Sync samples', () => {
  it('SDS v2 is read by its headers', async () => {
    const r = await loadRoster(sds('sds-v2'));
    expect(r.kind).toBe('sds-v2');
    expect(r.size).toBe(29);
    expect(r.role(r.lookup('oklein@classrmtest31.org'))).toBe('student'); // "Student", capitalised
    expect(list(r.teachersWithAccess(null, null)).length).toBeGreaterThan(0);
  });

  it('SDS v2.1 is read by its headers: roles.csv with isPrimary, guardians from relationships.csv', async () => {
    const r = await loadRoster(sds('sds-v2.1'));
    expect(r.kind).toBe('sds-v2.1');
    expect(r.size).toBe(8);
    expect(r.role(r.lookup('114006'))).toBe('teacher'); // professor
    expect(r.role(r.lookup('kfein@classrmtest31.org'))).toBe('teacher');
    expect(r.role(r.lookup('114002'))).toBe('family');
    expect(list(r.teachersWithAccess(['110003'], ['10']))).toEqual([r.lookup('114007')]);
  });

  it.each(['sds-v1-classic/25-users', 'sds-v1-classic/min-required'])('classic SDS (%s) is a clear input error', async (name) => {
    const err = await loadRoster(sds(name)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(EdvetError);
    expect((err as EdvetError).kind).toBe('input');
    expect((err as EdvetError).message).toMatch(/School Data Sync/);
    expect((err as EdvetError).message).toMatch(/user_id,role,school_id,grade/);
  });

  it('every sample file, given as a simple roster, loads or is an input error that quotes no one', async () => {
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const p = join(dir, name);
        if (statSync(p).isDirectory()) walk(p);
        else if (name.endsWith('.csv')) files.push(p);
      }
    };
    walk(join(samples, 'sds-microsoft'));
    walk(join(samples, 'oneroster-catalyst'));
    expect(files.length).toBeGreaterThan(20);
    for (const f of files) {
      const err = await loadRoster(f).then(
        () => null,
        (e: unknown) => e,
      );
      if (err === null) continue;
      expect(err, f).toBeInstanceOf(EdvetError);
      expect((err as EdvetError).kind).toBe('input');
      expect((err as EdvetError).message).not.toMatch(/Klein|Bruce|john\.doe|@classrmtest31|@myschool/i);
    }
  });
});
