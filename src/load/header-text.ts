/**
 * Quoting a CSV header in an error without leaking student data: a file with
 * no header row has a data row where the header should be, so a line whose
 * cells hold a digit or an `@` (ids, emails, dates) is never echoed; and
 * where the caller knows the column names it reads (usage exports, rosters),
 * only those are quoted, so a title line naming students above the real
 * header is never echoed either.
 */

/**
 * `header found: "a", "b"`, or a note that the first row looks like data.
 * With `isKnown`, only cells it accepts (column names of a known format) are
 * quoted and the others counted.
 */
export function describeHeaderCells(cells: readonly string[], lead = 'header found', isKnown?: (cell: string) => boolean): string {
  const named = cells.filter((c) => c.trim() !== '');
  // Why: user ids, emails and timestamps carry digits or @; column names almost never do (usage.md "Privacy").
  if (named.some((c) => /[\d@]/.test(c))) return 'the first row looks like data, not a header (a header row is needed)';
  const quote = (c: string) => JSON.stringify(c.replace(/[\u0000-\u001f\u007f]/g, '?').slice(0, 60));
  if (isKnown) {
    const known = named.filter((c) => isKnown(c));
    const others = named.length - known.length;
    if (known.length === 0) {
      return `the first row (${named.length} cell${named.length === 1 ? '' : 's'}) holds no column name edvet knows, so it is not shown (it may be a title line or data; the header row must come first)`;
    }
    const shown = known.slice(0, 30).map(quote).join(', ');
    return `${lead}: ${shown}${known.length > 30 ? `, … (${known.length} known columns)` : ''}${others > 0 ? ` and ${others} other column${others === 1 ? '' : 's'} (not shown)` : ''}`;
  }
  const shown = named.slice(0, 30).map(quote);
  return `${lead}: ${shown.join(', ')}${named.length > 30 ? `, … (${named.length} columns)` : ''}`;
}
