import { describe, expect, it } from 'vitest';
import { normaliseRole } from '../../../src/load/usage/roles.js';
import { HeaderIndex, normaliseHeaderName } from '../../../src/load/usage/formats.js';
import { isNoneValue } from '../../../src/load/usage/read.js';

describe('normaliseRole', () => {
  it.each([
    ['student', 'student'],
    ['Learner', 'student'],
    ['TEACHER', 'teacher'],
    ['instructor', 'teacher'],
    ['Faculty', 'teacher'],
    ['professor', 'teacher'],
    ['staff', 'staff'],
    ['administrator', 'staff'],
    ['aide', 'staff'],
    ['counselor', 'staff'],
    ['principal', 'staff'],
    ['siteAdministrator', 'staff'],
    ['districtAdministrator', 'staff'],
    ['systemAdministrator', 'staff'],
    ['proctor', 'staff'],
    ['guardian', 'family'],
    ['Parent', 'family'],
    ['relative', 'family'],
    [' student ', 'student'],
    ['', 'unknown'],
    ['-', 'unknown'],
    ['janitor', 'unknown'],
    ['students', 'unknown'],
  ])('%j → %s', (value, role) => {
    expect(normaliseRole(value)).toBe(role);
  });
  it('maps no value to unknown', () => {
    expect(normaliseRole(undefined)).toBe('unknown');
  });
});

describe('header names', () => {
  it('are matched ignoring case, surrounding spaces, runs of spaces and a BOM', () => {
    expect(normaliseHeaderName('\uFEFF  Autonomous system  number ')).toBe('autonomous system number');
    const h = new HeaderIndex(['', 'Date (UTC)', 'Application ID ', 'Incoming token type', 'Incoming token type']);
    expect(h.col('date (utc)')).toBe(1);
    expect(h.col('Application ID')).toBe(2);
    expect(h.col('Incoming token type')).toBe(3);
    expect(h.col('')).toBe(-1);
    expect(h.missing(['Status', 'date  (UTC)'])).toEqual(['Status']);
  });
});

describe('values meaning none', () => {
  it.each(['', ' ', '-', 'never', 'Never', 'N/A', 'n/a', 'NA', 'NULL', 'null', '\\N'])('%j is none', (v) => {
    expect(isNoneValue(v)).toBe(true);
  });
  it.each(['0', 'NONE', '.', 'nan', 'nevermore', 'N', 'NULLS'])('%j is a value', (v) => {
    expect(isNoneValue(v)).toBe(false);
  });
});
