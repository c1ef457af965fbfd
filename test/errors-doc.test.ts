/**
 * docs/errors.md is tied to the code (issue 13: "docs/errors.md lists every
 * message, and a test ties the list to the code"). The TypeScript compiler
 * reads every source file under src/ (rules excepted: their words live in
 * rules/ and docs/rules/) and collects each message template:
 * - the argument of `usageError(…)`;
 * - the `message:` of an object literal (what `inputError({ file, line, message })`
 *   and every located problem carry), and the `error:` of a zod schema's
 *   options (its words for a wrong value);
 * - the argument of `warnings.push(…)` and of a `ctx.stderr(\`warning: …\`)` line.
 * A template is its literal text with each `${…}` read as "any text"; both
 * branches of a `cond ? 'a' : 'b'` are templates, and a name bound to a string
 * constant in the same file is read through.
 *
 * Then, both ways:
 * - every template with enough literal text to be recognised (a dozen
 *   letters) occurs in docs/errors.md, with any values in its placeholders;
 * - every message docs/errors.md quotes in the first column of its tables
 *   (each top-level code span: not the fragments inside "(or `…`)") is
 *   matched by some template, so the page never documents a message edvet
 *   no longer gives.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { ROOT } from './shared-dir.js';

interface Template {
  file: string;
  line: number;
  /** Literal pieces; a placeholder sits between each two. */
  parts: string[];
}

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) {
      if (relative(join(ROOT, 'src'), p) === 'rules') continue;
      out.push(...sourceFiles(p));
    } else if (e.name.endsWith('.ts')) out.push(p);
  }
  return out.sort();
}

/** The templates an expression can produce; [] when it is not text at all (a variable of unknown value gives one placeholder). */
function templatesOf(node: ts.Expression, consts: Map<string, ts.Expression>, depth = 0): string[][] {
  if (depth > 8) return [['', '']];
  if (ts.isParenthesizedExpression(node) || ts.isAsExpression(node)) return templatesOf(node.expression, consts, depth + 1);
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return [[node.text]];
  if (ts.isTemplateExpression(node)) {
    let acc: string[][] = [[node.head.text]];
    for (const span of node.templateSpans) {
      const inner = templatesOf(span.expression, consts, depth + 1);
      const next: string[][] = [];
      for (const a of acc) {
        for (const t of inner.slice(0, 4)) {
          const joined = [...a.slice(0, -1), a[a.length - 1] + t[0], ...t.slice(1)];
          joined[joined.length - 1] += span.literal.text;
          next.push(joined);
        }
      }
      acc = next.slice(0, 16);
    }
    return acc;
  }
  // A plural ending or a short joiner (`n === 1 ? '' : 's'`) is part of the placeholder around it.
  const short = (e: ts.Expression) => (ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e)) && e.text.length <= 3;
  if (ts.isConditionalExpression(node) && (short(node.whenTrue) || short(node.whenFalse))) return [['', '']];
  if (ts.isConditionalExpression(node)) return [...templatesOf(node.whenTrue, consts, depth + 1), ...templatesOf(node.whenFalse, consts, depth + 1)].slice(0, 16);
  if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.PlusToken) {
    const l = templatesOf(node.left, consts, depth + 1);
    const r = templatesOf(node.right, consts, depth + 1);
    return l.flatMap((a) => r.map((b) => [...a.slice(0, -1), a[a.length - 1] + b[0], ...b.slice(1)])).slice(0, 16);
  }
  if (ts.isIdentifier(node) && consts.has(node.text)) return templatesOf(consts.get(node.text)!, consts, depth + 1);
  // A zod `error:` option may be a function of the issue: its returned texts.
  if (ts.isArrowFunction(node) && !ts.isBlock(node.body)) return templatesOf(node.body, consts, depth + 1);
  // Anything else (a call, a property, a parameter): text not known here.
  return [['', '']];
}

