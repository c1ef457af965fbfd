// A catalog of thousands of products for `npm run bench` (quality.md "catalog
// scale"): the demo district's manifests (real-sized, with their two OpenACR
// reports) copied round-robin into `count` files, each copy with a unique id,
// name and aliases (a name or alias matching two products is a schema error).
// Deterministic: the same count gives the same files.
import { cpSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const DEMO = new URL('../../fixtures/demo-district/catalog/', import.meta.url).pathname;

function manifests(dir) {
  const out = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) {
      if (name !== 'acr') out.push(...manifests(p));
    } else if (name.endsWith('.yaml') && name !== 'edvet.policy.yaml') out.push(p);
  }
  return out;
}

/** The text of a manifest file with every product's id, name and aliases made unique by `n`. */
function copyOf(text, n) {
  return text
    .replace(/^id: (.+)$/gm, (_, id) => `id: ${id}-${n}`)
    .replace(/^name: (.+)$/gm, (_, name) => `name: ${name.replace(/^"|"$/g, '')} ${n}`)
    .replace(/^(\s+aliases: )\[(.*)\]$/gm, (_, lead, items) => `${lead}[${items.split(/,\s*/).map((a) => `"${a.replace(/^"|"$/g, '')} ${n}"`).join(', ')}]`);
}

/** Writes `count` manifest files (and the demo's OpenACR reports) into `dir`. Returns { files, products }. */
export function generateCatalog(dir, count = 3000) {
  mkdirSync(dir, { recursive: true });
  cpSync(join(DEMO, 'acr'), join(dir, 'acr'), { recursive: true });
  const sources = manifests(DEMO).map((p) => readFileSync(p, 'utf8'));
  let products = 0;
  for (let i = 0; i < count; i++) {
    const text = copyOf(sources[i % sources.length], i);
    products += (text.match(/^id: /gm) ?? []).length;
    writeFileSync(join(dir, `m${String(i).padStart(5, '0')}.yaml`), text);
  }
  return { files: count, products };
}
