/**
 * A small strict XML 1.0 reader for the tests: it rejects anything that is not
 * well-formed (unbalanced or mismatched tags, a bare `<` or `&`, an unknown
 * entity, duplicate attributes, characters illegal in XML 1.0, more than one
 * root) and returns the element tree.
 */
export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  text: string;
}

// eslint-disable-next-line no-control-regex
const ILLEGAL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/;
const NAME = /^[A-Za-z_:][A-Za-z0-9_.:-]*/;

function decode(s: string, where: number): string {
  if (s.includes('<')) throw new Error(`bare < at ${where}`);
  return s.replace(/&([^;]*);?/g, (m, body: string) => {
    if (!m.endsWith(';')) throw new Error(`bare & at ${where}`);
    if (body === 'amp') return '&';
    if (body === 'lt') return '<';
    if (body === 'gt') return '>';
    if (body === 'quot') return '"';
    if (body === 'apos') return "'";
    if (/^#[0-9]+$/.test(body)) return String.fromCodePoint(Number(body.slice(1)));
    if (/^#x[0-9a-fA-F]+$/.test(body)) return String.fromCodePoint(parseInt(body.slice(2), 16));
    throw new Error(`unknown entity &${body}; at ${where}`);
  });
}

/** Parses a whole document; throws on the first well-formedness error. */
export function parseXml(doc: string): XmlElement {
  if (ILLEGAL.test(doc)) throw new Error('character illegal in XML 1.0');
  let i = 0;
  if (doc.startsWith('<?xml')) {
    const end = doc.indexOf('?>');
    if (end < 0) throw new Error('unterminated XML declaration');
    i = end + 2;
  }
  const stack: XmlElement[] = [];
  let root: XmlElement | null = null;
  while (i < doc.length) {
    const lt = doc.indexOf('<', i);
    const text = doc.slice(i, lt < 0 ? doc.length : lt);
    if (stack.length === 0) {
      if (text.trim() !== '') throw new Error(`text outside the root at ${i}`);
    } else stack[stack.length - 1].text += decode(text, i);
    if (lt < 0) break;
    i = lt;
    if (doc.startsWith('<!--', i)) {
      const end = doc.indexOf('-->', i);
      if (end < 0) throw new Error('unterminated comment');
      i = end + 3;
      continue;
    }
    if (doc.startsWith('</', i)) {
      const m = NAME.exec(doc.slice(i + 2));
      if (!m) throw new Error(`bad end tag at ${i}`);
      const close = doc.indexOf('>', i);
      if (doc.slice(i + 2 + m[0].length, close).trim() !== '') throw new Error(`junk in end tag at ${i}`);
      const open = stack.pop();
      if (!open || open.name !== m[0]) throw new Error(`mismatched </${m[0]}> at ${i}`);
      i = close + 1;
      continue;
    }
    const m = NAME.exec(doc.slice(i + 1));
    if (!m) throw new Error(`bad start tag at ${i}`);
    const el: XmlElement = { name: m[0], attrs: {}, children: [], text: '' };
    i += 1 + m[0].length;
    for (;;) {
      const ws = /^\s*/.exec(doc.slice(i))![0];
      i += ws.length;
      if (doc.startsWith('/>', i) || doc[i] === '>') break;
      if (!ws) throw new Error(`missing space before attribute at ${i}`);
      const a = /^([A-Za-z_:][A-Za-z0-9_.:-]*)="([^"]*)"/.exec(doc.slice(i));
      if (!a) throw new Error(`bad attribute at ${i}: ${doc.slice(i, i + 30)}`);
      if (a[1] in el.attrs) throw new Error(`duplicate attribute ${a[1]} at ${i}`);
      el.attrs[a[1]] = decode(a[2], i);
      i += a[0].length;
    }
    if (stack.length > 0) stack[stack.length - 1].children.push(el);
    else if (root) throw new Error('more than one root element');
    else root = el;
    if (doc.startsWith('/>', i)) i += 2;
    else {
      i += 1;
      stack.push(el);
    }
  }
  if (stack.length > 0) throw new Error(`unclosed <${stack[stack.length - 1].name}>`);
  if (!root) throw new Error('no root element');
  return root;
}

/** Every element named `name` under `el` (depth first). */
export function findAll(el: XmlElement, name: string): XmlElement[] {
  const out: XmlElement[] = [];
  const walk = (e: XmlElement) => {
    if (e.name === name) out.push(e);
    e.children.forEach(walk);
  };
  walk(el);
  return out;
}
