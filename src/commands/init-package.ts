/**
 * The edvet package that `edvet init` puts beside the CI workflow, so the
 * workflow's `npm install -g ./.github/edvet/edvet-VERSION.tgz` works as
 * written while edvet is not on the npm registry: the running edvet, packed
 * the way `npm pack` packs it (the `files` of its package.json, plus
 * package.json, README and LICENSE, under `package/`; package.json without
 * its development scripts), as a gzipped ustar archive. Entries are sorted and carry npm's fixed timestamp, so the same
 * edvet always writes the same bytes.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { gzipSync } from 'node:zlib';
import { walkFiles } from '../load/files.js';
import { PACKAGE_ROOT, VERSION } from '../paths.js';

/** Where init writes the package, relative to the folder it scaffolds. */
export const PACKAGE_DIR = join('.github', 'edvet');

/** The package's file name, `edvet-VERSION.tgz` as `npm pack` names it. */
export const PACKAGE_FILE = `edvet-${VERSION}.tgz`;

/** npm's timestamp for every packed file (1985-10-26T08:15:00Z), so packing is reproducible. */
const NPM_MTIME = Date.UTC(1985, 9, 26, 8, 15, 0) / 1000;

/**
 * The files of the package at `root` (package-relative, `/`-separated, sorted):
 * what its package.json `files` names, and the files npm always ships.
 */
export function packageFiles(root: string = PACKAGE_ROOT): string[] {
  const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { files?: string[] };
  // npm ships these whatever `files` says.
  const out = new Set<string>(['package.json', 'README.md', 'LICENSE', 'LICENSE.md'].filter((n) => existsSync(join(root, n))));
  for (const entry of manifest.files ?? []) {
    const abs = join(root, entry);
    if (!existsSync(abs)) throw new Error(`the edvet package is incomplete: ${entry} (named in its package.json "files") is missing; run \`npm run build\``);
    const found = statSync(abs).isDirectory() ? walkFiles(abs, () => true) : [abs];
    for (const f of found) out.add(relative(root, f).split(sep).join('/'));
  }
  return [...out].sort();
}

/** The package at `root` as a gzipped tar archive, entries under `package/`. */
export function packSelf(root: string = PACKAGE_ROOT): Buffer {
  const blocks: Buffer[] = [];
  for (const rel of packageFiles(root)) {
    const abs = join(root, rel);
    const data = rel === 'package.json' ? installedManifest(readFileSync(abs, 'utf8')) : readFileSync(abs);
    const executable = (statSync(abs).mode & 0o111) !== 0;
    blocks.push(tarHeader(`package/${rel}`, data.length, executable ? 0o755 : 0o644), data);
    const pad = (512 - (data.length % 512)) % 512;
    if (pad) blocks.push(Buffer.alloc(pad));
  }
  blocks.push(Buffer.alloc(1024));
  return gzipSync(Buffer.concat(blocks), { level: 9 });
}

/**
 * package.json as the packed package carries it: without the scripts and
 * development dependencies, which only a clone of edvet's repository uses.
 * (npm 11 lists a `prepare` script of a package installed from a tarball as
 * an install script "not yet covered by allowScripts", although it never runs
 * there; CI would print that on every pull request.)
 */
function installedManifest(text: string): Buffer {
  const manifest = JSON.parse(text) as Record<string, unknown>;
  delete manifest.scripts;
  delete manifest.devDependencies;
  return Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`);
}

/** One ustar header block for a regular file; a long name is split into prefix and name at a `/`. */
function tarHeader(path: string, size: number, mode: number): Buffer {
  let name = path;
  let prefix = '';
  if (Buffer.byteLength(name) > 100) {
    const cut = path.lastIndexOf('/', 155);
    if (cut <= 0 || Buffer.byteLength(path.slice(cut + 1)) > 100) throw new Error(`path too long for a tar archive: ${path}`);
    prefix = path.slice(0, cut);
    name = path.slice(cut + 1);
  }
  const h = Buffer.alloc(512);
  const put = (text: string, at: number, len: number) => h.write(text, at, len, 'utf8');
  const octal = (n: number, len: number) => `${n.toString(8).padStart(len - 1, '0')}\0`;
  put(name, 0, 100);
  put(octal(mode, 8), 100, 8);
  put(octal(0, 8), 108, 8);
  put(octal(0, 8), 116, 8);
  put(octal(size, 12), 124, 12);
  put(octal(NPM_MTIME, 12), 136, 12);
  put('        ', 148, 8);
  put('0', 156, 1);
  put('ustar\0', 257, 6);
  put('00', 263, 2);
  put(prefix, 345, 155);
  let sum = 0;
  for (const b of h) sum += b;
  put(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 8);
  return h;
}
