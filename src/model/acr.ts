/** An OpenACR report as the accessibility rules read it (manifest.md "OpenACR"); src/load/openacr.ts reads it. */

/** A component's adherence level, as OpenACR writes it. */
export type AcrAdherence = 'supports' | 'partially-supports' | 'does-not-support' | 'not-applicable' | 'not-evaluated';

/** One Level A or AA criterion as the ACR judges it. */
export interface AcrCriterion {
  num: string;
  level: 'A' | 'AA';
  /** The worst component level: does-not-support > partially-supports > not-evaluated > supports > not-applicable. */
  adherence: AcrAdherence;
}

/** The Level A and AA criteria of one report, with its WCAG version and date. */
export interface AcrReport {
  file: string;
  /** `2.0`, `2.1` or `2.2` from the catalog name, null when the ACR names none. */
  wcagVersion: string | null;
  catalog: string | null;
  /** `YYYY-MM-DD`, from `report_date` written ISO or M/D/YYYY; null when absent or unreadable. */
  reportDate: string | null;
  criteria: AcrCriterion[];
}