/** Every string and template literal of src/ (rules excepted): what the page may quote, also from helpers that build a message in parts. */
function collectLiterals(): Template[] {
  const out: Template[] = [];
  for (const path of sourceFiles(join(ROOT, 'src'))) {
    const sf = ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.Latest, true);
    const visit = (n: ts.Node): void => {
      if (ts.isStringLiteral(n) || ts.isNoSubstitutionTemplateLiteral(n)) out.push({ file: relative(ROOT, path), line: 0, parts: [n.text] });
      else if (ts.isTemplateExpression(n)) out.push({ file: relative(ROOT, path), line: 0, parts: [n.head.text, ...n.templateSpans.map((t) => t.literal.text)] });
      ts.forEachChild(n, visit);
    };
    visit(sf);
  }
  return out;
}

function collectTemplates(): Template[] {
  const out: Template[] = [];
  for (const path of sourceFiles(join(ROOT, 'src'))) {
    const sf = ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.Latest, true);
    const consts = new Map<string, ts.Expression>();
    const visitConsts = (n: ts.Node): void => {
      if (ts.isVariableDeclaration(n) && ts.isIdentifier(n.name) && n.initializer && (n.parent.flags & ts.NodeFlags.Const) !== 0) consts.set(n.name.text, n.initializer);
      ts.forEachChild(n, visitConsts);
    };
    visitConsts(sf);
    const add = (expr: ts.Expression): void => {
      const line = sf.getLineAndCharacterOfPosition(expr.getStart()).line + 1;
      for (const parts of templatesOf(expr, consts)) out.push({ file: relative(ROOT, path), line, parts });
    };
    const visit = (n: ts.Node): void => {
      if (ts.isCallExpression(n)) {
        const callee = n.expression.getText(sf);
        if ((callee === 'usageError' || callee === 'warnings.push') && n.arguments[0] && !ts.isSpreadElement(n.arguments[0])) add(n.arguments[0]);
        if (callee === 'ctx.stderr' && n.arguments[0] && /^`warning: /.test(n.arguments[0].getText(sf))) add(n.arguments[0]);
      }
      // `message:` of a problem or an issue; `error:` of a zod schema's options (its words for a wrong value).
      if (ts.isPropertyAssignment(n) && ['message', 'error'].includes(n.name.getText(sf)) && ts.isObjectLiteralExpression(n.parent)) add(n.initializer);
      ts.forEachChild(n, visit);
    };
    visit(sf);
  }
  return out;
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** A template as a pattern: its literal pieces in order, anything (on one line) in each placeholder. */
const patternOf = (t: Template) => new RegExp(t.parts.map(escapeRe).join('[^\\n]*?'));
/** Letters of literal text: a template of placeholders alone (`${where}: ${what}`) cannot be recognised in prose. */
const letters = (t: Template) => t.parts.join('').replace(/[^A-Za-z]/g, '').length;

/** The messages the page quotes: each top-level code span of the first cell of a table whose first column is "message". */
function documentedMessages(doc: string): { line: number; text: string }[] {
  const out: { line: number; text: string }[] = [];
  let inTable = false;
  doc.split('\n').forEach((row, i) => {
    if (!row.startsWith('|')) {
      inTable = false;
      return;
    }
    const first = row.slice(1).split(/(?<!\\)\|(?=(?:[^`]*`[^`]*`)*[^`]*$)/)[0];
    if (/^\s*message\s*$/.test(first)) {
      inTable = true;
      return;
    }
    if (!inTable || /^\s*-+\s*$/.test(first)) return;
    // Walk the cell: code spans at paren depth 0 (outside any "(or `…`)") are messages.
    let depth = 0;
    for (let k = 0; k < first.length; ) {
      if (first[k] === '`') {
        const ticks = /^`+/.exec(first.slice(k))![0];
        const end = first.indexOf(ticks, k + ticks.length);
        if (end < 0) break;
        const text = first.slice(k + ticks.length, end).trim();
        if (depth === 0) out.push({ line: i + 1, text });
        k = end + ticks.length;
        continue;
      }
      if (first[k] === '(') depth++;
      else if (first[k] === ')') depth = Math.max(0, depth - 1);
      k++;
    }
  });
  return out;
}

/** Messages commander (a dependency) writes, passed on by src/cli.ts: their words are not in src/. */
const COMMANDER = [/^unknown command '[^']*'(; did you mean \w+\?)?$/, /^unknown option '[^']*'$/, /^option '[^']*' argument '[^']*' is invalid\. Allowed choices are [\w, ]+\.$/];

describe('docs/errors.md and the code agree', () => {
  const doc = readFileSync(join(ROOT, 'docs/errors.md'), 'utf8');
  const templates = collectTemplates();
  const recognisable = templates.filter((t) => letters(t) >= 12);

  it('the collector finds the messages (a guard against a collector that finds nothing)', () => {
    expect(recognisable.length).toBeGreaterThan(150);
    expect(recognisable.some((t) => t.parts.join('').includes('too many symbolic links (a link loop?); expected '))).toBe(true);
  });

  it('every message template in src/ appears in docs/errors.md', () => {
    const missing = recognisable.filter((t) => !patternOf(t).test(doc)).map((t) => `${t.file}:${t.line}: ${t.parts.join('…')}`);
    if (process.env.DUMP) writeFileSync('/tmp/m/missing.txt', [...new Set(missing)].join('\n'));
    expect([...new Set(missing)], 'messages the code gives that docs/errors.md does not list: add a row for each').toEqual([]);
  });

  it('every message docs/errors.md lists is one the code gives', () => {
    // A message may be built in parts (a helper's words, a field name, a list of values): a documented
    // message counts as given when phrases of the code's strings cover most of its words. Phrases are the
    // literal text of every string of src/ cut at ; : ( ) and placeholders.
    const phrases = new Set<string>();
    for (const t of [...recognisable, ...collectLiterals()]) {
      for (const part of t.parts) for (const ph of part.replace(/[`'"]/g, ' ').split(/\s*[;:()]\s*/)) if (ph.replace(/[^A-Za-z]/g, '').length >= 5) phrases.add(ph.trim());
    }
    /** The share of a documented message's own words (not its example data) that phrases of src/ cover. */
    const coverage = (message: string): number => {
      // The example's own data (its file:line:col, quoted values, field names, the list after "one of:")
      // is not the code's words: those characters neither count nor need covering.
      let text = message.replace(/^warning: /, '').replace(/YAML syntax error: .*/, 'YAML syntax error');
      const data = new Uint8Array(text.length);
      const mark = (re: RegExp) => {
        for (const x of text.matchAll(re)) data.fill(1, x.index!, x.index! + x[0].length);
      };
      mark(/^[^\s:]*[./][^\s:]*(?::(?:\d+|…))*: /g);
      mark(/\(found [^)]*\)|"[^"]*"|'[^';]*'|`[^`]*`/g);
      mark(/(one of:?|choices are) [^;()]*/g);
      mark(/[\w-]*\w[./-]\w[\w./-]*/g); // file names, rule and product ids: the example's data
      text = text.replace(/[`'"]/g, ' ');
      const covered = new Uint8Array(text.length);
      for (const ph of phrases) {
        for (let at = text.indexOf(ph); at >= 0; at = text.indexOf(ph, at + 1)) covered.fill(1, at, at + ph.length);
      }
      let words = 0;
      let hit = 0;
      for (let i = 0; i < text.length; i++) {
        if (!/[A-Za-z]/.test(text[i]) || data[i]) continue;
        words++;
        hit += covered[i];
      }
      return words === 0 ? 1 : hit / words;
    };
    // The check can fail: words edvet never says are not covered.
    expect(coverage('a.yaml:3:1: this manifest is haunted; ask the vendor for an exorcism')).toBeLessThan(0.6);
    const messages = documentedMessages(doc);
    expect(messages.length).toBeGreaterThan(100);
    const stale: string[] = [];
    for (const m of messages) {
      if (COMMANDER.some((c) => c.test(m.text))) continue;
      const share = coverage(m.text);
      if (share < 0.6) stale.push(`docs/errors.md:${m.line}: ${m.text} (${Math.round(100 * share)}% of its words found in src/)`);
    }
    if (process.env.DUMP) writeFileSync('/tmp/m/stale.txt', stale.join('\n'));
    expect(stale, 'messages docs/errors.md lists that the code does not produce: fix the wording or remove the row').toEqual([]);
  });
});
