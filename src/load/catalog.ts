/**
 * The catalog: manifest files and folders → validated products. Every problem
 * of the run (YAML, schema, duplicates, ACRs) is collected and thrown together.
 */
import { basename, dirname, relative, resolve, sep } from 'node:path';
import { EdvetError, inputError, type Problem } from '../model/errors.js';
import { expandGrades } from '../model/grades.js';
import { annualCostOf, costPerSeatOf, costPerStudentOf, type Product } from '../model/product.js';
import { expandPaths, READ_LIMITS, readFileBytes } from './files.js';
import { acrRoot, checkAcrPath, confinementProblem, loadOpenAcr, type AcrReport } from './openacr.js';
import { issuesToProblems } from './schema/issues.js';
import { ManifestSchema, type Manifest } from './schema/manifest.js';
import { readYamlFile, type YamlDoc } from './yaml.js';

export const POLICY_FILE_NAME = 'edvet.policy.yaml';

export interface Catalog {
  products: Product[];
  warnings: string[];
}

/** How a path is shown: relative to the working folder. */
export function displayPath(abs: string, cwd: string): string {
  const rel = relative(cwd, abs);
  return (rel === '' ? '.' : rel).split('\\').join('/');
}

/**
 * The manifest files under the given paths (files as given; folders searched recursively for *.yaml / *.yml).
 * `links`, when given, receives the files found in folders that are symbolic links.
 */
export function findManifestFiles(paths: readonly string[], cwd: string, exclude: ReadonlySet<string> = new Set(), links?: Set<string>): string[] {
  return expandPaths(
    paths,
    cwd,
    (abs) => /\.ya?ml$/i.test(abs) && basename(abs) !== POLICY_FILE_NAME && !exclude.has(abs),
    {
      item: 'a manifest file or a catalog folder',
      emptyFolder: 'this folder holds no manifests (no *.yaml or *.yml files); expected a catalog of vendor manifests',
    },
    links,
  );
}

