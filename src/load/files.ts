/** File-system access with errors a district can act on. */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { inputError } from '../model/errors.js';

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
