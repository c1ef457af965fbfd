/**
 * Quoting a CSV header in an error without leaking student data: a file with
 * no header row has a data row where the header should be, so a line whose
 * cells hold a digit or an `@` (ids, emails, dates) is never echoed.
 */

/** `header found: "a", "b"`, or a note that the first row looks like data. */
export function describeHeaderCells(cells: readonly string[], lead = 'header found'): string {
  const named = cells.filter((c) => c.trim() !== '');
  // Why: user ids, emails and timestamps carry digits or @; column names almost never do (usage.md "Privacy").
  if (named.some((c) => /[\d@]/.test(c))) return 'the first row looks like data, not a header (a header row is needed)';
  const shown = named.slice(0, 30).map((c) => JSON.stringify(c.replace(/[\u0000-\u001f\u007f]/g, '?').slice(0, 60)));
  return `${lead}: ${shown.join(', ')}${named.length > 30 ? `, … (${named.length} columns)` : ''}`;
}
