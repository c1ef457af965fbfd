/**
 * A quick reading of an OpenACR report from the YAML parser's concrete syntax
 * tree, without composing the whole document: real ACRs are tens of
 * kilobytes, mostly notes, and composing them was the slowest step of
 * vetting a catalog. Only plainly written reports take this path; anything
 * unusual (anchors, aliases, tags, flow collections on the path read,
 * duplicate keys, parse errors, several documents, forbidden keys) returns
 * null and the report is read by the full parser, which also gives every
 * error its position. A test checks both readings agree on every sample.
 */
import { CST, Parser } from 'yaml';

type Token = CST.Token;

/** The parts of an ACR the rules read, as plain data (every scalar a string), or null to use the full parser. */
export function acrValueFromCst(text: string): Record<string, unknown> | null {
  try {
    return read(text);
  } catch {
    // A scalar the CST cannot resolve (an unclosed quote...): the full parser reports it with its position.
    return null;
  }
}

function read(text: string): Record<string, unknown> | null {
  if (/__proto__|constructor|prototype|\t/.test(text)) return null;
  let doc: CST.Document | null = null;
  for (const tok of new Parser().parse(text)) {
    if (tok.type === 'document') {
      if (doc) return null;
      doc = tok;
    } else if (tok.type !== 'comment' && tok.type !== 'space' && tok.type !== 'newline' && tok.type !== 'byte-order-mark' && tok.type !== 'doc-end') {
      return null;
    }
  }
  if (!doc || !doc.value || !plain(doc)) return null;
  const top = doc.value;
  if (top.type !== 'block-map') return null;
  const out: Record<string, unknown> = {};
  const catalog = scalarAt(top, 'catalog');
  if (catalog !== undefined) out.catalog = catalog;
  const date = scalarAt(top, 'report_date');
  if (date !== undefined) out.report_date = date;
  const chapters = valueAt(top, 'chapters');
  if (chapters === undefined) return out;
  if (chapters === null || chapters.type !== 'block-map') return null;
  const ch: Record<string, unknown> = {};
  for (const name of ['success_criteria_level_a', 'success_criteria_level_aa']) {
    const chapter = valueAt(chapters, name);
    if (chapter === undefined || chapter === null) continue;
    if (chapter.type !== 'block-map') return null;
    const list = valueAt(chapter, 'criteria');
    if (list === undefined || list === null) {
      ch[name] = {};
      continue;
    }
    if (list.type !== 'block-seq') return null;
    const criteria: unknown[] = [];
    for (const item of list.items) {
      const c = item.value;
      if (!c || c.type !== 'block-map') return null;
      const num = scalarAt(c, 'num');
      if (num === undefined || num === null) return null;
      const comps = valueAt(c, 'components');
      const components: unknown[] = [];
      if (comps !== undefined && comps !== null) {
        if (comps.type !== 'block-seq') return null;
        for (const ci of comps.items) {
          const comp = ci.value;
          if (!comp || comp.type !== 'block-map') return null;
          const adherence = valueAt(comp, 'adherence');
          if (adherence === undefined || adherence === null) {
            components.push({});
            continue;
          }
          if (adherence.type !== 'block-map') return null;
          components.push({ adherence: { level: scalarAt(adherence, 'level') ?? null } });
        }
      }
      criteria.push({ num, components });
    }
    ch[name] = { criteria };
  }
  out.chapters = ch;
  return out;
}

/** The value token of `key` in a block map: undefined when absent, null when empty. */
function valueAt(map: CST.BlockMap, key: string): Token | null | undefined {
  for (const item of map.items) {
    if (item.key && keyText(item.key) === key) return item.value ?? null;
  }
  return undefined;
}

/** A scalar value as a string (null when empty), undefined when the key is absent; null also for a non-scalar. */
function scalarAt(map: CST.BlockMap, key: string): string | null | undefined {
  const v = valueAt(map, key);
  if (v === undefined) return undefined;
  if (v === null) return null;
  const r = CST.resolveAsScalar(v);
  return r ? r.value : null;
}

function keyText(key: Token): string | null {
  if (key.type === 'scalar') return key.source;
  const r = CST.resolveAsScalar(key);
  return r ? r.value : null;
}

/** True when the document has no errors, anchors, aliases, tags or duplicate keys (what the quick reading cannot judge). */
function plain(doc: CST.Document): boolean {
  let ok = true;
  const props = (toks: CST.SourceToken[] | undefined) => {
    if (toks) for (const t of toks) if (t.type === 'anchor' || t.type === 'tag') ok = false;
  };
  const walk = (tok: Token | undefined): void => {
    if (!tok || !ok) return;
    switch (tok.type) {
      case 'error':
      case 'alias':
        ok = false;
        return;
      case 'block-scalar':
        props(tok.props as CST.SourceToken[]);
        return;
      case 'scalar':
      case 'single-quoted-scalar':
      case 'double-quoted-scalar':
        props(tok.end);
        return;
      case 'block-map':
      case 'block-seq':
      case 'flow-collection': {
        const seen = new Set<string>();
        for (const item of tok.items) {
          props(item.start);
          if ('sep' in item) props(item.sep);
          if ('key' in item && item.key) {
            walk(item.key);
            if (tok.type !== 'block-seq') {
              const k = keyText(item.key);
              if (k === null || seen.has(k)) ok = false;
              else seen.add(k);
            }
          }
          walk(item.value);
        }
        return;
      }
      default:
        return;
    }
  };
  props(doc.start);
  walk(doc.value);
  return ok;
}
