/**
 * GSA OpenACR reports (manifest.md "OpenACR"): the Level A and AA success
 * criteria with each component's adherence level, the WCAG version from the
 * report's catalog and its report date.
 */
import { lstatSync, realpathSync, statSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import type { AcrAdherence, AcrCriterion, AcrReport } from '../model/acr.js';
import { dayOfCivil, isoOf } from '../model/dates.js';
import { EdvetError, inputError, type Problem } from '../model/errors.js';
import { readYamlFile, type YamlDoc, type YamlFile } from './yaml.js';
import { fsError, READ_LIMITS, readFileBytes } from './files.js';

export type { AcrAdherence, AcrCriterion, AcrReport } from '../model/acr.js';

const RANK: Record<AcrAdherence, number> = { 'does-not-support': 4, 'partially-supports': 3, 'not-evaluated': 2, supports: 1, 'not-applicable': 0 };

/**
 * Read and interpret an OpenACR YAML file; a missing or malformed report is an
 * input error. `parsed` is the file already read by the catalog walk, when it was.
 */
export function loadOpenAcr(absPath: string, displayPath: string, parsed?: YamlFile): AcrReport {
  if (!parsed) {
    const bytes = readFileBytes(absPath, displayPath, 'an OpenACR report', READ_LIMITS.acr);
    try {
      parsed = readYamlFile(displayPath, bytes, 'an OpenACR report (a mapping with `chapters`)');
    } catch (e) {
      if (e instanceof EdvetError) throw inputError(e.problems.map(quoteNothing));
      throw e;
    }
  }
  if (parsed.problems.length) throw inputError(parsed.problems.map(quoteNothing));
  const doc = parsed.docs[0];
  if (!doc) throw inputError({ file: displayPath, message: 'the OpenACR report is empty; expected a mapping with `chapters`' });
  return interpretAcr(doc.value as Record<string, unknown>, displayPath, doc);
}

/**
 * Messages about a file the district did not write (an OpenACR report, or
 * whatever a manifest names as one, such as `.git/config`) quote none of
 * its text: a message that could carry some (a YAML syntax error, a
 * duplicate key's name) is replaced by its kind, keeping file:line:col.
 */
export function quoteNothing(p: Problem): Problem {
  const m = p.message;
  if (
    /^this is not a text file \(it holds binary bytes\)/.test(m) ||
    /^this file is not valid UTF-8 text/.test(m) ||
    /^a tab is used for indentation; YAML needs spaces$/.test(m) ||
    /^this document is (a list|a single value); expected /.test(m) ||
    /^too many YAML aliases/.test(m) ||
    /^an alias \(\*name\) refers to an anchor \(&name\) that is not defined above it$/.test(m)
  ) {
    return p;
  }
  const kind = /^duplicate key/.test(m) ? 'a duplicate key' : /^unknown field/.test(m) ? 'a key that is never accepted (__proto__, constructor or prototype)' : 'a YAML syntax error';
  return { ...p, message: `this file is not a readable OpenACR report: ${kind} here (its text is not shown)` };
}

/**
 * The folder an OpenACR path must stay inside: the nearest folder above the
 * manifest that holds `.git` (the repository), else `fallback` (the parent
 * of the catalog folder the manifest was found in).
 */
export function acrRoot(manifestAbs: string, fallback: string): string {
  for (let d = dirname(manifestAbs); ; d = dirname(d)) {
    try {
      lstatSync(resolve(d, '.git'));
      return d;
    } catch {
      // no .git here: look higher
    }
    if (dirname(d) === d) return fallback;
  }
}

/** Why `abs` may not be read from inside `root` (it leads outside, or into .git), or null when it may. */
export function confinementProblem(abs: string, root: string): 'outside' | 'git' | null {
  let real: string;
  let realRoot: string;
  try {
    real = realpathSync(abs);
    realRoot = realpathSync(root);
  } catch {
    return null; // a missing path is reported as missing
  }
  const rel = relative(realRoot, real);
  if (rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel)) return 'outside';
  if (rel.split(sep).includes('.git')) return 'git';
  return null;
}

/**
 * Check the path a manifest gives in `accessibility.openacr` (relative to the
 * manifest's folder) before anything is read: it must exist, stay inside
 * `root` (symbolic links resolved), not lead into a `.git` folder, and be a
 * regular file. Returns the absolute path, or the problem's message (which
 * quotes only the value the manifest wrote).
 */
