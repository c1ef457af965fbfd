/**
 * Plain data shared by every layer: finding statuses, the report model every
 * reporter receives, and the usage figures. Nothing here does I/O.
 */

/** A rule's outcome (rules.md). */
export type Status = 'pass' | 'warn' | 'fail' | 'waived' | 'n/a';

/** Worst first: used to roll findings up into a check status. */
export const STATUS_SEVERITY: Record<Status, number> = { fail: 4, warn: 3, waived: 2, pass: 1, 'n/a': 0 };

/** The seven vetting checks, in report order, then the usage and contract checks. */
export const VETTING_CHECKS = ['privacy', 'sso', 'accessibility', 'cost', 'evidence', 'mobile', 'standards'] as const;
export type VettingCheck = (typeof VETTING_CHECKS)[number];
export type Check = VettingCheck | 'usage' | 'contract';

export type Verdict = 'approved' | 'conditional' | 'rejected';

/** A user's role after normalisation (usage.md). `family` users never count as seat users. */
export type Role = 'student' | 'teacher' | 'staff' | 'family' | 'unknown';

/** A position in an input file; line and column are 1-based. */
export interface SourcePos {
  file: string;
  line: number;
  column: number;
}

export interface Evidence {
  /** Manifest key path, e.g. `accessibility.wcag_version`. */
  field: string;
  value: unknown;
  expected: unknown;
}

export interface WaiverNote {
  reason: string;
  approvedBy: string;
  expiresOn: string;
  expired: boolean;
}

export interface Finding {
  rule: string;
  check: Check;
  status: Status;
  message: string;
  evidence: Evidence;
  source: SourcePos;
  remediation: string | null;
  waiver: WaiverNote | null;
  /** Present in an earlier report given with --baseline. */
  known: boolean;
}

/** Usage figures of one product (reports.md); null where a figure cannot be computed. */
export interface UsageFigures {
  rows: number;
  seats: number | null;
  activeUsers: number;
  activeTeachers: number;
  activeStudents: number;
  dormantSeats: number | null;
  dormantRatio: number | null;
  annualCost: number;
  costPerSeat: number | null;
  wastedSpend: number | null;
  costPerActiveUser: number | null;
  teachersWithAccess: number | null;
  teacherUtilization: number | null;
  semesterActiveUsers: number;
  recommendedSeats: number | null;
  rightSizeSaving: number | null;
  lastSeen: string | null;
  /** With a roster: active students by grade, grade order, `unknown` last; null without a roster. */
  activeByGrade: { grade: string; activeStudents: number }[] | null;
  /** With a roster: active users by school (every school the product is deployed at, also at 0), by name, `unknown` last; null without a roster. */
  activeBySchool: { school: string; activeUsers: number }[] | null;
}

export interface SunsetPlan {
  reason: string;
  noticeOn: string;
  earliestRetireOn: string;
  decideBy: string | null;
  beforeRenewal: boolean | null;
  annualSavings: number;
  steps: string[];
}

export interface Renewal {
  renewalOn: string;
  decideBy: string;
  autoRenews: boolean;
}

export interface ProductReport {
  id: string;
  name: string;
  vendor: string;
  vendorContact: string | null;
  category: string;
  status: string;
  source: SourcePos;
  verdict: Verdict;
  checks: Record<VettingCheck, Status> & Partial<Record<'usage' | 'contract', Status>>;
  findings: Finding[];
  usage: UsageFigures | null;
  sunset: SunsetPlan | null;
  renewal: Renewal | null;
}

/** One usage file read (reports.md `inputs`). */
export interface InputReport {
  path: string;
  format: string;
  rows: number;
  used: number;
  skipped: Record<string, number>;
  bad: Record<string, number>;
  firstBad: { line: number; reason: string }[];
}

export interface Summary {
  products: number;
  approved: number;
  conditional: number;
  rejected: number;
  sunsetCandidates: number;
  annualSpend: number;
  wastedSpend: number;
  potentialSavings: number;
  findings: Record<Status, number>;
}

/** Metadata of one rule, as `rules/` and the SARIF/JUnit reporters need it. */
export interface RuleInfo {
  id: string;
  check: Check;
  title: string;
  description: string;
  policyKeys: string[];
  remediation: string;
}

/** The one report model every reporter renders. */
export interface Report {
  schemaVersion: 1;
  generator: { name: 'edvet'; version: string };
  command: string;
  asOf: string;
  policy: { source: string };
  /** District name and contact from the policy, null when the policy names none. */
  district: { name: string | null; contact: string | null };
  /** Policy values reporters quote (the utilization minimum line, renewal window...). */
  thresholds: { teacherUtilizationMin: number; renewalWarnDays: number; dormantWarnRatio: number; adaDeadline: string | null };
  products: ProductReport[];
  unmatchedApps: { app: string; rows: number }[];
  inputs: InputReport[];
  warnings: string[];
  /** Every rule that ran, in rule order (for SARIF's rule table and JUnit). */
  rules: RuleInfo[];
  /** True when usage exports were given (usage sections are shown). */
  hasUsage: boolean;
  summary: Summary;
}
