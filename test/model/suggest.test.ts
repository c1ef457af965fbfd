/** Alias suggestions (usage-sources.md "Alias suggestions"): the exact normalisation, closeness and score. */
import { describe, expect, it } from 'vitest';
import { levenshtein, suggester, tokens } from '../../src/model/suggest.js';
import { policyWith } from '../rules/helpers.js';

const IGNORE = policyWith().usage.suggest_ignore;

describe('alias suggestions', () => {
  it('tokenises after NFKD, without combining marks, lower-cased, less the ignored words', () => {
    expect(tokens('Ｑｕｉｚｌｙ for Schools — Café-Lite (LTI 1.3)', new Set(IGNORE))).toEqual(['quizly', 'cafe', 'lite', '1', '3']);
    expect(IGNORE).toContain('clever');
    expect(IGNORE).toHaveLength(25);
  });

  it('measures the Levenshtein distance', () => {
    expect([levenshtein('ghostap', 'ghostapp'), levenshtein('kitten', 'sitting'), levenshtein('', 'abc'), levenshtein('same', 'same')]).toEqual([1, 3, 3, 0]);
  });

  const products = [
    { id: 'quizly', names: ['quizly', 'Quizly'] },
    { id: 'ghostapp', names: ['ghostapp', 'GhostApp'] },
    { id: 'ghosttracked', names: ['ghosttracked', 'GhostTracked'] },
    { id: 'canvas', names: ['canvas', 'Canvas LMS'] },
    { id: 'scribespark', names: ['scribespark', 'ScribeSpark Writing Coach', 'ScribeSpark'] },
    { id: 'b-math', names: ['b-math', 'Math Lab'] },
    { id: 'a-math', names: ['a-math', 'Math Lab Plus'] },
  ];
  const suggest = suggester(products, IGNORE);

  it('suggests by token containment (Jaccard score) or by edit ratio on 8 or more characters, else nothing', () => {
    expect(suggest('Quizly Add-on')).toBe('quizly'); // {quizly, add, on} ⊇ {quizly}
    expect(suggest('Ghost Ap')).toBe('ghostapp'); // ghostap vs ghostapp: 1 − 1/8 = 0.875
    expect(suggest('Canva')).toBeNull(); // canva vs canvas: the longer has 6 characters, under the floor of 8
    expect(suggest('Google SSO')).toBeNull(); // every token ignored
    expect(suggest('Kahoot!')).toBeNull();
    // the demo's "Scribe Spark Writer": {scribe, spark, writer} contains no name's token set, and the edit ratio
    // of scribesparkwriter against scribespark (1 − 6/17) or scribesparkwritingcoach is under 0.85
    expect(suggest('Scribe Spark Writer')).toBeNull();
    expect(suggest('ScribeSpark Writer')).toBe('scribespark'); // {scribespark, writer} ⊇ {scribespark}
  });

  it('takes the best score, ties to the lowest product id', () => {
    // {math, lab} is contained in both names' token sets: Jaccard 1 for b-math's "Math Lab", 2/3 for a-math's
    expect(suggest('Math Lab')).toBe('b-math');
    const tie = suggester([{ id: 'zeta', names: ['Reading Room'] }, { id: 'alpha', names: ['Reading Room Pro'] }, { id: 'beta', names: ['Room Reading'] }], IGNORE);
    expect(tie('Room Reading')).toBe('beta'); // Jaccard 1 for zeta's and beta's names: beta < zeta
  });
});
