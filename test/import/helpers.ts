/** Running `edvet import` in-process on fixtures, and reading the drafts it writes back as data. */
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { runImport, type ImportFlags } from '../../src/commands/import.js';
import type { CommandContext } from '../../src/commands/context.js';

/** The repository root. */
export const ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');

/** A fresh temporary folder. */
export function tmp(prefix = 'edvet-import-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** A command context for in-process runs; stderr lines are collected. */
export function ctxOf(cwd = ROOT, over: Partial<CommandContext> = {}): CommandContext & { lines: string[] } {
  const lines: string[] = [];
  return {
    cwd,
    now: new Date('2026-11-23T12:00:00Z'),
    failOn: 'fail',
    tool: [],
    color: false,
    progress: false,
    stderr: (l: string) => lines.push(l),
    status: () => {},
    lines,
    ...over,
  };
}

/** Import `files` into a new folder; returns the folder, the JSON summary and the stderr lines. */
export async function importFiles(files: string[], flags: Partial<ImportFlags> = {}, outDir = tmp()) {
  const ctx = ctxOf(ROOT, { format: 'json' });
  const r = await runImport(ctx, files, { outDir, ...flags });
  return { outDir, result: r, json: JSON.parse(r.stdout) as ImportJson, lines: ctx.lines };
}

/** The JSON summary of `edvet import --format json`. */
export interface ImportJson {
  command: string;
  inputs: { file: string; kind: string; layout: string; headerRow: number | null; rows: number; drafts: number; skipped: Record<string, number> }[];
  drafts: { id: string; name: string; file: string; status: string; source: { row: number | null; layout: string }; filled: string[]; todo: string[] }[];
  skipped: { row: number | null; name: string | null; reason: string; duplicateOf?: { row: number | null } }[];
  totals: { written: number; leftAlone: number; skipped: number };
}

/** The drafts of a folder: id → { data (parsed YAML), text }. */
export function readDrafts(dir: string): Map<string, { data: Record<string, any>; text: string }> {
  const out = new Map<string, { data: Record<string, any>; text: string }>();
  for (const f of readdirSync(dir).filter((n) => n.endsWith('.yaml')).sort((a, b) => (a.slice(0, -5) < b.slice(0, -5) ? -1 : 1))) {
    const text = readFileSync(join(dir, f), 'utf8');
    out.set(f.replace(/\.yaml$/, ''), { data: parse(text) as Record<string, any>, text });
  }
  return out;
}
