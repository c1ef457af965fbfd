/**
 * What a roster reader met and did not simply use (issue 16, "Messages that
 * mislead"): skipped or short rows, role values it does not know, a file with
 * a header and no rows, identifiers two people share. Each kind is counted
 * per file and becomes one warning with the file, the first line numbers and
 * the reason. A warning never quotes a cell: cells hold ids, emails and names.
 */

const SHOWN_LINES = 5;

interface Tally {
  count: number;
  lines: number[];
}

/** Counts roster problems while files are read; {@link RosterNotes.warnings} words them. */
export class RosterNotes {
  private readonly tallies = new Map<string, Map<string, Tally>>();
  private readonly extra: string[] = [];

  /** One row of `file` at `line` that has `what` (a phrase such as "skipped: NUL byte"). */
  note(file: string, what: string, line: number): void {
    let byWhat = this.tallies.get(file);
    if (byWhat === undefined) {
      byWhat = new Map();
      this.tallies.set(file, byWhat);
    }
    let t = byWhat.get(what);
    if (t === undefined) {
      t = { count: 0, lines: [] };
      byWhat.set(what, t);
    }
    t.count++;
    if (t.lines.length < SHOWN_LINES) t.lines.push(line);
  }

  /** A file that has a header and no data row. */
  headerOnly(file: string): void {
    this.extra.push(`${file}: a header and no rows: nobody in it counts (is it the complete export?)`);
  }

  /** A warning about the whole roster (no line to name). */
  add(warning: string): void {
    this.extra.push(warning);
  }

  /** The warnings, one per file and kind, in the order first met. */
  warnings(): string[] {
    const out: string[] = [];
    for (const [file, byWhat] of this.tallies) {
      for (const [what, t] of byWhat) {
        const lines = t.lines.join(', ') + (t.count > t.lines.length ? ', …' : '');
        out.push(`${file}: ${t.count.toLocaleString('en-US')} row${t.count === 1 ? '' : 's'} ${what} (line${t.count === 1 ? '' : 's'} ${lines})`);
      }
    }
    return [...out, ...this.extra];
  }
}
