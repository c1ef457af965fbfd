/**
 * Writing reports, letters and starter files.
 *
 * A regular file is written atomically: a hidden temp file in the same
 * folder, every byte checked as written, fsync, then rename over the old
 * file, so a full disk, a crash or Ctrl-C never leaves a half-written file
 * where the old one was. `--output` onto a character device, a FIFO or
 * `/dev/stdout` (`/dev/fd/N`) writes to it directly, and a symbolic link is
 * followed: its target is replaced in the target's folder, the link stays.
 * Every failure is an input error naming the path and the cause.
 */
import * as nodeFs from 'node:fs';
import { constants, type Stats } from 'node:fs';
import { constants as osConstants } from 'node:os';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { randomBytes } from 'node:crypto';
import { displayPath } from '../load/catalog.js';
import { specialKind } from '../load/files.js';
import { EdvetError, inputError, usageError } from '../model/errors.js';

/**
 * The file-system calls a write makes. Tests replace some of them through
 * {@link setWriteFs} to inject failures between the write and the rename
 * (a disk that fills up, a short write, a failing fsync).
 */
export interface WriteFs {
  openSync: (path: string, flags: number | string, mode?: number) => number;
  writeSync: (fd: number, buffer: Uint8Array, offset: number, length: number) => number;
  fsyncSync: (fd: number) => void;
  fchmodSync: (fd: number, mode: number) => void;
  closeSync: (fd: number) => void;
  renameSync: (from: string, to: string) => void;
}

const REAL_FS: WriteFs = {
  openSync: (p, f, m) => nodeFs.openSync(p, f, m),
  writeSync: (fd, b, o, l) => nodeFs.writeSync(fd, b, o, l),
  fsyncSync: (fd) => nodeFs.fsyncSync(fd),
  fchmodSync: (fd, m) => nodeFs.fchmodSync(fd, m),
  closeSync: (fd) => nodeFs.closeSync(fd),
  renameSync: (a, b) => nodeFs.renameSync(a, b),
};
let fs: WriteFs = REAL_FS;

/** Replace some of the write calls (tests only); returns a function that restores the real ones. */
export function setWriteFs(over: Partial<WriteFs>): () => void {
  fs = { ...REAL_FS, ...over };
  return () => {
    fs = REAL_FS;
  };
}

/** What is being written, for messages: `the report`, `the letter`, `the file`. */
type What = 'report' | 'letter' | 'draft' | 'file';

/**
 * `--output`: write `text` to `path` (relative to `cwd`). `inputs` are the
 * files and folders the run read; the output may not be one of them, also
 * not through a symbolic link.
 */
export function writeOutputFile(path: string, text: string | Buffer, cwd: string, inputs: readonly string[] = []): void {
  const abs = resolve(cwd, path);
  const target = resolveOutputTarget(abs, path);
  if (target.kind !== 'fd') refuseInputs(target.abs, target.kind === 'file' && target.st !== null, inputs, cwd);
  const buf = typeof text === 'string' ? Buffer.from(text, 'utf8') : text;
  if (target.kind === 'fd') return writeDirect(target.fd, null, buf, path, 'report');
  if (target.kind === 'special') return writeSpecial(target.abs, target.st, buf, path);
  writeRegular(target.abs, target.st, buf, path, 'report', target.abs === abs ? null : displayPath(target.abs, cwd));
}

/**
 * A letter or a starter file: always a regular file, written atomically. A
 * symbolic link at `path` is replaced by the file, never followed (letters
 * go into a folder whose contents a vendor name must not steer); a FIFO,
 * device, socket or folder there is an error.
 */
export function writeAtomic(path: string, text: string | Uint8Array, cwd: string, what: 'letter' | 'draft' | 'file' = 'file'): void {
  const abs = resolve(cwd, path);
  const shown = displayPath(abs, cwd);
  let st: Stats | null = null;
  try {
    st = nodeFs.lstatSync(abs);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw writeError(e, shown, what, false);
  }
  if (st?.isDirectory()) throw inputError({ file: shown, message: `this is a folder; expected a file path for the ${what}` });
  if (st && !st.isFile() && !st.isSymbolicLink()) {
    throw inputError({ file: shown, message: `this is ${specialKind(st)}; edvet writes a ${what} only as a regular file (move it away)` });
  }
  writeRegular(abs, st && st.isFile() ? st : null, typeof text === 'string' ? Buffer.from(text, 'utf8') : Buffer.from(text), shown, what, null);
}

