/** File-system access with errors a district can act on, and the size limits of what edvet reads whole. */
import { closeSync, constants, fstatSync, openSync, readdirSync, readSync, statSync, type Stats } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { EdvetError, inputError, type Problem } from '../model/errors.js';

const MiB = 1024 * 1024;

/** The buffer readFileBytes reads past a file's stated end into, to find that it ended (it is copied when it holds data). */
const PROBE = Buffer.alloc(4096);

/**
 * The most edvet reads of each kind of file it loads whole (docs/errors.md "Limits"). A real manifest is a
 * few KB, an OpenACR report a few hundred KB, a policy a few KB; a JSON report is about 10 KB per product.
 * The YAML limits keep the worst case (deeply nested flow collections) to a few seconds and a few hundred MB.
 * Usage exports are streamed and have no size limit, only a line limit (usage.md).
 */
export const READ_LIMITS = {
  /** One manifest file (all its documents). */
  manifest: 2 * MiB,
  /** The policy file. */
  policy: 1 * MiB,
  /** One OpenACR report. */
  acr: 2 * MiB,
  /** A `--baseline` JSON report. */
  baseline: 256 * MiB,
  /** One roster CSV file (a OneRoster, Clever or simple roster file): streamed, so only a bound on time; a million-user district's enrollments.csv is about 500 MiB. */
  roster: 8 * 1024 * MiB,
  /** One line of a roster CSV file. */
  rosterLine: 1 * MiB,
  /** An app inventory spreadsheet for `edvet import` (CSV or XLSX). */
  sheet: 64 * MiB,
} as const;

/** A size as people read it: `8 MiB`, `1.5 MiB`, `12 KiB`, `300 bytes`. */
export function formatSize(bytes: number): string {
  if (bytes >= MiB) return `${Number((bytes / MiB).toFixed(1))} MiB`;
  if (bytes >= 1024) return `${Number((bytes / 1024).toFixed(1))} KiB`;
  return `${bytes} bytes`;
}

/** What a non-regular file is, in words; null for a regular file. */
export function specialKind(st: Stats): string | null {
  if (st.isFile()) return null;
  if (st.isDirectory()) return 'a folder';
  if (st.isFIFO()) return 'a named pipe (FIFO)';
  if (st.isCharacterDevice()) return 'a character device';
  if (st.isBlockDevice()) return 'a block device';
  if (st.isSocket()) return 'a socket';
  return 'not a regular file';
}

function checkRegular(st: Stats, displayPath: string, what: string, limit: number): void {
  const kind = specialKind(st);
  if (kind === 'a folder') throw inputError({ file: displayPath, message: `this is a folder; expected ${what} (a file)` });
  if (kind) throw inputError({ file: displayPath, message: `this is ${kind}, not a regular file; edvet reads ${what} only from a regular file` });
  if (st.size > limit) throw tooLarge(displayPath, what, limit, st.size);
}

function tooLarge(displayPath: string, what: string, limit: number, size: number | null): EdvetError {
  const held = size === null ? 'it grew past that while being read' : formatSize(size);
  return inputError({ file: displayPath, message: `this file is too large (${held}); edvet reads at most ${formatSize(limit)} for ${what}` });
}

/**
 * Read a whole file of at most `limit` bytes. It must be a regular file: a
 * folder, FIFO, device or socket is an input error before anything is opened
 * (the open is non-blocking, and the file is checked again once open, so a
 * path swapped for a FIFO in between cannot hang the run). A missing or
 * unreadable path, or a file over the limit, is an input error naming it.
 */
export function readFileBytes(absPath: string, displayPath: string, what: string, limit: number): Buffer {
  let fd: number | null = null;
  try {
    checkRegular(statSync(absPath), displayPath, what, limit);
    fd = openSync(absPath, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOCTTY);
    const st = fstatSync(fd);
    checkRegular(st, displayPath, what, limit);
    // One buffer of the size fstat gave, then a probe for more: the file may have grown since fstat (it is never
    // read past limit + 1). Why exact: a catalog of thousands of small manifests keeps every file's bytes at once,
    // and a generous buffer per file was most of `edvet vet`'s allocation and garbage collection.
    const size = st.size;
    const first = Buffer.allocUnsafe(size);
    let total = 0;
    while (total < size) {
      const n = readSync(fd, first, total, size - total, null);
      if (n === 0) return first.subarray(0, total); // the file shrank since fstat
      total += n;
    }
    const chunks: Buffer[] = [first];
    for (;;) {
      const n = readSync(fd, PROBE, 0, Math.min(PROBE.length, limit + 1 - total), null);
      if (n === 0) break;
      chunks.push(Buffer.from(PROBE.subarray(0, n)));
      total += n;
      if (total > limit) throw tooLarge(displayPath, what, limit, null);
    }
    return chunks.length === 1 ? first : Buffer.concat(chunks, total);
  } catch (e) {
    throw fsError(e, displayPath, what);
  } finally {
    if (fd !== null) closeSync(fd);
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
  if (code === 'ELOOP') return inputError({ file: displayPath, message: `too many symbolic links (a link loop?); expected ${what}` });
  return inputError({ file: displayPath, message: `cannot read ${what}: ${code ?? (e as Error)?.message ?? 'unknown error'}` });
}

/**
 * A Node file-system error (one with a `syscall` and a `path`) as an input
 * error naming the path relative to `cwd`; anything else is returned as is.
 */
export function fsFailureAsInput(e: unknown, cwd: string): unknown {
  const err = e as NodeJS.ErrnoException;
  if (!(e instanceof Error) || 'kind' in e || typeof err.code !== 'string' || typeof err.syscall !== 'string' || typeof err.path !== 'string') return e;
  const rel = relative(cwd, err.path) || '.';
  const cause = err.code === 'EACCES' || err.code === 'EPERM' ? 'permission denied' : err.code === 'ENOENT' ? 'no such file or folder' : 'a system error';
  return inputError({ file: rel.split('\\').join('/'), message: `${cause} (${err.code} on ${err.syscall})` });
}

/**
 * Every file under `dir` (recursively, sorted, skipping dot-folders and node_modules) whose name passes `keep`.
 * `links`, when given, receives those that are symbolic links (as the folder listing says: no lstat per file).
 */
export function walkFiles(dir: string, keep: (name: string) => boolean, links?: Set<string>): string[] {
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
        if (links && ent.isSymbolicLink()) links.add(p);
      }
    }
  };
  visit(dir);
  return out;
}

/**
 * Expand paths as typed: a file is taken as given, a folder is searched
 * recursively for the files `keep` accepts (given their absolute path). Every missing path and every folder
 * with nothing to read is reported, together. `links`, when given, receives the files found in folders that are
 * symbolic links.
 */
export function expandPaths(
  paths: readonly string[],
  cwd: string,
  keep: (abs: string) => boolean,
  what: { item: string; emptyFolder: string },
  links?: Set<string>,
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
      const found = walkFiles(abs, () => true, links).filter(keep);
      if (found.length === 0) problems.push({ file: p, message: what.emptyFolder });
      files.push(...found);
    } else {
      files.push(abs);
    }
  }
  if (problems.length) throw inputError(problems);
  return [...new Set(files)];
}
