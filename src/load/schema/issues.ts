/**
 * zod issues → located problems: each issue's path leads back to the YAML
 * node (or the nearest present key above it), unknown keys are named with the
 * closest known key, and missing required fields say so plainly.
 */
import type * as z from 'zod';
import type { Problem } from '../../model/errors.js';
import type { YamlDoc } from '../yaml.js';

/** Optimal-string-alignment distance (Levenshtein plus adjacent transpositions). */
export function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}

/** The known name closest to `name`, when it is close enough to be a typo. */
export function closest(name: string, known: readonly string[]): string | null {
  let best: string | null = null;
  let bestD = Infinity;
  for (const k of known) {
    const dist = editDistance(name.toLowerCase(), k.toLowerCase());
    if (dist < bestD) {
      bestD = dist;
      best = k;
    }
  }
  if (best === null) return null;
  return bestD <= Math.max(1, Math.min(3, Math.floor(best.length / 3))) ? best : null;
}

type AnyDef = { type: string; innerType?: unknown; in?: unknown; element?: unknown; valueType?: unknown; shape?: Record<string, unknown>; options?: unknown[] };

function defOf(schema: unknown): AnyDef | null {
  return ((schema as { _zod?: { def?: AnyDef } })?._zod?.def ?? null) as AnyDef | null;
}

/** The keys an object schema accepts at `path` (unwrapping optional, default, pipe, array, record). */
export function knownKeysAt(schema: unknown, path: readonly PropertyKey[]): string[] {
  let s: unknown = schema;
  let i = 0;
  for (let guard = 0; guard < 100 && s; guard++) {
    const def = defOf(s);
    if (!def) return [];
    if (def.type === 'optional' || def.type === 'nullable' || def.type === 'default' || def.type === 'prefault' || def.type === 'readonly') {
      s = def.innerType;
      continue;
    }
    if (def.type === 'pipe') {
      s = def.in;
      continue;
    }
    if (i === path.length) {
      return def.type === 'object' && def.shape ? Object.keys(def.shape) : [];
    }
    const seg = path[i++];
    if (def.type === 'object' && def.shape) s = def.shape[String(seg)];
    else if (def.type === 'array') s = def.element;
    else if (def.type === 'record') s = def.valueType;
    else return [];
  }
  return [];
}

function getAt(value: unknown, path: readonly PropertyKey[]): { present: boolean; value: unknown } {
  let v: unknown = value;
  for (const seg of path) {
    if (v === null || typeof v !== 'object' || !Object.prototype.hasOwnProperty.call(v, seg as string)) return { present: false, value: undefined };
    v = (v as Record<string, unknown>)[seg as string];
  }
  return { present: true, value: v };
}

function dotted(path: readonly PropertyKey[]): string {
  return path.reduce<string>((acc, seg) => (typeof seg === 'number' ? `${acc}[${seg}]` : acc ? `${acc}.${String(seg)}` : String(seg)), '');
}

/** Describe a value briefly for a message (never more than 40 characters). */
function show(v: unknown): string {
  const s = typeof v === 'string' ? JSON.stringify(v) : v === null ? 'null' : Array.isArray(v) ? 'a list' : typeof v === 'object' ? 'a mapping' : String(v);
  return s.length > 40 ? `${s.slice(0, 37)}...` : s;
}

/**
 * What to write instead of a value that is not one of `values`: the listed
 * word in its own case (`Supplemental` → `supplemental`, `aa` → `AA`), or the
 * closest one when it looks like a typo. Empty when neither helps.
 */
export function enumHint(found: unknown, values: readonly string[]): string {
  if (typeof found !== 'string' && typeof found !== 'number') return '';
  const text = String(found).trim();
  const same = values.find((v) => v.toLowerCase() === text.toLowerCase() || v.replace(/[-_]/g, '').toLowerCase() === text.replace(/[-_\s]/g, '').toLowerCase());
  if (same !== undefined) return `; write it exactly as listed: ${same}`;
  const near = closest(text, values);
  return near !== null ? `; did you mean ${near}?` : '';
}

const YES = /^(yes|y|on)$/i;
const NO = /^(no|n|off)$/i;

/**
 * A wrong-type message in the user's words, with what to write instead:
 * `signed: yes` → write true (YAML 1.2 reads yes as text); `grades: K-12` → a
 * list; a list or mapping where one value belongs.
 */