/**
 * A new regular file that never replaces one: written like {@link writeAtomic}
 * (hidden temp file, every byte checked, fsync) and then hard-linked into
 * place, which fails when a file (or anything else) is already there: false,
 * and nothing is touched. On a file system without hard links the temp file
 * is renamed after a check (a small window instead of none). Used by
 * `edvet import` for drafts, which are never overwritten without --force.
 */
export function writeNewFile(path: string, text: string, cwd: string, what: What = 'file'): boolean {
  const abs = resolve(cwd, path);
  const shown = displayPath(abs, cwd);
  const dir = dirname(abs);
  removeStaleTemps(dir, basename(abs));
  const tmp = join(dir, `.${basename(abs)}.edvet-tmp-${process.pid}-${randomBytes(4).toString('hex')}`);
  guardSignals();
  let fd: number | null = null;
  try {
    inFlight = tmp;
    fd = fs.openSync(tmp, 'wx', 0o644);
    writeAll(fd, Buffer.from(text, 'utf8'));
    fs.fsyncSync(fd);
    const closing = fd;
    fd = null;
    fs.closeSync(closing);
    try {
      nodeFs.linkSync(tmp, abs);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'EEXIST') return false;
      if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP' && code !== 'EXDEV') throw e;
      if (nodeFs.existsSync(abs)) return false;
      fs.renameSync(tmp, abs);
    }
  } catch (e) {
    if (fd !== null) {
      try {
        fs.closeSync(fd);
      } catch {
        // already failing: the write error is the one to report
      }
    }
    throw writeError(e, shown, what, false);
  } finally {
    nodeFs.rmSync(tmp, { force: true });
    inFlight = null;
  }
  syncFolder(dir);
  return true;
}

/** Create `dir` (and its parents) for files to be written into; a failure is an input error naming it. */
export function makeFolder(dir: string, cwd: string): void {
  const abs = resolve(cwd, dir);
  // One level at a time (not `recursive: true`, which reports ENOENT for a read-only file system),
  // from the deepest folder that exists.
  const missing: string[] = [];
  for (let p = abs; ; p = dirname(p)) {
    let st: Stats | null = null;
    try {
      st = nodeFs.statSync(p);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT') throw folderError(e, p, cwd);
    }
    if (st) {
      if (!st.isDirectory()) throw inputError({ file: displayPath(p, cwd), message: 'a file is in the way: cannot create a folder here' });
      break;
    }
    missing.unshift(p);
    if (dirname(p) === p) break;
  }
  for (const p of missing) {
    try {
      nodeFs.mkdirSync(p);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'EEXIST' && isDirectory(p)) continue;
      throw folderError(e, p, cwd);
    }
  }
}

function folderError(e: unknown, p: string, cwd: string): EdvetError {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'EEXIST' || code === 'ENOTDIR') return inputError({ file: displayPath(p, cwd), message: 'a file is in the way: cannot create a folder here' });
  return inputError({ file: displayPath(p, cwd), message: `cannot create this folder: ${causeOf(e)}` });
}

type Target =
  | { kind: 'fd'; fd: number }
  | { kind: 'special'; abs: string; st: Stats }
  | { kind: 'file'; abs: string; st: Stats | null };

/** Longest chain of symbolic links followed (Linux's own limit). */
const MAX_LINKS = 40;

/** `/dev/stdout`, `/dev/stderr`, `/dev/fd/N` or `/proc/self/fd/N` (also `/proc/<our pid>/fd/N`): our own fd N. */
function ownFd(abs: string): number | null {
  if (abs === '/dev/stdout') return 1;
  if (abs === '/dev/stderr') return 2;
  const m = /^\/(?:dev\/fd|proc\/self\/fd|proc\/(\d+)\/fd)\/(\d+)$/.exec(abs);
  if (!m || (m[1] !== undefined && Number(m[1]) !== process.pid)) return null;
  const fd = Number(m[2]);
  return fd === 0 ? null : fd;
}