export function checkAcrPath(manifestAbs: string, ref: string, root: string, shownRoot: string): { abs: string } | { message: string } {
  const abs = resolve(dirname(manifestAbs), ref);
  try {
    statSync(abs);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return { message: `the OpenACR report ${ref} does not exist (a path relative to this manifest)` };
    const problem = (fsError(e, ref, 'an OpenACR report') as EdvetError).problems[0];
    return { message: `the OpenACR report ${ref} cannot be checked: ${problem.message}` };
  }
  const why = confinementProblem(abs, root);
  if (why === 'outside') {
    return { message: `the OpenACR report ${ref} is outside the repository that holds the catalog (${shownRoot}); edvet reads an OpenACR report only from inside it` };
  }
  if (why === 'git') return { message: `the OpenACR report ${ref} is inside a .git folder; edvet never reads one as a report` };
  return { abs };
}

/** Judge an ACR's plain value; `doc` locates errors. */
export function interpretAcr(value: Record<string, unknown>, displayPath: string, doc: YamlDoc): AcrReport {
  const at = (path: (string | number)[]) => doc.posOf(path);
  const chapters = value.chapters;
  if (chapters === null || typeof chapters !== 'object' || Array.isArray(chapters)) {
    throw inputError({ ...doc.start, message: 'malformed OpenACR report: no `chapters` mapping (expected chapters → success_criteria_level_a / success_criteria_level_aa)' });
  }
  const criteria: AcrCriterion[] = [];
  for (const [chapter, level] of [
    ['success_criteria_level_a', 'A'],
    ['success_criteria_level_aa', 'AA'],
  ] as const) {
    const ch = (chapters as Record<string, unknown>)[chapter];
    if (ch === undefined || ch === null) continue;
    const list = (ch as Record<string, unknown>).criteria;
    if (list === undefined || list === null) continue;
    if (!Array.isArray(list)) {
      throw inputError({ ...at(['chapters', chapter, 'criteria']), message: `malformed OpenACR report: chapters.${chapter}.criteria must be a list` });
    }
    list.forEach((c, i) => {
      if (c === null || typeof c !== 'object' || (c as Record<string, unknown>).num === undefined) {
        throw inputError({ ...at(['chapters', chapter, 'criteria', i]), message: `malformed OpenACR report: criterion ${i + 1} of ${chapter} has no \`num\`` });
      }
      const crit = c as { num: unknown; components?: unknown };
      let worst: AcrAdherence = 'not-applicable';
      let seen = false;
      const comps = Array.isArray(crit.components) ? crit.components : [];
      for (const comp of comps) {
        const raw = (comp as { adherence?: { level?: unknown } } | null)?.adherence?.level;
        const lv = normaliseLevel(raw);
        seen = true;
        if (RANK[lv] > RANK[worst]) worst = lv;
      }
      criteria.push({ num: String(crit.num), level, adherence: seen ? worst : 'not-evaluated' });
    });
  }
  const catalog = typeof value.catalog === 'string' ? value.catalog : null;
  const m = catalog ? /wcag-(2\.[012])/i.exec(catalog) : null;
  return { file: displayPath, catalog, wcagVersion: m ? m[1] : null, reportDate: parseReportDate(value.report_date), criteria };
}

function normaliseLevel(raw: unknown): AcrAdherence {
  const s = typeof raw === 'string' ? raw.trim().toLowerCase() : '';
  if (s === 'supports' || s === 'partially-supports' || s === 'does-not-support' || s === 'not-applicable') return s;
  return 'not-evaluated';
}

/** `YYYY-MM-DD` or `M/D/YYYY` → `YYYY-MM-DD`; anything else → null. */
export function parseReportDate(raw: unknown): string | null {
  if (typeof raw !== 'string') return null;
  const s = raw.trim();
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(s);
  if (m) return iso(+m[1], +m[2], +m[3]);
  m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(s);
  if (m) return iso(+m[3], +m[1], +m[2]);
  return null;
}

function iso(y: number, mo: number, d: number): string | null {
  const day = dayOfCivil(y, mo, d);
  return day === null ? null : isoOf(day);
}

