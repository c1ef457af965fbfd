/** File-system access with errors a district can act on. */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { EdvetError, inputError, type Problem } from '../model/errors.js';

/** Read a whole file; a missing, unreadable or directory path is an input error. */
export function readFileBytes(absPath: string, displayPath: string, what: string): Buffer {
  try {
    const st = statSync(absPath);
    if (st.isDirectory()) throw inputError({ file: displayPath, message: `this is a folder; expected ${what} (a file)` });
    return readFileSync(absPath);
  } catch (e) {
    throw fsError(e, displayPath, what);
  }
}

/** Turn a Node file-system error into an input error naming the path. */
export function fsError(e: unknown, displayPath: string, what: string): Error {
  if (e instanceof Error && 'kind' in e) return e;
  const code = (e as NodeJS.ErrnoException)?.code;
  if (code === 'ENOENT') return inputError({ file: displayPath, message: `no such file or folder; expected ${what}` });
  if (code === 'EACCES' || code === 'EPERM') return inputError({ file: displayPath, message: `permission denied: cannot read ${what}` });
  if (code === 'ENOTDIR') return inputError({ file: displayPath, message: `a part of this path is a file, not a folder; expected ${what}` });
  if (code === 'EISDIR') return inputError({ file: displayPath, message: `this is a folder; expected ${what} (a file)` });
  return inputError({ file: displayPath, message: `cannot read ${what}: ${code ?? (e as Error)?.message ?? 'unknown error'}` });
}

/** Every file under `dir` (recursively, sorted, skipping dot-folders and node_modules) whose name passes `keep`. */
export function walkFiles(dir: string, keep: (name: string) => boolean): string[] {
  const out: string[] = [];
  const visit = (d: string) => {
    let entries;
    try {
      entries = readdirSync(d, { withFileTypes: true });
    } catch (e) {
      throw fsError(e, d, 'a folder');
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const ent of entries) {
      const p = join(d, ent.name);
      if (ent.isDirectory()) {
        if (ent.name.startsWith('.') || ent.name === 'node_modules') continue;
        visit(p);
      } else if ((ent.isFile() || ent.isSymbolicLink()) && keep(ent.name)) {
        out.push(p);
      }
    }
  };
  visit(dir);
  return out;
}

/**
 * Expand paths as typed: a file is taken as given, a folder is searched
 * recursively for the files `keep` accepts (given their absolute path). Every missing path and every folder
 * with nothing to read is reported, together.
 */
export function expandPaths(
  paths: readonly string[],
  cwd: string,
  keep: (abs: string) => boolean,
  what: { item: string; emptyFolder: string },
): string[] {
  const files: string[] = [];
  const problems: Problem[] = [];
  for (const p of paths) {
    const abs = resolve(cwd, p);
    let st;
    try {
      st = statSync(abs);
    } catch (e) {
      problems.push(...(fsError(e, p, what.item) as EdvetError).problems);
      continue;
    }
    if (st.isDirectory()) {
      const found = walkFiles(abs, () => true).filter(keep);
      if (found.length === 0) problems.push({ file: p, message: what.emptyFolder });
      files.push(...found);
    } else {
      files.push(abs);
    }
  }
  if (problems.length) throw inputError(problems);
  return [...new Set(files)];
}