/** Follow symbolic links from `abs` to what will really be written. */
function resolveOutputTarget(abs: string, shown: string): Target {
  let p = abs;
  for (let hops = 0; ; hops++) {
    const fd = ownFd(p);
    if (fd !== null) return { kind: 'fd', fd };
    let st: Stats;
    try {
      st = nodeFs.lstatSync(p);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'file', abs: p, st: null };
      throw writeError(e, shown, 'report', false);
    }
    if (st.isSymbolicLink()) {
      if (hops >= MAX_LINKS) throw inputError({ file: shown, message: 'too many symbolic links (a link loop?); cannot write the report' });
      let to: string;
      try {
        to = nodeFs.readlinkSync(p);
      } catch (e) {
        throw writeError(e, shown, 'report', false);
      }
      p = resolve(dirname(p), to);
      continue;
    }
    if (st.isDirectory()) throw inputError({ file: shown, message: 'this is a folder; expected a file path for --output' });
    if (st.isFile()) return { kind: 'file', abs: p, st };
    if (st.isCharacterDevice() || st.isFIFO()) return { kind: 'special', abs: p, st };
    throw inputError({ file: shown, message: `this is ${specialKind(st)}; --output writes to a file, a character device (such as /dev/null), a FIFO or /dev/stdout` });
  }
}

function realOrSame(p: string): string {
  try {
    return nodeFs.realpathSync(p);
  } catch {
    try {
      return join(nodeFs.realpathSync(dirname(p)), basename(p));
    } catch {
      return p;
    }
  }
}

/** A usage error when the output (its real path) is an input, or a file already inside an input folder. */
function refuseInputs(target: string, exists: boolean, inputs: readonly string[], cwd: string): void {
  const out = realOrSame(target);
  for (const input of inputs) {
    const abs = resolve(cwd, input);
    const real = realOrSame(abs);
    const rel = relative(real, out);
    const inside = rel !== '' && rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel);
    // A folder input (a roster folder) protects the files already in it.
    if (out === real || (inside && exists && isDirectory(real))) {
      throw usageError(`--output would overwrite an input: ${displayPath(abs, cwd)}; choose another file for the report`);
    }
  }
}

function isDirectory(p: string): boolean {
  try {
    return nodeFs.statSync(p).isDirectory();
  } catch {
    return false;
  }
}

/** A FIFO or character device: opened for writing (a FIFO waits for its reader, as the shell does) and written directly. */
function writeSpecial(abs: string, st: Stats, buf: Buffer, shown: string): void {
  let fd: number;
  try {
    fd = fs.openSync(abs, constants.O_WRONLY | constants.O_NOCTTY);
  } catch (e) {
    throw writeError(e, shown, 'report', false, specialKind(st));
  }
  try {
    writeDirect(fd, st, buf, shown, 'report');
  } finally {
    try {
      fs.closeSync(fd);
    } catch {
      // a device that fails on close has already had its bytes
    }
  }
}

/** Every byte of `buf` to an open descriptor; a reader that closed its pipe ends the write quietly (like stdout). */
function writeDirect(fd: number, st: Stats | null, buf: Buffer, shown: string, what: What): void {
  try {
    writeAll(fd, buf);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EPIPE') return;
    throw writeError(e, shown, what, false, st ? specialKind(st) : null);
  }
}

const pause = new Int32Array(new SharedArrayBuffer(4));

/** Write all of `buf`, checking each write's count; a descriptor in non-blocking mode (a pipe Node set up) is waited on. */
function writeAll(fd: number, buf: Buffer): void {
  let off = 0;
  while (off < buf.length) {
    let n: number;
    try {
      n = fs.writeSync(fd, buf, off, buf.length - off);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'EAGAIN') {
        Atomics.wait(pause, 0, 0, 5);
        continue;
      }
      throw e;
    }
    if (!(n > 0)) {
      throw Object.assign(new Error(`the write stopped after ${off} of ${buf.length} bytes`), { code: 'SHORT_WRITE', written: off, total: buf.length });
    }
    off += n;
  }
}

/** The temp file being written, removed if a signal ends the run (see guardSignals). */
let inFlight: string | null = null;
let guarded = false;

/**
 * SIGINT and SIGTERM normally end edvet at once (no handler: a busy loop
 * cannot delay them). Once a temp file may exist, a handler removes it
 * before exiting with the shell's status (130, 143); it runs only between
 * synchronous writes, so a report is never left half-renamed.
 */
function guardSignals(): void {
  if (guarded) return;
  guarded = true;
  for (const sig of ['SIGINT', 'SIGTERM'] as const) {
    process.on(sig, () => {
      if (inFlight) nodeFs.rmSync(inFlight, { force: true });
      process.exit(128 + osConstants.signals[sig]);
    });
  }
}