/** `exclude` holds absolute paths that are not manifests (the policy file in use). */
export function loadCatalog(paths: readonly string[], cwd: string, exclude: ReadonlySet<string> = new Set()): Catalog {
  const problems: Problem[] = [];
  const warnings: string[] = [];
  const rootOf = repositoryRoots(paths, cwd);
  const given = new Set(paths.map((p) => resolve(cwd, p)));
  // A symbolic link met while walking a catalog folder is followed only inside the repository, never into .git:
  // a vendor's pull request could otherwise make edvet read (and quote) a file such as .git/config.
  const links = new Set<string>();
  const files = findManifestFiles(paths, cwd, exclude, links).filter((abs) => {
    if (given.has(abs) || !links.has(abs)) return true;
    const why = confinementProblem(abs, rootOf(abs));
    if (why === null) return true;
    problems.push({
      file: displayPath(abs, cwd),
      message:
        why === 'git'
          ? 'a symbolic link into a .git folder; edvet does not follow it'
          : `a symbolic link to a file outside the repository that holds the catalog (${displayPath(rootOf(abs), cwd)}); edvet does not follow it`,
    });
    return false;
  });
  type Parsed = { abs: string; file: string; docs: YamlDoc[]; problems: Problem[] };
  const parse = (abs: string, bytes: Buffer): Parsed => {
    const file = displayPath(abs, cwd);
    try {
      const y = readYamlFile(file, bytes, 'a product manifest (a mapping of fields)');
      if (y.empty) warnings.push(`${file}: the file is empty; it holds no product`);
      return { abs, file, docs: y.docs, problems: y.problems };
    } catch (e) {
      if (e instanceof EdvetError) return { abs, file, docs: [], problems: e.problems };
      throw e;
    }
  };
  // Files a manifest seems to name in `openacr:` are set aside unparsed: ACRs are large and are parsed
  // once, by the OpenACR reader. The text scan only guesses; the parsed manifests below decide.
  const bytesOf = new Map<string, Buffer>();
  const guessed = new Set<string>();
  for (const abs of files) {
    const bytes = readFileBytes(abs, displayPath(abs, cwd), 'a vendor manifest', READ_LIMITS.manifest);
    bytesOf.set(abs, bytes);
    for (const m of bytes.toString('latin1').matchAll(/openacr:\s*["']?([^"'\s,}#]+)/g)) guessed.add(resolve(dirname(abs), m[1]));
  }
  const parsed: Parsed[] = [];
  for (const abs of files) if (!guessed.has(abs)) parsed.push(parse(abs, bytesOf.get(abs)!));
  // A file that a manifest names in accessibility.openacr is a report, not a manifest.
  const acrFiles = new Set<string>();
  for (const f of parsed) {
    for (const d of f.docs) {
      const ref = (d.value as { accessibility?: { openacr?: unknown } } | null)?.accessibility?.openacr;
      if (typeof ref === 'string' && ref.trim()) acrFiles.add(resolve(dirname(f.abs), ref.trim()));
    }
  }
  for (const abs of files) if (guessed.has(abs) && !acrFiles.has(abs)) parsed.push(parse(abs, bytesOf.get(abs)!));
  const order = new Map(files.map((f, i) => [f, i]));
  parsed.sort((a, b) => order.get(a.abs)! - order.get(b.abs)!);
  const parsedByPath = new Map(parsed.map((p) => [p.abs, p]));
  // One report per OpenACR file however many products name it: a catalog of thousands names a few reports many times.
  const acrCache = new Map<string, AcrReport | EdvetError>();
  // And one check of each OpenACR path as written in each folder (the check stats and resolves it).
  const acrPathChecks = new Map<string, ReturnType<typeof checkAcrPath>>();
  const reportedAcr = new Set<string>();
  const products: Product[] = [];
  checkDuplicateIds(parsed.filter((f) => !acrFiles.has(f.abs)).flatMap((f) => f.docs), problems);
  for (const f of parsed) {
    // An ACR's own problems are reported once, by the OpenACR reader below.
    if (acrFiles.has(f.abs)) continue;
    problems.push(...f.problems);
    for (const doc of f.docs) {
      const result = ManifestSchema.safeParse(doc.value);
      const local: Problem[] = result.success ? [] : issuesToProblems(result.error, doc, ManifestSchema);
      let grades: string[] | null = null;
      const rawGrades = (doc.value as { grades?: unknown }).grades;
      if (Array.isArray(rawGrades)) {
        const g = expandGrades(rawGrades as (string | number)[]);
        if ('error' in g) local.push({ ...doc.posOf(['grades', g.index]), message: `\`grades[${g.index}]\`: ${g.error}` });
        else grades = g.grades;
      }
      if (!result.success || local.length) {
        problems.push(...local);
        continue;
      }
      const m = result.data;
      let acr: AcrReport | null = null;
      if (m.accessibility?.openacr) {
        const ref = m.accessibility.openacr;
        const checkKey = `${dirname(f.abs)}\u0000${ref}`;
        let checked = acrPathChecks.get(checkKey);
        if (checked === undefined) {
          const root = rootOf(f.abs);
          checked = checkAcrPath(f.abs, ref, root, displayPath(root, cwd));
          acrPathChecks.set(checkKey, checked);
        }
        if ('message' in checked) {
          problems.push({ ...doc.posOf(['accessibility', 'openacr']), message: checked.message });
          continue;
        }
        const acrAbs = checked.abs;
        let loaded = acrCache.get(acrAbs);
        if (loaded === undefined) {
          try {
            const walked = parsedByPath.get(acrAbs);
            loaded = loadOpenAcr(acrAbs, displayPath(acrAbs, cwd), walked ? { docs: walked.docs, problems: walked.problems, empty: walked.docs.length === 0 && walked.problems.length === 0 } : undefined);
          } catch (e) {
            if (!(e instanceof EdvetError)) throw e;
            loaded = e;
          }
          acrCache.set(acrAbs, loaded);
        }
        if (loaded instanceof EdvetError) {
          // Reported once, however many products name the file.
          if (!reportedAcr.has(acrAbs)) problems.push(...loaded.problems);
          reportedAcr.add(acrAbs);
          continue;
        }
        acr = loaded;
      }
      products.push(makeProduct(m, f.file, doc, grades, acr));
    }
  }
  checkCatalogWide(products, problems);
  if (problems.length) throw inputError(sortProblems(problems));
  if (products.length === 0) {
    throw inputError({ file: paths.join(', '), message: 'no product found: the manifests given hold no product (expected at least one YAML document with an id)' });
  }
  products.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { products, warnings };
}

/**
 * For a manifest, the folder its OpenACR report and symbolic links must stay
 * inside: the repository holding it (the nearest folder above with `.git`),
 * else the parent of the catalog folder it was found in (for a manifest
 * given as a file, the parent of its folder).
 */
function repositoryRoots(paths: readonly string[], cwd: string): (manifestAbs: string) => string {
  const args = paths.map((p) => resolve(cwd, p));
  const byDir = new Map<string, string>();
  return (manifestAbs) => {
    const dir = dirname(manifestAbs);
    let root = byDir.get(dir);
    if (root === undefined) {
      const arg = args.find((a) => a === manifestAbs || manifestAbs.startsWith(a.endsWith(sep) ? a : a + sep));
      const catalogFolder = arg === undefined || arg === manifestAbs ? dir : arg;
      root = acrRoot(manifestAbs, dirname(catalogFolder));
      byDir.set(dir, root);
    }
    return root;
  };
}

function makeProduct(m: Manifest, file: string, doc: YamlDoc, grades: string[] | null, acr: AcrReport | null): Product {
  const annualCost = annualCostOf(m);
  // Only the position lookup is kept, not the document (its parsed value is the manifest's twin).
  const posOf = doc.posOf;
  return {
    manifest: m,
    id: m.id,
    file,
    source: { ...doc.start, column: 1 },
    posOf: (path) => posOf(path),
    grades,
    annualCost,
    costPerStudent: costPerStudentOf(m, annualCost),
    costPerSeat: costPerSeatOf(m, annualCost),
    acr,
  };
}

/** Usage matching keys (moved to the model, src/model/product.ts). */
export { matchKeys } from '../model/product.js';

/** Duplicate ids across the catalog, checked on every document with an id (valid or not), naming both files. */
function checkDuplicateIds(docs: YamlDoc[], problems: Problem[]): void {
  const byId = new Map<string, YamlDoc>();
  for (const d of docs) {
    const id = (d.value as { id?: unknown }).id;
    if (typeof id !== 'string') continue;
    const first = byId.get(id);
    if (first) {
      const a = first.posOf(['id']);
      problems.push({ ...d.posOf(['id']), message: `duplicate id \`${id}\`: also used in ${a.file}:${a.line}:${a.column}; ids must be unique in the catalog` });
    } else byId.set(id, d);
  }
}

/**
 * A usage name (id, name, alias) or client id that two products claim is a
 * schema error naming both manifests (rules.md "Corner cases, decided";
 * usage-sources.md "Client ids"): one product's alias equal to another's
 * name, a client id listed twice, or equal to another product's name.
 */
function checkCatalogWide(products: Product[], problems: Problem[]): void {
  const owner = new Map<string, Product>();
  for (const p of products) {
    const keys = new Map<string, { what: string; path: (string | number)[] }>();
    const aliases = p.manifest.usage?.aliases ?? [];
    const ids = p.manifest.usage?.client_ids ?? [];
    const add = (k: string, what: string, path: (string | number)[]) => {
      if (k && !keys.has(k)) keys.set(k, { what, path });
    };
    add(p.id.trim().toLowerCase(), 'id', ['id']);
    add(p.manifest.name.trim().toLowerCase(), 'name', ['name']);
    aliases.forEach((a, i) => add(a.trim().toLowerCase(), 'usage alias', ['usage', 'aliases', i]));
    ids.forEach((a, i) => add(a.trim().toLowerCase(), 'client id', ['usage', 'client_ids', i]));
    for (const [k, { what, path }] of keys) {
      const other = owner.get(k);
      if (other && other !== p && other.id !== p.id) {
        problems.push({ ...p.posOf(path), message: `${what} "${k}" is also claimed by product \`${other.id}\` (${other.file}); each usage name or client id must point at one product` });
      } else owner.set(k, p);
    }
  }
}

/** Problems in file, line, column order. */
export function sortProblems(problems: Problem[]): Problem[] {
  return [...problems].sort(
    (a, b) => (a.file ?? '').localeCompare(b.file ?? '') || (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0),
  );
}
