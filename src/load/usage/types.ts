/**
 * The contract between the usage-export readers (src/load/usage, src/load/csv)
 * and the aggregation that consumes their events (src/engine/aggregate.ts).
 */
import type { InputReport, Role } from '../../model/types.js';

/** Days since 1970-01-01 of a calendar date (the date in the policy's time zone). */
export type DayNumber = number;

/** Receives every *used* sign-in (not skipped, not bad, not after as-of), one call per row. */
export interface UsageSink {
  add(day: DayNumber, user: string, app: string, appId: string | undefined, role: Role): void;
}

/**
 * The fast form of {@link UsageSink}: the reader interns each distinct user
 * identifier and app (name and optional app id) of a file once, from its
 * bytes, and then passes the sink's own integer handles per row, so no string
 * is made per row. What the sink must keep depends only on each user's last
 * day per app, its role and row counts, so a batch of rows may be passed as
 * one call (`rows` > 1, `day` their latest, `role` the highest of theirs).
 */
export interface InternedUsageSink {
  /** The sink's handle of an export user identifier (the decoded field, untrimmed inner text). Called once per distinct identifier per file (or per reading thread). */
  userHandle(user: string): number;
  /** The sink's handle of an app name with its optional app id. Called once per distinct pair per file (or per reading thread). */
  appHandle(app: string, appId: string | undefined): number;
  /**
   * Used sign-ins of `user` to `app`, the latest on `day`; `role` is the
   * highest role among them (teacher > staff > student > family > unknown).
   * `rows` is how many used rows the call stands for, counted per app only:
   * 1 when streaming rows; when passing per-range summaries, an app's rows
   * may all come with one of its calls and 0 with the others.
   */
  addInterned(day: DayNumber, user: number, app: number, role: Role, rows: number): void;
}

/** True when `sink` takes interned handles. */
export function isInternedSink(sink: UsageSink | InternedUsageSink): sink is InternedUsageSink {
  return typeof (sink as Partial<InternedUsageSink>).addInterned === 'function';
}

/** A district's custom export format (policy `usage_formats`, usage.md "Custom formats"). */
export interface CustomFormat {
  name: string;
  detect?: string[];
  columns?: { timestamp?: string; user?: string; app?: string; app_id?: string; role?: string; school?: string; grade?: string };
  app?: string;
  date_order?: 'mdy' | 'dmy';
  timezone?: string;
  skip_when?: { column: string; in?: string[]; not_in?: string[] };
}

export interface ReadUsageOptions {
  /** Policy `usage_formats`, in policy order (entries named after a built-in only override date_order/timezone). */
  customFormats: CustomFormat[];
  /** `--usage-format NAME`. */
  forcedFormat?: string;
  /** Policy `usage.timezone` (IANA). */
  timezone: string;
  /** Policy `usage.date_order`. */
  dateOrder: 'mdy' | 'dmy';
  /** Sign-ins on a later day are skipped ("after as-of"). */
  asOfDay: DayNumber;
  /** Where used sign-ins go: an {@link InternedUsageSink} (the aggregator) is fed handles, a plain {@link UsageSink} one string call per row. */
  sink: UsageSink | InternedUsageSink;
  /** Called now and then with bytes read so far and the file size (for a progress line). */
  onProgress?: (bytesRead: number, totalBytes: number, rows: number) => void;
  /** How the file is named in the report and in errors (default: the path as given). */
  displayPath?: string;
  /**
   * Reading a large file on several threads (usage.md "Streaming"): `false`
   * reads on one thread; by default a plain UTF-8 file of at least 32 MiB
   * read into an {@link InternedUsageSink} is split in two ranges read by
   * worker threads. The other settings are for tests.
   */
  parallel?: false | ParallelOptions;
}

/** Tuning of the parallel read (defaults in src/load/usage/parallel.ts). */
export interface ParallelOptions {
  /** Smallest file (bytes) that is split. */
  minBytes?: number;
  /** Number of ranges (and worker threads). */
  threads?: number;
  /** Read size in bytes, on every path (default 1 MiB). */
  chunkSize?: number;
  /** Read the ranges in this thread, one after the other, instead of in workers (tests of the splitting itself). */
  inThread?: boolean;
}

export type { InputReport };
