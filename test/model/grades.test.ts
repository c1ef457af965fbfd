import { describe, expect, it } from 'vitest';
import { GRADES, cedsToGrade, expandGrades, gradeRank, isCedsNonK12, lowestGradeRank, suggestGrade } from '../../src/model/grades.js';

describe('grades', () => {
  it('lists PK, TK, K, 1..12 in order', () => {
    expect(GRADES).toEqual(['PK', 'TK', 'K', '1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '11', '12']);
    expect(gradeRank('PK')).toBe(0);
    expect(gradeRank('k')).toBe(2);
    expect(gradeRank(12)).toBe(14);
    expect(gradeRank('07')).toBe(9);
    expect(gradeRank('13')).toBe(-1);
    expect(gradeRank('')).toBe(-1);
  });

  it('expands ranges and single grades, distinct and ordered', () => {
    expect(expandGrades(['K-5'])).toEqual({ grades: ['K', '1', '2', '3', '4', '5'] });
    expect(expandGrades(['6-8'])).toEqual({ grades: ['6', '7', '8'] });
    expect(expandGrades(['9-12'])).toEqual({ grades: ['9', '10', '11', '12'] });
    expect(expandGrades(['PK-2'])).toEqual({ grades: ['PK', 'TK', 'K', '1', '2'] });
    expect(expandGrades([3, 'K', '2 - 3', 'pk'])).toEqual({ grades: ['PK', 'K', '2', '3'] });
    expect(expandGrades(['5-5'])).toEqual({ grades: ['5'] });
    expect(expandGrades([])).toEqual({ grades: [] });
  });

  it('reports the first bad item and its index', () => {
    expect(expandGrades(['K', '13'])).toMatchObject({ index: 1 });
    expect(expandGrades(['8-6'])).toMatchObject({ index: 0, error: expect.stringContaining('reversed') });
    expect(expandGrades(['K-5', 'K-Z'])).toMatchObject({ index: 1, error: expect.stringContaining('unknown grade') });
    expect(expandGrades(['1-2-3'])).toMatchObject({ index: 0, error: expect.stringContaining('malformed') });
    expect(expandGrades(['6', 'first'])).toMatchObject({ index: 1 });
  });

  it.each([
    ['Pre-K', 'PK'],
    ['PreK', 'PK'],
    ['pre k', 'PK'],
    ['Preschool', 'PK'],
    ['Pre-K-5', 'PK-5'],
    ['Pre-K – 2', 'PK-2'],
    ['Pre-K to 2', 'PK-2'],
    ['T-K', 'TK'],
    ['Transitional Kindergarten', 'TK'],
    ['Kindergarten', 'K'],
    ['Kindergarten-Grade 5', 'K-5'],
    ['K-Grade 12', 'K-12'],
    ['Grade 3', '3'],
    ['3rd', '3'],
    ['3rd grade', '3'],
  ])('suggests grade codes for %j: %s', (text, codes) => {
    expect(suggestGrade(text)).toBe(codes);
    const r = expandGrades([text]);
    expect(r).toMatchObject({ index: 0, error: `"${text}" is not written as grade codes: write ${codes} (grades are PK, TK, K, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, or a range like K-5)` });
  });

  it('suggests nothing where no reading is clear', () => {
    for (const t of ['13', 'K-Z', 'first', 'Grade 13', '5-Pre-K', 'adult']) expect(suggestGrade(t), t).toBeNull();
    expect(expandGrades(['K-Z'])).toMatchObject({ error: 'unknown grade "Z" in range "K-Z": expected one of PK, TK, K, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12' });
    expect(expandGrades(['13'])).toMatchObject({ error: 'unknown grade "13": expected one of PK, TK, K, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12 or a range like K-5' });
  });

  it('finds the lowest grade rank', () => {
    expect(lowestGradeRank(['6', 'K', '12'])).toBe(2);
    expect(lowestGradeRank(['9', 10])).toBe(11);
    expect(lowestGradeRank([])).toBeNull();
    expect(lowestGradeRank(['x'])).toBeNull();
  });

  it('maps CEDS codes', () => {
    expect(cedsToGrade('KG')).toBe('K');
    expect(cedsToGrade('01')).toBe('1');
    expect(cedsToGrade('09')).toBe('9');
    expect(cedsToGrade('12')).toBe('12');
    expect(cedsToGrade(' pk ')).toBe('PK');
    expect(cedsToGrade('TK')).toBe('TK');
    expect(cedsToGrade('13')).toBeNull();
    expect(cedsToGrade('PS')).toBeNull();
    expect(cedsToGrade('UG')).toBeNull();
    expect(cedsToGrade('00')).toBeNull();
    expect(cedsToGrade('grade 1')).toBeNull();
    expect(isCedsNonK12('Other')).toBe(true);
    expect(isCedsNonK12('KG')).toBe(false);
  });
});