export function typeMessage(expected: unknown, found: unknown, path: readonly (string | number)[]): string {
  const last = [...path].reverse().find((p): p is string => typeof p === 'string') ?? 'field';
  if (expected === 'boolean') {
    if (typeof found === 'string' && YES.test(found.trim())) return `expected true or false; write \`${last}: true\` (YAML reads yes, y and on as text, not as true)`;
    if (typeof found === 'string' && NO.test(found.trim())) return `expected true or false; write \`${last}: false\` (YAML reads no, n and off as text, not as false)`;
    if (typeof found === 'string' && /^(true|false)$/i.test(found.trim())) return `expected true or false, unquoted; write \`${last}: ${found.trim().toLowerCase()}\``;
    return 'expected true or false';
  }
  if (expected === 'array') {
    if (typeof found === 'string' || typeof found === 'number') {
      const text = String(found).trim();
      const items = text.split(/\s*[,;]\s*/).filter((x) => x !== '');
      const example = last === 'grades' ? (items.length > 1 ? items.join(', ') : text || 'K-5') : items.length > 0 ? items.join(', ') : 'a, b';
      return `expected a list; write \`${last}: [${example}]\` (square brackets, items separated by commas)`;
    }
    return 'expected a list (write [a, b], or one `- item` per line)';
  }
  if (expected === 'object') return `expected a mapping: \`${last}:\` followed by indented \`key: value\` lines`;
  if (expected === 'number') {
    if (typeof found === 'string' && /^[$]?\s*-?[\d,]+(\.\d+)?$/.test(found.trim())) {
      return `expected a number, unquoted and without $ or thousands commas; write \`${last}: ${found.replace(/[$,\s]/g, '')}\``;
    }
    return 'expected a number';
  }
  if (expected === 'string') return Array.isArray(found) ? 'expected one value, not a list' : found !== null && typeof found === 'object' ? 'expected one value, not a mapping' : 'expected text (put it in quotes)';
  return `expected ${String(expected)}`;
}

/** Every issue of a failed parse as a located problem. */
export function issuesToProblems(error: z.ZodError, doc: YamlDoc, schema: unknown, prefix: readonly PropertyKey[] = []): Problem[] {
  const problems: Problem[] = [];
  for (const issue of error.issues) {
    const path = [...prefix, ...issue.path] as (string | number)[];
    if (issue.code === 'unrecognized_keys') {
      const known = knownKeysAt(schema, issue.path);
      for (const key of issue.keys) {
        const near = closest(key, known);
        const full = dotted([...path, key]);
        problems.push({
          ...doc.keyPosOf([...path, key]),
          message: `unknown field \`${full}\`${near ? `; did you mean \`${near}\`?` : known.length ? `; expected one of: ${known.join(', ')}` : ''}`,
        });
      }
      continue;
    }
    const at = getAt(doc.value, path);
    const field = dotted(path);
    if (!at.present && issue.code === 'invalid_type') {
      problems.push({ ...doc.posOf(path), message: `missing required field \`${field}\`` });
      continue;
    }
    let message = issue.message.replace(/^Invalid input: /, '').replace(/^Invalid option: /, '');
    if ((issue.code === 'too_big' || issue.code === 'too_small') && /^Too (big|small)/.test(issue.message)) {
      const bound = issue.code === 'too_big' ? issue.maximum : issue.minimum;
      const op = issue.code === 'too_big' ? (issue.inclusive ? '≤' : '<') : issue.inclusive ? '≥' : '>';
      const what = issue.origin === 'array' ? 'a list with length' : issue.origin === 'string' ? 'text with length' : 'a number';
      message = `expected ${what} ${op} ${String(bound)}`;
    }
    if (issue.code === 'invalid_value' && 'values' in issue) {
      const values = (issue.values as unknown[]).map((v) => String(v));
      message = `expected one of ${values.join(', ')}${enumHint(at.value, values)}`;
    }
    if (issue.code === 'invalid_type' && at.present) {
      if (/^expected \w+, received \w+$/.test(message)) message = typeMessage(issue.expected, at.value, path);
      else if (issue.expected === 'number' && typeof at.value === 'string') {
        // A custom message ("expected an amount in US dollars") keeps its words and gains what to write.
        const words = typeMessage('number', at.value, path);
        if (words.includes('; write')) message += words.slice(words.indexOf(';'));
      }
    }
    problems.push({ ...doc.posOf(path), message: `\`${field}\`: ${message}${at.present ? ` (found ${show(at.value)})` : ''}` });
  }
  return problems;
}
