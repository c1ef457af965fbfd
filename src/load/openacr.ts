/**
 * GSA OpenACR reports (manifest.md "OpenACR"): the Level A and AA success
 * criteria with each component's adherence level, the WCAG version from the
 * report's catalog and its report date.
 */
import type { AcrAdherence, AcrCriterion, AcrReport } from '../model/acr.js';
import { dayOfCivil, isoOf } from '../model/dates.js';
import { inputError } from '../model/errors.js';
import { parseYamlFile, type YamlDoc, type YamlFile } from './yaml.js';
import { readFileBytes } from './files.js';

export type { AcrAdherence, AcrCriterion, AcrReport } from '../model/acr.js';

const RANK: Record<AcrAdherence, number> = { 'does-not-support': 4, 'partially-supports': 3, 'not-evaluated': 2, supports: 1, 'not-applicable': 0 };

/**
 * Read and interpret an OpenACR YAML file; a missing or malformed report is an
 * input error. `parsed` is the file already read by the catalog walk, when it was.
 */
export function loadOpenAcr(absPath: string, displayPath: string, parsed?: YamlFile): AcrReport {
  if (parsed && parsed.problems.length) throw inputError(parsed.problems);
  if (!parsed) {
    const bytes = readFileBytes(absPath, displayPath, 'the OpenACR report named by accessibility.openacr');
    parsed = parseYamlFile(displayPath, bytes, 'an OpenACR report (a mapping with `chapters`)');
  }
  const doc = parsed.docs[0];
  if (!doc) throw inputError({ file: displayPath, message: 'the OpenACR report is empty; expected a mapping with `chapters`' });
  return interpretAcr(doc.value as Record<string, unknown>, displayPath, doc);
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

