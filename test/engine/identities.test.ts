/** Identity unification and role resolution of the usage aggregation (src/engine/identities.ts). */
import { describe, expect, it } from 'vitest';
import { Identities } from '../../src/engine/identities.js';
import { ROLE_STRENGTH, type Role } from '../../src/model/roles.js';
import type { Roster } from '../../src/model/roster.js';

function roster(entries: { id: string; email?: string; role: Role }[]): Roster {
  return {
    source: 'test',
    kind: 'simple',
    warnings: [],
    size: entries.length,
    lookup(identifier) {
      const key = identifier.trim().toLowerCase();
      const i = entries.findIndex((e) => e.id === key);
      return i >= 0 ? i : entries.findIndex((e) => e.email === key);
    },
    role: (i) => entries[i].role,
    teachersWithAccess: () => new Int32Array(0),
    gradeMask: () => 0,
    schoolsOf: () => [],
    schoolKeys: () => [],
    schoolLabel: (k) => k,
  };
}

describe('Identities', () => {
  it('unifies an export user with the roster user by id or email, others by their trimmed lower-cased identifier', () => {
    const ids = new Identities(roster([{ id: 't1', email: 't1@district.org', role: 'teacher' }]), null);
    expect([ids.userOf('T1'), ids.userOf('t1@District.org'), ids.userOf(' t1 ')]).toEqual([0, 0, 0]);
    const a = ids.userOf('Ext@x');
    expect(a).toBe(1);
    expect([ids.userOf(' ext@X '), ids.userOf('other')]).toEqual([1, 2]);
    expect(ids.size).toBe(3);
  });

  it('resolves one role per user: the roster role, else the strongest export role, else teacher by pattern, else unknown', () => {
    const ids = new Identities(roster([{ id: 'r0', role: 'student' }, { id: 'r1', role: 'unknown' }]), /^t\./g);
    const r0 = ids.userOf('r0');
    const r1 = ids.userOf('r1');
    const pattern = ids.userOf('t.lee');
    const both = ids.userOf('t.kim');
    const plain = ids.userOf('x');
    ids.noteRole(both, 'family');
    ids.noteRole(both, 'staff');
    ids.noteRole(both, 'student'); // weaker than staff: file order does not matter
    expect([ids.roleOf(r0), ids.roleOf(r1), ids.roleOf(pattern), ids.roleOf(both), ids.roleOf(plain)]).toEqual([
      ROLE_STRENGTH.student,
      ROLE_STRENGTH.unknown,
      ROLE_STRENGTH.teacher,
      ROLE_STRENGTH.staff,
      ROLE_STRENGTH.unknown,
    ]);
    ids.noteRole(r0, 'teacher'); // the roster's role wins over any export's (rules.md "Roles that disagree")
    ids.noteRole(r1, 'teacher'); // a roster user with no roster role takes the export's
    expect([...ids.resolvedRoles()]).toEqual([ROLE_STRENGTH.student, ROLE_STRENGTH.teacher, ROLE_STRENGTH.teacher, ROLE_STRENGTH.staff, 0]);
  });

  it('grows past its first arrays', () => {
    const ids = new Identities(null, /^t/);
    for (let i = 0; i < 100; i++) ids.userOf(`${i % 2 ? 't' : 's'}${i}`);
    const roles = ids.resolvedRoles();
    expect(roles.length).toBe(100);
    expect(roles.filter((r) => r === ROLE_STRENGTH.teacher).length).toBe(50);
  });
});
