/**
 * Words the usage rules share (usage-sources.md "Honest no data"): what a
 * product was looked for under in the exports, and the unmatched app that may
 * be it. Pure text from the product and its usage figures.
 */
import type { Product } from '../model/product.js';
import type { RuleUsage } from '../model/usage.js';

/** `"tutorpro", "TutorPro", "TP Legacy", "111-q"`: the product's id, name, aliases and client ids, as the exports were searched for them. */
export function lookedFor(p: Product): string {
  const u = p.manifest.usage;
  return [p.id, p.manifest.name, ...(u?.aliases ?? []), ...(u?.client_ids ?? [])].map((a) => `"${a}"`).join(', ');
}

/**
 * The unmatched app that suggests the product, as a sentence to append
 * (`; 'Ghost Ap' (1 row) may be this product: if so, add it to usage.aliases`),
 * or '' when none does. The app's text is the export's: reporters escape it.
 */
export function suggestionText(usage: Pick<RuleUsage, 'suggestedApps'>): string {
  const a = usage.suggestedApps[0];
  if (!a) return '';
  const key = a.appId !== null ? 'usage.client_ids' : 'usage.aliases';
  return `; '${a.app}' (${a.rows.toLocaleString('en-US')} row${a.rows === 1 ? '' : 's'}) in the exports may be this product: if so, add it to ${key}`;
}
