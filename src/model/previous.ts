/** An earlier edvet JSON report as `--compare` reads it (src/load/previous.ts): only the figures the comparison needs. */
import type { Cents } from './money.js';

/** One product of the earlier report. Money in cents. */
export interface PreviousProduct {
  id: string;
  name: string;
  verdict: string | null;
  activeUsers: number | null;
  teacherUtilization: number | null;
  wastedSpend: Cents | null;
}

/** What the comparison reads from an earlier report. */
export interface PreviousReport {
  command: string;
  asOf: string;
  products: PreviousProduct[];
  annualSpend: Cents | null;
  wastedSpend: Cents | null;
}

