/**
 * The shape of src/ (style.md "The shape"): the import graph of every
 * src/**\/*.ts file (static, type-only, re-export and dynamic imports, read
 * with TypeScript's own pre-processor) has no cycle; src/rules, src/engine
 * and src/model import nothing from src/load but the schema leaf; the schema
 * leaf imports nothing but zod, itself and src/model/dates.ts (which imports nothing).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SRC = join(ROOT, 'src');

/** The schema leaf: the only src/load modules that model, rules and engine may import. */
const SCHEMA_LEAF = ['src/load/schema/common.ts', 'src/load/schema/manifest.ts', 'src/load/schema/policy.ts', 'src/load/schema/rules-data.ts'];

/** Modules the schema leaf may import besides itself: they import nothing at all (checked below), so no cycle can pass through them. */
const LEAF_DEPENDENCIES = ['src/model/dates.ts'];

/**
 * Imports from src/load known to be on their way out (none now: rule texts and
 * WCAG titles are data handed to the engine). Each entry must still exist:
 * when it is gone, delete it here.
 */
const PENDING: [string, string][] = [
];

function tsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    return e.isDirectory() ? tsFiles(p) : e.name.endsWith('.ts') ? [p] : [];
  });
}

/** Path relative to the package, with forward slashes. */
function rel(p: string): string {
  return relative(ROOT, p).split('\\').join('/');
}

/** file → the src files it imports (relative specifiers only; `.js` written for `.ts`). */
export function importGraph(files: readonly string[]): Map<string, string[]> {
  const known = new Set(files.map(rel));
  const graph = new Map<string, string[]>();
  for (const file of files) {
    const info = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
    const targets: string[] = [];
    for (const { fileName } of info.importedFiles) {
      if (!fileName.startsWith('.')) continue;
      const target = rel(resolve(dirname(file), fileName)).replace(/\.js$/, '.ts');
      if (!known.has(target)) throw new Error(`${rel(file)} imports ${fileName}, which is not a src file`);
      targets.push(target);
    }
    graph.set(rel(file), [...new Set(targets)].sort());
  }
  return graph;
}

/** Every cycle's files (Tarjan's strongly connected components of more than one file, or a file importing itself). */
export function cycles(graph: ReadonlyMap<string, readonly string[]>): string[][] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const out: string[][] = [];
  const visit = (v: string): void => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const scc: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        scc.push(w);
      } while (w !== v);
      if (scc.length > 1 || (graph.get(v) ?? []).includes(v)) out.push(scc.sort());
    }
  };
  for (const v of [...graph.keys()].sort()) if (!index.has(v)) visit(v);
  return out;
}

const graph = importGraph(tsFiles(SRC));
const edges = [...graph].flatMap(([from, tos]) => tos.map((to) => [from, to] as [string, string]));
const isPending = (from: string, to: string) => PENDING.some(([f, t]) => f === from && t === to);

describe('the import graph of src/', () => {
  it('reads every source file', () => {
    expect(graph.size).toBeGreaterThan(50);
    expect(graph.get('src/commands/usage.ts')).toContain('src/engine/usage.ts');
  });

  it('has no import cycle', () => {
    expect(cycles(graph)).toEqual([]);
  });

  it('lets model, rules and engine import from src/load only the schema leaf', () => {
    const bad = edges.filter(
      ([from, to]) => /^src\/(model|rules|engine)\//.test(from) && to.startsWith('src/load/') && !SCHEMA_LEAF.includes(to) && !isPending(from, to),
    );
    expect(bad).toEqual([]);
  });

  it('keeps the schema leaf a leaf: it imports only itself (and zod)', () => {
    const bad = edges.filter(([from, to]) => SCHEMA_LEAF.includes(from) && !SCHEMA_LEAF.includes(to) && !LEAF_DEPENDENCIES.includes(to));
    expect(bad).toEqual([]);
    for (const f of LEAF_DEPENDENCIES) expect(ts.preProcessFile(readFileSync(join(ROOT, f), 'utf8'), true, true).importedFiles.map((i) => i.fileName), f).toEqual([]);
    for (const f of SCHEMA_LEAF) {
      const bare = ts.preProcessFile(readFileSync(join(ROOT, f), 'utf8'), true, true).importedFiles.map((i) => i.fileName).filter((n) => !n.startsWith('.'));
      expect(bare.every((n) => n === 'zod'), f).toBe(true);
    }
  });

  it('lists only pending exceptions that still exist', () => {
    for (const [from, to] of PENDING) expect(graph.get(from) ?? [], `${from} no longer imports ${to}: remove it from PENDING`).toContain(to);
  });
});

describe('the cycle finder', () => {
  it('finds a cycle through type-only and dynamic imports alike, and none in a chain', () => {
    expect(cycles(new Map([['a', ['b']], ['b', ['c']], ['c', ['a']], ['d', ['a']]]))).toEqual([['a', 'b', 'c']]);
    expect(cycles(new Map([['a', ['a']]]))).toEqual([['a']]);
    expect(cycles(new Map([['a', ['b']], ['b', ['c']], ['c', []]]))).toEqual([]);
  });

  it('sees the kinds of import a cycle may hide in', () => {
    const text = "import type { A } from './a.js';\nexport { B } from './b.js';\nconst c = await import('./c.js');\nimport './d.js';";
    const names = ts.preProcessFile(text, true, true).importedFiles.map((i) => i.fileName);
    expect(names.sort()).toEqual(['./a.js', './b.js', './c.js', './d.js']);
  });
});
