/**
 * Reading a `--compare` file (reports.md "Since last audit"): an earlier
 * edvet JSON report of `usage`, `sunset` or `audit` with schemaVersion 1,
 * read under READ_LIMITS.baseline. Only the figures the comparison needs are
 * kept. Anything else is an input error at file:line:column saying what was
 * expected, quoting none of the file's text.
 */
import { statSync } from 'node:fs';
import { LineCounter, parseDocument } from 'yaml';
import { inputError, type Problem } from '../model/errors.js';
import { isIsoDate } from '../model/dates.js';
import type { Cents } from '../model/money.js';
import type { PreviousProduct, PreviousReport } from '../model/previous.js';
import { READ_LIMITS, readFileBytes } from './files.js';

export type { PreviousProduct, PreviousReport } from '../model/previous.js';

const WHAT = 'an earlier edvet JSON report (the output of `edvet audit --format json`, or of `usage` or `sunset`)';
const COMMANDS = ['usage', 'sunset', 'audit'];
const VERDICTS = ['approved', 'conditional', 'rejected'];

type Path = (string | number)[];

/** `products[3].usage.activeUsers`. */
function pathText(path: Path): string {
  return path.map((k, i) => (typeof k === 'number' ? `[${k}]` : i === 0 ? k : `.${k}`)).join('') || 'the top level';
}

/** 1-based line and column of a character offset. */
function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let start = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      start = i + 1;
    }
  }
  return { line, column: offset - start + 1 };
}

/**
 * The earlier report at `abs` (shown as `shown`), checked. Dollars become
 * cents; a product's figures are null where the report has none (no usage).
 */
export function readPreviousReport(abs: string, shown: string): PreviousReport {
  try {
    statSync(abs);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') throw inputError({ file: shown, message: `no such file; expected ${WHAT} for --compare` });
  }
  const bytes = readFileBytes(abs, shown, `${WHAT} (--compare)`, READ_LIMITS.baseline);
  let text = bytes.toString('utf8');
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    const m = /position (\d+)/.exec(e instanceof Error ? e.message : '');
    const at = m ? lineColumn(text, Number(m[1])) : {};
    throw inputError({ file: shown, ...at, message: `not valid JSON; expected ${WHAT}` });
  }

  // Where a key path is in the file: found only when there is a problem (the JSON is read again as YAML, whose nodes keep their ranges).
  const problem = (path: Path, message: string): Problem => {
    try {
      const lc = new LineCounter();
      const doc = parseDocument(text, { lineCounter: lc, uniqueKeys: false });
      for (let n = path.length; n >= 0; n--) {
        const node = n === 0 ? doc.contents : (doc.getIn(path.slice(0, n), true) as { range?: [number, number, number] } | undefined);
        const range = (node as { range?: [number, number, number] } | null | undefined)?.range;
        if (range) {
          const pos = lc.linePos(range[0]);
          return { file: shown, line: pos.line, column: pos.col, message: `${pathText(path)}: ${message}` };
        }
      }
    } catch {
      // fall through: the file without a position
    }
    return { file: shown, message: `${pathText(path)}: ${message}` };
  };
  const fail = (path: Path, message: string): never => {
    throw inputError(problem(path, message));
  };
  const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
  const numberOrNull = (v: unknown, path: Path, what: string): number | null => {
    if (v === undefined || v === null) return null;
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) fail(path, `expected ${what} or null`);
    return v as number;
  };
  const cents = (v: number | null): Cents | null => (v === null ? null : Math.round(v * 100));

  if (!isObject(data)) return fail([], `not an edvet JSON report; expected ${WHAT}`);
  if (!('schemaVersion' in data)) fail([], `not an edvet JSON report (no schemaVersion); expected ${WHAT}`);
  if (data.schemaVersion !== 1) fail(['schemaVersion'], `schemaVersion ${JSON.stringify(data.schemaVersion)} is not supported; expected 1 (a report of this edvet's JSON format)`);
  if (typeof data.command !== 'string' || !COMMANDS.includes(data.command)) {
    fail(['command'], `a report of \`edvet ${typeof data.command === 'string' ? data.command : '?'}\` has no usage figures to compare; expected a report of \`edvet audit\`, \`usage\` or \`sunset\``);
  }
  if (typeof data.asOf !== 'string' || !isIsoDate(data.asOf)) fail(['asOf'], 'expected the as-of date written YYYY-MM-DD');
  if (!Array.isArray(data.products)) fail(['products'], 'expected the list of products');
  const summary = data.summary;
  if (!isObject(summary)) return fail(['summary'], 'expected the summary object');
  const products: PreviousProduct[] = [];
  const seen = new Set<string>();
  (data.products as unknown[]).forEach((p, i) => {
    if (!isObject(p)) return fail(['products', i], 'expected a product object');
    if (typeof p.id !== 'string' || p.id === '') return fail(['products', i, 'id'], 'expected the product id (text)');
    if (seen.has(p.id)) fail(['products', i, 'id'], `product id '${p.id}' appears twice`);
    seen.add(p.id);
    if (p.verdict !== undefined && p.verdict !== null && (typeof p.verdict !== 'string' || !VERDICTS.includes(p.verdict))) fail(['products', i, 'verdict'], 'expected approved, conditional or rejected');
    const u = p.usage;
    if (u !== undefined && u !== null && !isObject(u)) fail(['products', i, 'usage'], 'expected the usage figures or null');
    const fig = (key: string, what: string) => (isObject(u) ? numberOrNull(u[key], ['products', i, 'usage', key], what) : null);
    const teacherUtilization = fig('teacherUtilization', 'a ratio from 0 to 1');
    if (teacherUtilization !== null && teacherUtilization > 1) fail(['products', i, 'usage', 'teacherUtilization'], 'expected a ratio from 0 to 1 or null');
    products.push({
      id: p.id,
      name: typeof p.name === 'string' ? p.name : p.id,
      verdict: typeof p.verdict === 'string' ? p.verdict : null,
      activeUsers: fig('activeUsers', 'a number of users'),
      teacherUtilization,
      wastedSpend: cents(fig('wastedSpend', 'an amount in dollars')),
    });
  });
  return {
    command: data.command as string,
    asOf: data.asOf as string,
    products,
    annualSpend: cents(numberOrNull(summary.annualSpend, ['summary', 'annualSpend'], 'an amount in dollars')),
    wastedSpend: cents(numberOrNull(summary.wastedSpend, ['summary', 'wastedSpend'], 'an amount in dollars')),
  };
}
