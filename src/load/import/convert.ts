/**
 * Converting a spreadsheet's words into manifest values (import.md "What it
 * writes"): slugs, statuses, grades, audiences, cost models, money, counts,
 * dates, booleans, notice periods. Each converter returns the value, or an
 * `error` saying why the text could not be converted (it becomes a TODO).
 * Pure functions.
 */
import { GRADES, gradeRank } from '../../model/grades.js';
import { AUDIENCES, CATEGORIES, CONFORMANCE, COST_MODELS, STATUSES } from '../schema/manifest.js';
import { isIsoDate } from '../schema/common.js';
import { editDistance } from '../schema/issues.js';
import type { SheetCell } from './sheet.js';

/** A converted value, or why the cell could not be converted. */
export type Converted<T> = { value: T; note?: string } | { error: string };

/** True when a conversion failed. */
export function failed<T>(c: Converted<T>): c is { error: string } {
  return 'error' in c;
}

/**
 * The id slug of a name: NFKD-normalised, accents dropped, lowercased, runs of
 * characters other than `a-z0-9` turned into one `-`, trimmed of `-`.
 */
export function slugify(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** A name as compared for duplicates: case and surrounding spaces ignored. */
export function nameKey(name: string): string {
  return name.trim().toLowerCase();
}

const norm = (s: string) => s.trim().toLowerCase().replace(/[\s_]+/g, ' ');

/** The manifest status of a sheet's status word (import.md): approved/active/yes → active, pilot → pilot, … */
export function mapStatus(text: string): Converted<(typeof STATUSES)[number]> {
  const t = norm(text).replace(/[.!]+$/, '');
  if (t === '') return { value: 'proposed', note: 'the sheet gives no status' };
  if ((STATUSES as readonly string[]).includes(t)) return { value: t as (typeof STATUSES)[number] };
  if (['approved', 'active', 'yes', 'y', 'true', 'in use', 'approved for use', 'live'].includes(t)) return { value: 'active' };
  if (['pilot', 'piloting', 'trial', 'in trial', 'in pilot'].includes(t)) return { value: 'pilot' };
  if (['pending', 'under review', 'in review', 'requested', 'request', 'submitted', 'new'].includes(t)) return { value: 'proposed' };
  if (['retired', 'no longer available', 'inactive', 'discontinued', 'decommissioned', 'no', 'n', 'false'].includes(t)) return { value: 'retired' };
  if (['sunsetting', 'sunset', 'phasing out', 'being retired'].includes(t)) return { value: 'sunsetting' };
  if (['denied', 'not approved', 'rejected', 'declined', 'not recommended'].includes(t)) {
    return { value: 'proposed', note: `the sheet had it as ${JSON.stringify(text.trim())} (denied): proposed until vetted again` };
  }
  return { error: `not a status edvet knows (expected one of ${STATUSES.join(', ')}, or approved, pilot, pending, retired, denied)` };
}

/** TRUE/FALSE, Yes/No, Y/N, 1/0 (and a boolean cell). */
export function parseBool(cell: SheetCell): Converted<boolean> {
  if (typeof cell.value === 'boolean') return { value: cell.value };
  const t = norm(cell.text);
  if (['true', 'yes', 'y', '1', 'x', 'on'].includes(t)) return { value: true };
  if (['false', 'no', 'n', '0', 'off'].includes(t)) return { value: false };
  return { error: 'expected TRUE/FALSE or Yes/No' };
}

/** A category word, when it is one of the manifest's (any case). */
export function parseCategory(text: string): Converted<(typeof CATEGORIES)[number]> {
  const t = norm(text);
  if ((CATEGORIES as readonly string[]).includes(t)) return { value: t as (typeof CATEGORIES)[number] };
  return { error: `not an edvet category (one of ${CATEGORIES.join(', ')})` };
}

/** A cost model from a licence-type word: Site Licence → site, Individual (any spelling) → per_seat, … */
export function parseCostModel(text: string): Converted<(typeof COST_MODELS)[number]> {
  const t = norm(text).replace(/-/g, ' ');
  const snake = t.replace(/ /g, '_');
  if ((COST_MODELS as readonly string[]).includes(snake)) return { value: snake as (typeof COST_MODELS)[number] };
  if (/^(site|school|building)( wide)?( licen[cs]e)?$/.test(t)) return { value: 'site' };
  if (/^district( wide)?( licen[cs]e)?$/.test(t)) return { value: 'district' };
  if (/^(per )?(seat|user|named user|account)s?( licen[cs]e)?$/.test(t)) return { value: 'per_seat' };
  if (/^(per )?students?( licen[cs]e)?$/.test(t)) return { value: 'per_student' };
  if (/^(per )?teachers?( licen[cs]e)?$/.test(t)) return { value: 'per_teacher' };
  if (/^(free|freeware|no cost|free version|free tier)$/.test(t)) return { value: 'free' };
  const word = t.replace(/ licen[cs]es?$/, '');
  // "Individual" in any spelling the sheets use ("Inidividual", "Indvidual", "Individual licence").
  if (/^i/.test(word) && editDistance(word, 'individual') <= 3) return { value: 'per_seat', note: `the sheet says ${JSON.stringify(text.trim())}: one licence per person` };
  return { error: `not a licence type edvet knows (Site Licence → site, Individual → per_seat; the models are ${COST_MODELS.join(', ')})` };
}

/** Money in US dollars: `2500`, `$2,500.00`, `2 500 USD`; never negative. */
export function parseMoney(cell: SheetCell): Converted<number> {
  if (typeof cell.value === 'number') {
    return cell.value >= 0 ? { value: cell.value } : { error: 'a negative amount' };
  }
  const t = cell.text.trim().replace(/^(usd|us\$|\$)\s*/i, '').replace(/\s*(usd|us\$)$/i, '').replace(/[,\s\u00a0]/g, '');
  if (/^\d+(\.\d+)?$/.test(t)) return { value: Number(t) };
  if (/^-\d/.test(t)) return { error: 'a negative amount' };
  return { error: 'expected an amount in US dollars, e.g. 2500 or $2,500.00' };
}

/** A whole number ≥ 0: `150`, `1,000`. */
export function parseCount(cell: SheetCell): Converted<number> {
  if (typeof cell.value === 'number') return Number.isInteger(cell.value) && cell.value >= 0 ? { value: cell.value } : { error: 'expected a whole number ≥ 0' };
  const t = cell.text.trim().replace(/[,\s\u00a0]/g, '');
  if (/^\d+$/.test(t)) return { value: Number(t) };
  if (/^\d+\.0+$/.test(t)) return { value: Number(t) };
  return { error: 'expected a whole number ≥ 0' };
}

/** True when the count cell says the licence has no seat limit. */
export function isUnlimited(text: string): boolean {
  return /^(unlimited|unlimited users|no limit|site|all|n\/a|-)$/i.test(text.trim());
}

/** ESSA tier 1–4 (`Tier 2`, `2`). */
export function parseEssaTier(cell: SheetCell): Converted<number> {
  const t = cell.text.trim().replace(/^tier\s*/i, '');
  if (/^[1-4]$/.test(t)) return { value: Number(t) };
  return { error: 'expected an ESSA tier 1, 2, 3 or 4' };
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

function iso(y: number, m: number, d: number): string | null {
  const s = `${String(y).padStart(4, '0')}-${pad(m)}-${pad(d)}`;
  return isIsoDate(s) ? s : null;
}

/**
 * A date as `YYYY-MM-DD`: a date cell, an Excel date serial in a number cell,
 * ISO text (also with `/` or `.`), or M/D/YYYY or D/M/YYYY when only one
 * reading is a real date. An ambiguous or impossible date is an error.
 */
export function parseDate(cell: SheetCell): Converted<string> {
  const v = cell.value;
  if (v instanceof Date) return { value: v.toISOString().slice(0, 10) };
  if (typeof v === 'number') {
    if (Number.isInteger(v) && v > 20000 && v < 80000) return { value: new Date((v - 25569) * 86_400_000).toISOString().slice(0, 10) };
    return { error: 'expected a date written YYYY-MM-DD' };
  }
  const t = cell.text.trim().replace(/[T ]00:00(:00(\.0+)?)?Z?$/, '');
  let m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(t);
  if (m) {
    const s = iso(Number(m[1]), Number(m[2]), Number(m[3]));
    return s ? { value: s } : { error: 'no such day on the calendar' };
  }
  m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(t);
  if (m) {
    const a = Number(m[1]);
    const b = Number(m[2]);
    const y = Number(m[3]);
    const mdy = iso(y, a, b);
    const dmy = iso(y, b, a);
    if (mdy && dmy && mdy !== dmy) return { error: `ambiguous: ${mdy} (month first) or ${dmy} (day first); write it YYYY-MM-DD` };
    if (mdy || dmy) return { value: (mdy ?? dmy)! };
    return { error: 'no such day on the calendar' };
  }
  return { error: 'expected a date written YYYY-MM-DD' };
}

/** Notice period in days: `60`, `60 days`; `3 months` → 90 and `2 weeks` → 14 with a note. */
export function parseNoticeDays(cell: SheetCell): Converted<number> {
  if (typeof cell.value === 'number') return Number.isInteger(cell.value) && cell.value >= 0 ? { value: cell.value } : { error: 'expected a whole number of days' };
  const t = norm(cell.text);
  let m = /^(\d+)( ?(days?|d))?$/.exec(t);
  if (m) return { value: Number(m[1]) };
  m = /^(\d+) ?(months?|mo)$/.exec(t);
  if (m) return { value: Number(m[1]) * 30, note: `the sheet says ${JSON.stringify(cell.text.trim())}: counted as ${Number(m[1]) * 30} days (30 a month)` };
  m = /^(\d+) ?(weeks?|wk)$/.exec(t);
  if (m) return { value: Number(m[1]) * 7, note: `the sheet says ${JSON.stringify(cell.text.trim())}: counted as ${Number(m[1]) * 7} days` };
  return { error: 'expected a number of days, e.g. 60 or "60 days"' };
}

/** Words of a list cell: split on commas, semicolons and line breaks, trimmed, empties dropped. */
export function listItems(text: string): string[] {
  return text
    .split(/[,;\n\r|]+/)
    .map((s) => s.trim())
    .filter(Boolean);
}

/** One grade word as a rank in {@link GRADES}: `Pre-K` → PK, `Kindergarten` → K, `Grade 3` → 3. -1 when unknown. */
function gradeWordRank(word: string): number {
  const t = norm(word).replace(/\.$/, '');
  if (/^(pre ?-?k|pre ?-?kindergarten|pk|prek|pre-school|preschool|nursery)$/.test(t)) return 0;
  if (/^(tk|transitional kindergarten|t-k)$/.test(t)) return 1;
  if (/^(k|kg|kindergarten|kinder)$/.test(t)) return 2;
  const m = /^(?:grade|gr|year|yr|g)?\s*0*(\d{1,2})(?:st|nd|rd|th)?(?: grade)?$/.exec(t);
  if (m) return gradeRank(m[1]);
  return gradeRank(t);
}

/**
 * Grades as the manifest's ranges: `"Pre-K, Kindergarten, Grade 1, Grade 2"` → `[PK, K-2]`.
 * Ranges in the sheet (`K-5`, `Grades 6-8`) are read too. `All` / `All grades` → null (every grade).
 */
export function parseGrades(text: string): Converted<(string | number)[] | null> {
  if (/^\s*(all|all grades|all levels|whole school|k-12 and adult)\s*$/i.test(text)) return { value: null, note: `the sheet says ${JSON.stringify(text.trim())}: grades left out (every grade)` };
  const seen = new Set<number>();
  const unknown: string[] = [];
  for (const item of listItems(text)) {
    const range = /^(?:grades?\s+)?(.+?)\s*(?:-|–|to|through)\s*(?:grade\s+)?(.+)$/i.exec(item);
    const single = gradeWordRank(item);
    if (single >= 0) {
      seen.add(single);
      continue;
    }
    if (range) {
      const lo = gradeWordRank(range[1]);
      const hi = gradeWordRank(range[2]);
      if (lo >= 0 && hi >= 0 && lo <= hi) {
        for (let r = lo; r <= hi; r++) seen.add(r);
        continue;
      }
    }
    unknown.push(item);
  }
  if (unknown.length) return { error: `unknown grade ${unknown.map((u) => JSON.stringify(u)).join(', ')} (expected Pre-K, TK, Kindergarten, Grade 1 … Grade 12 or ranges like K-5)` };
  if (seen.size === 0) return { error: 'no grade given' };
  const ranks = [...seen].sort((a, b) => a - b);
  const out: (string | number)[] = [];
  for (let i = 0; i < ranks.length; ) {
    let j = i;
    while (j + 1 < ranks.length && ranks[j + 1] === ranks[j] + 1) j++;
    const lo = GRADES[ranks[i]];
    const hi = GRADES[ranks[j]];
    if (j > i) out.push(`${lo}-${hi}`);
    else out.push(/^\d+$/.test(lo) ? Number(lo) : lo);
    i = j + 1;
  }
  return { value: out };
}

/** Audience words: Students, Teachers, Staff, Parents/Families → the manifest's audience list. */
export function parseAudience(text: string): Converted<(typeof AUDIENCES)[number][]> {
  const out: (typeof AUDIENCES)[number][] = [];
  const unknown: string[] = [];
  for (const item of listItems(text)) {
    const t = norm(item);
    const a = /^(students?|learners?|pupils?)$/.test(t)
      ? 'students'
      : /^(teachers?|faculty|educators?|instructors?)$/.test(t)
        ? 'teachers'
        : /^(staff|admin|administrators?|administration|employees?)$/.test(t)
          ? 'staff'
          : /^(parents?|famil(y|ies)|guardians?|parents? ?(and|&|\/) ?guardians?|caregivers?)$/.test(t)
            ? 'families'
            : null;
    if (a === null) unknown.push(item);
    else if (!out.includes(a)) out.push(a);
  }
  if (unknown.length) return { error: `unknown audience ${unknown.map((u) => JSON.stringify(u)).join(', ')} (expected Students, Teachers, Staff, Parents)` };
  if (out.length === 0) return { error: 'no audience given' };
  return { value: out };
}

/** Lowercased list items (subjects, aliases are kept as written). */
export function parseLowerList(text: string): Converted<string[]> {
  const items = listItems(text).map((s) => s.toLowerCase());
  return items.length ? { value: [...new Set(items)] } : { error: 'empty list' };
}

/** The WCAG cell of `edvet list`: `2.1 AA`, `2.1`, `AA`. */
export function parseWcag(text: string): Converted<{ version: string | null; conformance: string | null }> {
  let version: string | null = null;
  let conformance: string | null = null;
  for (const part of text.trim().split(/[\s,/]+/).filter(Boolean)) {
    const p = part.replace(/^wcag/i, '');
    if (/^2(\.[012])?$/.test(p)) version = p === '2' ? '2.0' : p;
    else if ((CONFORMANCE as readonly string[]).includes(p) || (CONFORMANCE as readonly string[]).includes(p.toLowerCase())) {
      conformance = (CONFORMANCE as readonly string[]).includes(p) ? p : p.toLowerCase();
    } else if (p !== '') return { error: 'expected a WCAG version and level such as "2.1 AA"' };
  }
  if (version === null && conformance === null) return { error: 'expected a WCAG version and level such as "2.1 AA"' };
  return { value: { version, conformance } };
}
