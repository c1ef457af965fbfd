/**
 * The contract between the usage-export readers (src/load/usage, src/load/csv)
 * and the aggregation that consumes their events (src/engine/aggregate.ts).
 */
import type { InputReport, Role } from '../../model/types.js';

/** Days since 1970-01-01 of a calendar date (the date in the policy's time zone). */
export type DayNumber = number;

/** Receives every *used* sign-in (not skipped, not bad, not after as-of). */
export interface UsageSink {
  add(day: DayNumber, user: string, app: string, appId: string | undefined, role: Role): void;
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
  sink: UsageSink;
  /** Called now and then with bytes read so far and the file size (for a progress line). */
  onProgress?: (bytesRead: number, totalBytes: number, rows: number) => void;
  /** How the file is named in the report and in errors (default: the path as given). */
  displayPath?: string;
}

export type { InputReport };
