/**
 * Alias suggestions (usage-sources.md "Alias suggestions"): an app of the
 * exports that matched no product may be one of the catalog's products under
 * another spelling. It is never matched automatically; the report suggests
 * the product so the district can add the app to `usage.aliases` (or
 * `usage.client_ids`). Pure functions, no I/O.
 */

/** The maximal `[a-z0-9]` runs of `s` after NFKD, removal of combining marks and lowercasing, less the ignored words. */
export function tokens(s: string, ignore: ReadonlySet<string>): string[] {
  const folded = s.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
  return (folded.match(/[a-z0-9]+/g) ?? []).filter((t) => !ignore.has(t));
}

/** Levenshtein distance (insertions, deletions, substitutions of one UTF-16 unit; the strings here are `[a-z0-9]`). */
export function levenshtein(a: string, b: string): number {
  if (a === b) return 0;
  if (a.length === 0) return b.length;
  if (b.length === 0) return a.length;
  let prev = new Array<number>(b.length + 1);
  let cur = new Array<number>(b.length + 1);
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1));
    }
    [prev, cur] = [cur, prev];
  }
  return prev[b.length];
}

/** A name's tokens as a set and their compact form (the tokens joined). */
interface Tokenised {
  set: Set<string>;
  compact: string;
}

function tokenise(s: string, ignore: ReadonlySet<string>): Tokenised {
  const t = tokens(s, ignore);
  return { set: new Set(t), compact: t.join('') };
}

/**
 * How close an unmatched app is to a product name: null when not close, else
 * the score. Close when both token sets are non-empty and (a) one contains the
 * other (score: their Jaccard index), or (b) the longer compact string has at
 * least 8 characters and 1 − Levenshtein ÷ its length ≥ 0.85 (score: that
 * ratio). The 8-character floor keeps `Canva` off `Canvas`.
 */
export function closeness(u: Tokenised, n: Tokenised): number | null {
  if (u.set.size === 0 || n.set.size === 0) return null;
  let inter = 0;
  for (const t of u.set) if (n.set.has(t)) inter++;
  if (inter === u.set.size || inter === n.set.size) return inter / (u.set.size + n.set.size - inter);
  const longer = Math.max(u.compact.length, n.compact.length);
  if (longer < 8) return null;
  const ratio = 1 - levenshtein(u.compact, n.compact) / longer;
  return ratio >= 0.85 ? ratio : null;
}

/** A product as the suggester sees it: its id and the names it is known by (id, name, aliases). */
export interface SuggestTarget {
  id: string;
  names: readonly string[];
}

/**
 * Builds the suggester for a catalog: given an unmatched app, the id of the
 * product whose closest name scores best (ties: the lowest id, code-point
 * order), or null when no name is close.
 */
export function suggester(targets: readonly SuggestTarget[], ignoreWords: readonly string[]): (app: string) => string | null {
  const ignore = new Set(ignoreWords.map((w) => w.toLowerCase()));
  const names = targets.flatMap((t) => t.names.map((n) => ({ id: t.id, tok: tokenise(n, ignore) }))).filter((n) => n.tok.set.size > 0);
  return (app) => {
    const u = tokenise(app, ignore);
    if (u.set.size === 0) return null;
    let best: { id: string; score: number } | null = null;
    for (const n of names) {
      const score = closeness(u, n.tok);
      if (score === null) continue;
      if (best === null || score > best.score || (score === best.score && n.id < best.id)) best = { id: n.id, score };
    }
    return best?.id ?? null;
  };
}
