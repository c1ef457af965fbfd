/**
 * Plain data shared by every layer: finding statuses, the report model every
 * reporter receives, and the usage figures. Nothing here does I/O.
 */
import type { Cents } from './money.js';
import type { UnmatchedApp, UsageFigures } from './usage.js';

/** A rule's outcome (rules.md). */
export type Status = 'pass' | 'warn' | 'fail' | 'waived' | 'n/a';

/** Worst first: used to roll findings up into a check status. */
export const STATUS_SEVERITY: Record<Status, number> = { fail: 4, warn: 3, waived: 2, pass: 1, 'n/a': 0 };

/** The seven vetting checks, in report order, then the usage and contract checks. */
export const VETTING_CHECKS = ['privacy', 'sso', 'accessibility', 'cost', 'evidence', 'mobile', 'standards'] as const;
export type VettingCheck = (typeof VETTING_CHECKS)[number];
export type Check = VettingCheck | 'usage' | 'contract' | 'lifecycle';

/** The checks that count toward the exit status only, in report order. */
export const OTHER_CHECKS = ['usage', 'contract', 'lifecycle'] as const;

export type Verdict = 'approved' | 'conditional' | 'rejected';

/** A user's role after normalisation (src/model/roles.ts). */
export type { Role } from './roles.js';

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
  /** Further keys a rule adds (a law's `citation` and `missing`, a deletion's `dueOn`…). */
  [key: string]: unknown;
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

/** The usage figures of one product (src/model/usage.ts). */
export type { UsageFigures } from './usage.js';

/** A retirement plan (rules.md "Sunset"); money in cents. */
export interface SunsetPlan {
  reason: string;
  noticeOn: string;
  earliestRetireOn: string;
  decideBy: string | null;
  beforeRenewal: boolean | null;
  annualSavings: Cents;
  /** privacy-laws.md §5: the day to send the disposition directive (= earliestRetireOn). */
  requestDeletionBy: string;
  /** privacy-laws.md §5: requestDeletionBy + the deletion deadline's days. */
  deletionDueBy: string;
  steps: string[];
}

/** A product's renewal (rules.md "contract.renewal"). */
export interface Renewal {
  renewalOn: string;
  decideBy: string;
  autoRenews: boolean | null;
  /** True when the renewal falls within `sunset.renewal_warn_days` of as-of, or has passed: decided here, reporters only filter on it. */
  due: boolean;
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
  checks: Record<VettingCheck, Status> & Partial<Record<(typeof OTHER_CHECKS)[number], Status>>;
  findings: Finding[];
  usage: UsageFigures | null;
  sunset: SunsetPlan | null;
  renewal: Renewal | null;
}

/** One usage file read (reports.md `inputs`). */
/** What a usage format's rows are (usage-sources.md "Formats"): sign-in events, per-user last-seen records, or aggregate counts. */
export type UsageRowKind = 'events' | 'last-seen' | 'counts';

export interface InputReport {
  path: string;
  format: string;
  rows: number;
  used: number;
  skipped: Record<string, number>;
  bad: Record<string, number>;
  firstBad: { line: number; reason: string }[];
  /** Events, last-seen records or counts (not shown: the format says it). */
  kind?: UsageRowKind;
  /** Day numbers of the earliest and latest used record (a count's period end), null when none: a file's coverage (not shown). */
  firstDay?: number | null;
  lastDay?: number | null;
}

export interface Summary {
  products: number;
  approved: number;
  conditional: number;
  rejected: number;
  sunsetCandidates: number;
  /** Sum of the annual costs (cents) of products with status pilot, active or sunsetting. */
  annualSpend: Cents;
  /** Sum of the rounded wasted spend (cents) of products the dormant-seats rule applies to. */
  wastedSpend: Cents;
  /** The part of `wastedSpend` estimated from aggregate counts (an upper estimate: usage-sources.md "Lower bounds"). */
  wastedSpendFromCounts: Cents;
  /** Sum of the rounded sunset savings and right-sizing savings (cents). */
  potentialSavings: Cents;
  /** The sunset candidates' annual costs (cents): the sunset part of `potentialSavings`. */
  sunsetSavings: Cents;
  /** The positive right-sizing savings of the other products (cents): the rest of `potentialSavings`. */
  rightSizeSavings: Cents;
  findings: Record<Status, number>;
}

/** A decision's recommended action (reports.md "the board packet"), in the order the first that applies is chosen. */
export type DecisionAction = 'sunset' | 'fix-before-renewal' | 'right-size' | 'retiring' | 'delete-data' | 'restrict-use' | 're-review' | 'renew';

/** One product the board must decide on before its decide-by date; money in cents. */
export interface Decision {
  product: string;
  /** The product's display name (not in JSON). */
  name: string;
  action: DecisionAction;
  /** Recommended seats for `right-size`, else null. */
  seats: number | null;
  /** The product's part of the potential savings, whatever the action; null when none. */
  saving: Cents | null;
  /** The product's annual cost. */
  atStake: Cents | null;
  decideBy: string | null;
  /** One line: why this action. */
  reason: string;
}

/** A product a money table lists but its headline figure leaves out, and why. */
export interface LeftOut {
  product: string;
  name: string;
  amount: Cents;
  why: string;
}

/** How a money column of the usage table reconciles with its headline figure: listed total − left out = headline. */
export interface Reconciliation {
  /** Sum of the column over the products with usage figures. */
  listed: Cents;
  /** The summary figure. */
  headline: Cents;
  leftOut: LeftOut[];
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
  thresholds: { teacherUtilizationMin: number; renewalWarnDays: number; dormantWarnRatio: number; adaDeadline: string | null; activeWindowDays: number; semesterDays: number };
  products: ProductReport[];
  unmatchedApps: UnmatchedApp[];
  inputs: InputReport[];
  warnings: string[];
  /** Every rule that ran, in rule order (for SARIF's rule table and JUnit). */
  rules: RuleInfo[];
  /** True when usage exports were given (usage sections are shown). */
  hasUsage: boolean;
  /** How the usage table's annual cost, wasted spend and right-size saving columns add up to the headline figures (null without usage). */
  reconciliation: { annualCost: Reconciliation; wastedSpend: Reconciliation; rightSizeSaving: Reconciliation } | null;
  /** What the board must decide, by decide-by then product id (empty without usage). */
  decisions: Decision[];
  /** This run beside an earlier report (`--compare`, reports.md "Since last audit"); null without one. */
  comparison: Comparison | null;
  summary: Summary;
}

/** One figure in the earlier report and in this one; null where a side does not have it. */
export interface Change<T> {
  previous: T | null;
  now: T | null;
}

/** This run beside an earlier edvet JSON report (reports.md "Since last audit"). Money in cents. */
export interface Comparison {
  previousAsOf: string;
  /** Product ids in this run and not in the earlier report, sorted. */
  productsAdded: string[];
  /** Product ids in the earlier report and not in this run, sorted. */
  productsRemoved: string[];
  /** Products in both whose verdict changed, by id. */
  verdictChanges: { product: string; from: string; to: string }[];
  annualSpend: Change<Cents>;
  wastedSpend: Change<Cents>;
  /** Every product in both, by id. */
  products: { product: string; activeUsers: Change<number>; teacherUtilization: Change<number>; wastedSpend: Change<Cents> }[];
  /** Display names: this run's, else the earlier report's (for removed products). */
  names: Record<string, string>;
}
