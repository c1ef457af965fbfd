/** Writing reports: atomically (temp file in the same folder, then rename), never over an input. */
import { closeSync, fsyncSync, openSync, readdirSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';
import { inputError } from '../model/errors.js';

/** Write `text` (or bytes) to `path` so a crash never leaves a half-written file where the old one was. */
export function writeAtomic(path: string, text: string | Uint8Array, cwd: string): void {
  const abs = resolve(cwd, path);
  const dir = dirname(abs);
  try {
    if (!statSync(dir).isDirectory()) throw new Error('not a folder');
  } catch {
    throw inputError({ file: path, message: `the folder ${dirname(path) || '.'} does not exist; create it first or choose another --output path` });
  }
  try {
    if (statSync(abs).isDirectory()) throw inputError({ file: path, message: 'this is a folder; expected a file path for --output' });
  } catch (e) {
    if (e instanceof Error && 'kind' in e) throw e;
  }
  removeStaleTemps(dir, basename(abs));
  const tmp = join(dir, `.${basename(abs)}.edvet-tmp-${process.pid}-${randomBytes(4).toString('hex')}`);
  try {
    const fd = openSync(tmp, 'wx', 0o644);
    try {
      if (typeof text === 'string') writeSync(fd, text);
      else writeSync(fd, text);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, abs);
  } catch (e) {
    rmSync(tmp, { force: true });
    if (e instanceof Error && 'kind' in e) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    throw inputError({ file: path, message: code === 'EACCES' || code === 'EPERM' ? 'permission denied: cannot write the report here' : `cannot write the report: ${code ?? (e as Error).message}` });
  }
}

/** Remove temp files an earlier, killed run left beside the same report (their process is gone). */
function removeStaleTemps(dir: string, name: string): void {
  const prefix = `.${name}.edvet-tmp-`;
  let entries: string[];
  try {
    entries = readdirSync(dir).filter((e) => e.startsWith(prefix));
  } catch {
    return;
  }
  for (const e of entries) {
    const pid = Number(/^(\d+)-/.exec(e.slice(prefix.length))?.[1]);
    if (!Number.isInteger(pid) || pid === process.pid || alive(pid)) continue;
    rmSync(join(dir, e), { force: true });
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
