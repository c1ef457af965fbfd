/** Roles written once (src/model/roles.ts): the value maps of exports and rosters and the strength codes. */
import { describe, expect, it } from 'vitest';
import { normaliseRole, ROLE_STRENGTH, ROLES, roleOfStrength, rosterRole } from '../../src/model/roles.js';

describe('roles', () => {
  it('orders strength teacher > staff > student > family > unknown, and codes round-trip', () => {
    expect([...ROLES].sort((a, b) => ROLE_STRENGTH[b] - ROLE_STRENGTH[a])).toEqual(['teacher', 'staff', 'student', 'family', 'unknown']);
    for (const r of ROLES) expect(roleOfStrength(ROLE_STRENGTH[r])).toBe(r);
    expect(roleOfStrength(9)).toBe('unknown');
  });

  it('maps roster values as export values, plus SDS lecturer', () => {
    for (const v of ['Student', ' faculty ', 'siteAdministrator', 'relative', 'nobody', '']) expect(rosterRole(v)).toBe(normaliseRole(v));
    expect([rosterRole('Lecturer'), normaliseRole('lecturer')]).toEqual(['teacher', 'unknown']);
  });
});