/**
 * Write a regular file atomically at `abs` (whose current state is `st`,
 * null when absent). `linkShown` names the link's target when `shown` was
 * a symbolic link.
 */
function writeRegular(abs: string, st: Stats | null, buf: Buffer, shown: string, what: What, linkShown: string | null): void {
  const dir = dirname(abs);
  const folderShown = linkShown ? dirname(linkShown) : dirname(shown) || '.';
  try {
    if (!nodeFs.statSync(dir).isDirectory()) throw Object.assign(new Error('not a folder'), { code: 'ENOTDIR' });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') {
      throw inputError({ file: shown, message: `the folder ${folderShown} does not exist; create it first or choose another ${what === 'report' ? '--output path' : 'folder'}` });
    }
    throw writeError(e, shown, what, st !== null);
  }
  removeStaleTemps(dir, basename(abs));
  const tmp = join(dir, `.${basename(abs)}.edvet-tmp-${process.pid}-${randomBytes(4).toString('hex')}`);
  guardSignals();
  let fd: number | null = null;
  try {
    inFlight = tmp;
    fd = fs.openSync(tmp, 'wx', 0o644);
    // The new file keeps the permissions of the one it replaces (a private report stays private).
    if (st) fs.fchmodSync(fd, st.mode & 0o777);
    writeAll(fd, buf);
    fs.fsyncSync(fd);
    const closing = fd;
    fd = null;
    fs.closeSync(closing);
    fs.renameSync(tmp, abs);
    inFlight = null;
  } catch (e) {
    if (fd !== null) {
      try {
        fs.closeSync(fd);
      } catch {
        // already failing: the write error is the one to report
      }
    }
    nodeFs.rmSync(tmp, { force: true });
    inFlight = null;
    throw writeError(e, shown, what, st !== null);
  }
  syncFolder(dir);
}

/** fsync the folder so the rename itself survives a power cut (best effort: not every file system allows it). */
function syncFolder(dir: string): void {
  let fd: number | null = null;
  try {
    fd = nodeFs.openSync(dir, constants.O_RDONLY | constants.O_DIRECTORY);
    nodeFs.fsyncSync(fd);
  } catch {
    // not supported here; the data itself was synced before the rename
  } finally {
    if (fd !== null) nodeFs.closeSync(fd);
  }
}

/** Why a file-system call failed, in words with the system's code. */
function causeOf(e: unknown): string {
  const err = e as NodeJS.ErrnoException & { written?: number; total?: number };
  switch (err?.code) {
    case 'ENOSPC':
      return 'the disk is full (ENOSPC)';
    case 'EDQUOT':
      return 'the disk quota is used up (EDQUOT)';
    case 'EROFS':
      return 'the file system is read-only (EROFS)';
    case 'EACCES':
    case 'EPERM':
      return `permission denied (${err.code})`;
    case 'EFBIG':
      return 'the file is too large for this file system (EFBIG)';
    case 'EIO':
      return 'an input/output error (EIO)';
    case 'ENXIO':
      return 'no such device or nothing reading it (ENXIO)';
    case 'ELOOP':
      return 'too many symbolic links (ELOOP)';
    case 'SHORT_WRITE':
      return `the write stopped after ${err.written} of ${err.total} bytes`;
    default:
      return err?.code ? `a system error (${err.code})` : String(err?.message ?? e);
  }
}

function writeError(e: unknown, shown: string, what: What, existed: boolean, special: string | null = null): Error {
  if (e instanceof EdvetError) return e;
  if (special) return inputError({ file: shown, message: `cannot write the ${what} to ${special}: ${causeOf(e)}` });
  return inputError({ file: shown, message: `cannot write the ${what}: ${causeOf(e)}${existed ? `; the old ${what} is unchanged` : '; nothing was written'}` });
}

/** Remove temp files an earlier, killed run left beside the same file (their process is gone). */
function removeStaleTemps(dir: string, name: string): void {
  const prefix = `.${name}.edvet-tmp-`;
  let entries: string[];
  try {
    entries = nodeFs.readdirSync(dir).filter((e) => e.startsWith(prefix));
  } catch {
    return;
  }
  for (const e of entries) {
    const pid = Number(/^(\d+)-/.exec(e.slice(prefix.length))?.[1]);
    if (!Number.isInteger(pid) || pid === process.pid || alive(pid)) continue;
    nodeFs.rmSync(join(dir, e), { force: true });
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}
