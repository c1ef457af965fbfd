/**
 * The contract between the usage-export readers (src/load/usage, src/load/csv)
 * and the aggregation that consumes their events (src/engine/aggregate.ts).
 */
import type { DayNumber } from '../../model/dates.js';
import type { InputReport } from '../../model/types.js';
import type { InternedUsageSink, UsageSink } from '../../model/usage.js';
import type { Policy } from '../schema/policy.js';

/** The sink interfaces live with the usage figures (src/model/usage.ts). */
export { isInternedSink, type CountRow, type InternedUsageSink, type UsageSink } from '../../model/usage.js';

/** A district's custom export format (policy `usage_formats`, usage.md "Custom formats"), named. */
export type CustomFormat = NonNullable<Policy['usage_formats']>[string] & { name: string };

export interface ReadUsageOptions {
  /** Policy `usage_formats`, in policy order (entries named after a built-in only override date_order/timezone). */
  customFormats: CustomFormat[];
  /** `--usage-format NAME`. */
  forcedFormat?: string;
  /** Policy `usage.timezone` (IANA). */
  timezone: string;
  /** Policy `usage.date_order`. */
  dateOrder: 'mdy' | 'dmy';
  /** Policy `usage.role_by_org_unit`: the first rule whose pattern occurs in a Google row's org unit gives its role. */
  roleByOrgUnit?: { match: string; role: 'student' | 'teacher' | 'staff' }[];
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
