/**
 * The one escaping every piece of text passes on its way to standard error
 * (quality.md "Hostile input"): a file name, a YAML key or a waiver's rule
 * name from a vendor's pull request must not drive the terminal (ESC
 * sequences, OSC 8 links, a title change, a carriage return over the line)
 * nor start a GitHub Actions workflow command (`::error …` at a line start).
 * Control and invisible formatting characters are shown as `\n`, `\x1b`,
 * `\u202e` …, so what was in the file stays visible without taking effect.
 */

// C0 and C1 controls, DEL, line/paragraph separators, bidi marks, overrides and isolates, the BOM / zero-width no-break space.
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200b\u200e\u200f\u2028\u2029\u202a-\u202e\u2060\u2066-\u2069\ufeff]/g;
// eslint-disable-next-line no-control-regex
const UNSAFE_BUT_NEWLINE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200b\u200e\u200f\u2028\u2029\u202a-\u202e\u2060\u2066-\u2069\ufeff]/g;

const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t', '\x1b': '\\x1b' };

function visible(ch: string): string {
  const named = NAMED[ch];
  if (named) return named;
  const code = ch.charCodeAt(0);
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

/**
 * GitHub Actions reads `::command::` at a line start (after any leading
 * spaces) and the older `##[command]` anywhere in a line: both are broken
 * up by a space, so the text reads the same and runs nothing.
 */
function defuseLine(line: string): string {
  return line.replace(/^(\s*)::/, '$1: :').replace(/##\[/g, '# #[');
}

/**
 * One line of text safe for a terminal and a CI log: every control or
 * invisible formatting character (newlines included) shown as an escape such
 * as `\n` or `\x1b`, and a workflow command
 * (`::` at its start, `##[` anywhere) broken up by a space. Applying it
 * twice gives the same text.
 */
export function escapeLine(text: string): string {
  return defuseLine(text.replace(UNSAFE, visible));
}

/**
 * Several lines (text edvet composed, such as commander's usage errors or a
 * stack trace): each line is escaped as {@link escapeLine}, the line breaks
 * between them kept.
 */
export function escapeLines(text: string): string {
  return text
    .replace(/\r\n/g, '\n')
    .replace(UNSAFE_BUT_NEWLINE, visible)
    .split('\n')
    .map(defuseLine)
    .join('\n');
}
