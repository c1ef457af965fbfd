/**
 * Grade levels as manifests write them (`PK, TK, K, 1..12`), ranges such as
 * `K-5`, and the CEDS codes rosters use (`PK, TK, KG, 01..12`). Pure functions.
 */

/** Every grade code, lowest first. A grade's rank is its index here. */
export const GRADES: readonly string[] = ['PK', 'TK', 'K', '1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '11', '12'];

const RANK = new Map<string, number>(GRADES.map((g, i) => [g, i]));

/**
 * Rank (index in {@link GRADES}) of one manifest-style grade, ignoring case and
 * surrounding spaces; `KG` is read as `K` and leading zeros are allowed (`07`).
 * -1 when it is not a grade.
 */
export function gradeRank(code: string | number): number {
  let s = String(code).trim().toUpperCase();
  if (s === 'KG') s = 'K';
  if (/^\d+$/.test(s)) s = String(Number(s));
  return RANK.get(s) ?? -1;
}

/**
 * Expands a manifest's `grades` list: single grades and inclusive ranges
 * (`K-5`, `6-8`, `9-12`, `PK-2`). Returns the distinct grades lowest first,
 * or the first problem and the index of the list item that has it (an unknown
 * grade, a malformed or reversed range).
 */
/** How people write grades that are not codes, and the code they mean (a whole item, or the ends of a range). */
const GRADE_WORDS: readonly [RegExp, string][] = [
  [/^pre[\s-]*k(indergarten)?$|^pre[\s-]*school$|^pre[\s-]*kinder$/i, 'PK'],
  [/^t[\s-]*k$|^transitional[\s-]*k(indergarten)?$/i, 'TK'],
  [/^kinder(garten)?$|^kg$/i, 'K'],
  [/^(?:grade|gr\.?)\s*(\d{1,2})$|^(\d{1,2})(?:st|nd|rd|th)(?:\s*grade)?$/i, '$n'],
];

function gradeWord(text: string): string | null {
  for (const [re, code] of GRADE_WORDS) {
    const m = re.exec(text.trim());
    if (!m) continue;
    if (code !== '$n') return code;
    const n = String(Number(m[1] ?? m[2]));
    return RANK.has(n) ? n : null;
  }
  return null;
}

/**
 * The grade codes a person most likely meant by `text` (`Pre-K` → `PK`,
 * `Kindergarten-5` → `K-5`, `Grade 3` → `3`, `Pre-K–Grade 2` → `PK-2`), or
 * null when there is no clear reading. Only for messages: a manifest must
 * write the codes.
 */
export function suggestGrade(text: string): string | null {
  const whole = gradeWord(text);
  if (whole !== null) return whole;
  // A range whose ends are words: try every dash as the separator.
  const dashes = [...text.matchAll(/\s*(?:[-\u2013]|\bto\b|\bthrough\b)\s*/gi)];
  for (const d of dashes) {
    const lo = text.slice(0, d.index).trim();
    const hi = text.slice((d.index ?? 0) + d[0].length).trim();
    const a = gradeRank(lo) >= 0 ? GRADES[gradeRank(lo)] : gradeWord(lo);
    const b = gradeRank(hi) >= 0 ? GRADES[gradeRank(hi)] : gradeWord(hi);
    if (a !== null && b !== null && RANK.get(a)! <= RANK.get(b)!) return `${a}-${b}`;
  }
  return null;
}

function unknownGrade(text: string, bad: string, inRange: boolean): string {
  const codes = `grades are ${GRADES.join(', ')}, or a range like K-5`;
  const hint = suggestGrade(text);
  if (hint !== null) return `"${text}" is not written as grade codes: write ${hint} (${codes})`;
  return inRange ? `unknown grade "${bad}" in range "${text}": expected one of ${GRADES.join(', ')}` : `unknown grade "${text}": expected one of ${GRADES.join(', ')} or a range like K-5`;
}

export function expandGrades(list: readonly (string | number)[]): { grades: string[] } | { error: string; index: number } {
  const seen = new Uint8Array(GRADES.length);
  for (let index = 0; index < list.length; index++) {
    const item = list[index];
    if (typeof item !== 'string' && typeof item !== 'number') {
      return { error: `expected a grade (${GRADES.join(', ')}) or a range like K-5`, index };
    }
    const text = String(item).trim();
    const parts = text.split(/\s*[-\u2013]\s*/);
    if (parts.length === 1) {
      const r = gradeRank(text);
      if (r < 0) return { error: unknownGrade(text, text, false), index };
      seen[r] = 1;
    } else if (parts.length === 2) {
      const lo = gradeRank(parts[0]);
      const hi = gradeRank(parts[1]);
      if (lo < 0 || hi < 0) {
        const bad = lo < 0 ? parts[0] : parts[1];
        return { error: unknownGrade(text, bad, true), index };
      }
      if (lo > hi) return { error: `reversed grade range "${text}": the lower grade comes first (e.g. K-5)`, index };
      for (let r = lo; r <= hi; r++) seen[r] = 1;
    } else {
      const hint = suggestGrade(text);
      return { error: hint !== null ? `"${text}" is not written as grade codes: write ${hint} (grades are ${GRADES.join(', ')}, or a range like K-5)` : `malformed grade range "${text}": expected a range like K-5`, index };
    }
  }
  const grades: string[] = [];
  for (let r = 0; r < GRADES.length; r++) if (seen[r]) grades.push(GRADES[r]);
  return { grades };
}

/** The lowest rank (see {@link gradeRank}) among `grades`, ignoring non-grades; null when there is none. */
export function lowestGradeRank(grades: readonly (string | number)[]): number | null {
  let low: number | null = null;
  for (const g of grades) {
    const r = gradeRank(g);
    if (r >= 0 && (low === null || r < low)) low = r;
  }
  return low;
}

/** CEDS grade-level codes that are valid but outside PK-12 (infant/toddler, preschool, grade 13, postsecondary, ungraded, other). */
const CEDS_NON_K12 = new Set(['IT', 'PR', '13', 'PS', 'UG', 'OTHER']);

/**
 * Maps a CEDS grade-level code (`PK`, `TK`, `KG`, `01`..`12`; also `K` and
 * `1`..`12` without the leading zero) to a grade code of {@link GRADES},
 * ignoring case and surrounding spaces. null for anything else, including the
 * valid CEDS codes outside PK-12 (`IT`, `PR`, `13`, `PS`, `UG`, `Other`).
 */
export function cedsToGrade(code: string): string | null {
  const s = code.trim().toUpperCase();
  if (s === 'PK' || s === 'TK') return s;
  if (s === 'KG' || s === 'K') return 'K';
  if (/^\d{1,2}$/.test(s)) {
    const n = Number(s);
    if (n >= 1 && n <= 12) return String(n);
  }
  return null;
}

/** True for a valid CEDS grade-level code outside PK-12 (`IT`, `PR`, `13`, `PS`, `UG`, `Other`). */
export function isCedsNonK12(code: string): boolean {
  return CEDS_NON_K12.has(code.trim().toUpperCase());
}
