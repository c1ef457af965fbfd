/**
 * The README's first screens are real output: every run of lines between
 * "…" in its demo blocks appears, unchanged and in the same order, in what
 * `edvet audit --demo` (and the `usage` command shown) prints today. A change
 * to the demo district or to a message that is not copied into the README
 * fails here.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { edvet, ensureBuilt, ROOT } from './helpers.js';

/** The ```text blocks of the README, in order. */
function textBlocks(): string[] {
  const md = readFileSync(join(ROOT, 'README.md'), 'utf8');
  return [...md.matchAll(/^```text\n([\s\S]*?)^```$/gm)].map((m) => m[1]);
}

/** The block's runs of lines between "…" lines (a run's own command lines, `$ …` and their continuations, left out). */
function runs(block: string): string[][] {
  const out: string[][] = [[]];
  for (const line of block.replace(/\n$/, '').split('\n')) {
    if (line.trim() === '…') out.push([]);
    else out[out.length - 1].push(line);
  }
  return out.filter((r) => r.length > 0);
}

/** Asserts each run is a contiguous slice of the output's lines, after the previous run. */
function expectRunsIn(output: string, rs: string[][]): void {
  const lines = output.replace(/\n$/, '').split('\n');
  let from = 0;
  for (const r of rs) {
    let at = -1;
    for (let i = from; i + r.length <= lines.length && at < 0; i++) if (r.every((l, k) => lines[i + k] === l)) at = i;
    expect(at, `not in the output (after line ${from + 1}):\n${r.join('\n')}`).toBeGreaterThanOrEqual(0);
    from = at + r.length;
  }
}

describe("the README's demo output", () => {
  let blocks: string[];
  beforeAll(() => {
    ensureBuilt();
    blocks = textBlocks();
  });

  it('the first screen is `edvet audit --demo` as it prints today, its first lines exactly', () => {
    const out = edvet(['audit', '--demo']).stdout;
    const rs = runs(blocks[0]);
    expect(rs.length).toBeGreaterThan(3);
    // The headline lines open the output itself.
    expect(out.split('\n').slice(0, rs[0].length)).toEqual(rs[0]);
    expectRunsIn(out, rs);
  });

  it('the license-audit screen is the `usage` command it shows', () => {
    const b = blocks[1];
    const cmd = b.split('\n').filter((l, i, all) => l.startsWith('$ ') || all[i - 1]?.endsWith('\\')).join(' ').replace(/\\\s+/g, ' ');
    expect(cmd).toMatch(/^\$ npx edvet usage /);
    const args = cmd.replace(/^\$ npx edvet /, '').trim().split(/\s+/);
    const out = edvet(args).stdout;
    const body = b.split('\n').filter((l, i, all) => !l.startsWith('$ ') && !all[i - 1]?.endsWith('\\')).join('\n');
    const rs = runs(body);
    expect(out.split('\n').slice(0, rs[0].length)).toEqual(rs[0]);
    expectRunsIn(out, rs);
  });
});
