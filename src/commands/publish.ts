/**
 * `edvet publish --catalog PATH --out-dir DIR [--force]` (privacy-laws.md §8):
 * the public page parents are owed — index.html, operators.csv and
 * operators.json in DIR, and a copy of each agreement the manifests give as
 * a path. Exit 0 when complete; 1 when an entry (or the policy) lacks an item
 * an enabled law requires, each gap on stderr and shown as "not provided" on
 * the page; 2 on input errors, or when a file to write exists without
 * --force (nothing is written then).
 */
import { basename, dirname, relative, resolve, sep } from 'node:path';
import { displayPath } from '../load/catalog.js';
import { readFileBytes } from '../load/files.js';
import { acrRoot, confinementProblem } from '../load/openacr.js';
import { inputError, type Problem } from '../model/errors.js';
import { buildPublishPage, type PublishPage } from '../report/publish.js';
import { slug } from '../reporters/letters.js';
import { renderPublishCsv, renderPublishHtml, renderPublishJson } from '../reporters/publish.js';
import { asOfDate, catalogFor, checkAsOfFlag, policyFor, printWarnings } from './common.js';
import type { CommandContext, CommandResult } from './context.js';
import { lstatOrNull, statOrNull } from './letters.js';
import { makeFolder, writeAtomic } from './write.js';

/** The most a Markdown file of the policy or an agreement copy may weigh. */
const MARKDOWN_LIMIT = 1024 * 1024;
const AGREEMENT_LIMIT = 32 * 1024 * 1024;

export interface PublishFlags {
  catalog: string;
  outDir: string;
  force?: boolean;
}

export async function runPublish(ctx: CommandContext, flags: PublishFlags): Promise<CommandResult> {
  checkAsOfFlag(ctx);
  const lp = policyFor(ctx, [flags.catalog]);
  const asOf = asOfDate(ctx, lp);
  const catalog = catalogFor(ctx, [flags.catalog]);
  printWarnings(ctx, { warnings: catalog.warnings });
  const policyDir = lp.source === 'defaults' ? ctx.cwd : dirname(resolve(ctx.cwd, lp.source));
  /** A Markdown file the policy names, relative to the policy file (privacy-laws.md, "Decided details"). */
  const markdown = (key: 'parent_procedures' | 'bill_of_rights'): string | null => {
    const ref = lp.policy.publish[key];
    if (ref === null) return null;
    const abs = resolve(policyDir, ref);
    return readFileBytes(abs, displayPath(abs, ctx.cwd), `a Markdown file (publish.${key})`, MARKDOWN_LIMIT).toString('utf8').replace(/^\uFEFF/, '');
  };
  const page = buildPublishPage(catalog.products, lp.policy, asOf, { parentProcedures: markdown('parent_procedures'), billOfRights: markdown('bill_of_rights') });

  const outDir = resolve(ctx.cwd, flags.outDir);
  const dirState = statOrNull(outDir, flags.outDir);
  if (dirState && !dirState.isDirectory()) throw inputError({ file: flags.outDir, message: 'this is a file; expected a folder for --out-dir' });
  const copies = agreementCopies(ctx, page, flags.catalog, outDir);
  const files: { target: string; data: string | Uint8Array }[] = [
    { target: resolve(outDir, 'index.html'), data: renderPublishHtml(page) },
    { target: resolve(outDir, 'operators.csv'), data: renderPublishCsv(page) },
    { target: resolve(outDir, 'operators.json'), data: renderPublishJson(page) },
    ...copies,
  ];
  const existing = files.filter((f) => lstatOrNull(f.target, displayPath(f.target, ctx.cwd)) !== null);
  if (existing.length && !flags.force) {
    throw inputError(existing.map((f) => ({ file: displayPath(f.target, ctx.cwd), message: 'this file already exists; use --force to replace it' })));
  }
  makeFolder(outDir, ctx.cwd);
  if (copies.length) makeFolder(resolve(outDir, 'agreements'), ctx.cwd);
  for (const f of files) writeAtomic(f.target, f.data, ctx.cwd);

  for (const g of page.gaps) {
    const where = g.product === null ? 'the policy' : g.product;
    const line = `${where}: ${g.pack} requires ${g.item} (${g.field}, ${g.citation})`;
    ctx.stderr(g.level === 'fail' ? `edvet publish: missing: ${line}` : `warning: not provided: ${line}; known only from a summary of the law`);
  }
  const missing = page.gaps.filter((g) => g.level === 'fail').length;
  const lines = files.map((f) => `wrote ${displayPath(f.target, ctx.cwd)}`);
  lines.push(
    `${page.entries.length} operator${page.entries.length === 1 ? '' : 's'} published${missing ? `; ${missing} item${missing === 1 ? '' : 's'} the law requires ${missing === 1 ? 'is' : 'are'} not provided (listed on stderr, shown as "not provided" on the page)` : ''}`,
  );
  return { stdout: `${lines.join('\n')}\n`, exitCode: missing ? 1 : 0 };
}

/**
 * The agreement copies: a `dpa.url` that is a path (relative to its manifest)
 * is copied into DIR/agreements and the page links the copy. The path must
 * stay inside the repository that holds the catalog and never lead into
 * `.git` (as an OpenACR path), so nothing else on the machine can be published.
 */
function agreementCopies(ctx: CommandContext, page: PublishPage, catalogPath: string, outDir: string): { target: string; data: Uint8Array }[] {
  const catalogAbs = resolve(ctx.cwd, catalogPath);
  const problems: Problem[] = [];
  const out: { target: string; data: Uint8Array }[] = [];
  for (const e of page.entries) {
    const src = e.agreementSource;
    if (!src || src.web) continue;
    const manifestAbs = resolve(ctx.cwd, src.manifestFile);
    const abs = resolve(dirname(manifestAbs), src.ref);
    const root = acrRoot(manifestAbs, dirname(catalogAbs));
    const why = confinementProblem(abs, root);
    if (why) {
      problems.push({ file: src.manifestFile, message: `privacy.dpa.url ${src.ref} ${why === 'git' ? 'is inside a .git folder' : `is outside the repository that holds the catalog (${displayPath(root, ctx.cwd)})`}; edvet publishes an agreement only from inside it` });
      continue;
    }
    let data: Buffer;
    try {
      data = readFileBytes(abs, displayPath(abs, ctx.cwd), 'the copy of an agreement (privacy.dpa.url)', AGREEMENT_LIMIT);
    } catch (err) {
      problems.push({ file: src.manifestFile, message: `privacy.dpa.url ${src.ref}: ${(err as { problems?: Problem[] }).problems?.[0]?.message ?? 'cannot be read'}` });
      continue;
    }
    const name = `${slug(e.product, 'product')}--${basename(src.ref).replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[.-]+/, '') || 'agreement'}`;
    const target = resolve(outDir, 'agreements', name);
    const rel = relative(outDir, target);
    if (rel.startsWith('..') || rel.split(sep).length !== 2) throw inputError({ message: `refusing to write an agreement copy outside ${displayPath(outDir, ctx.cwd)}` });
    out.push({ target, data });
    for (const f of e.fields) if (f.key === 'agreementUrl' && f.value !== null && typeof f.value === 'object' && !Array.isArray(f.value)) f.value = { href: `agreements/${name}`, text: f.value.text };
  }
  if (problems.length) throw inputError(problems);
  return out;
}
