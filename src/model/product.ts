/**
 * A loaded product: the validated manifest, where it came from, and the
 * values derived from it (manifest.md "Derived values").
 */
import type { Manifest } from '../load/schema/manifest.js';
import type { AcrReport } from './acr.js';
import { centsOf, centsShare, type Cents } from './money.js';
import type { SourcePos } from './types.js';

export interface Product {
  manifest: Manifest;
  id: string;
  /** The manifest file, relative to the working folder. */
  file: string;
  /** First line of the product's YAML document. */
  source: SourcePos;
  /** Position of the value at a manifest key path, or of the nearest present key above it. */
  posOf(path: readonly (string | number)[]): SourcePos;
  /** Expanded grade codes (PK, TK, K, 1..12) in order; null when `grades` is omitted (all grades). */
  grades: string[] | null;
  /** Annual cost in cents; null when the manifest gives too little to compute it. */
  annualCost: Cents | null;
  /** Annual cost ÷ students covered (or the unit price for per-student/per-seat), in cents; null when not computable. */
  costPerStudent: Cents | null;
  /** Annual cost ÷ seats, in cents; null without seats or cost. */
  costPerSeat: Cents | null;
  /** The OpenACR report named by `accessibility.openacr`, loaded. */
  acr: AcrReport | null;
}

/** Annual cost in cents: `annual_total` when given, else unit price × seats, 0 for free. */
/** Statuses of a product the district uses and pays for now (rules.md: renewals, re-reviews, annual spend). */
export const IN_USE_STATUSES: ReadonlySet<string> = new Set(['pilot', 'active', 'sunsetting']);

/** Whether a product with this status is in use (pilot, active or sunsetting). */
export function isInUse(status: string): boolean {
  return IN_USE_STATUSES.has(status);
}

export function annualCostOf(m: Manifest): Cents | null {
  const c = m.cost;
  if (!c) return null;
  if (c.annual_total !== null && c.annual_total !== undefined) return centsOf(c.annual_total);
  if (c.model === 'free') return 0;
  if ((c.model === 'per_student' || c.model === 'per_seat' || c.model === 'per_teacher') && c.unit_price != null && c.seats != null) {
    return centsOf(c.unit_price, c.seats);
  }
  return null;
}

/** Cost per student in cents (manifest.md): annual cost ÷ students_covered, with the per-unit fallbacks. */
export function costPerStudentOf(m: Manifest, annual: Cents | null): Cents | null {
  const c = m.cost;
  if (!c) return null;
  if (c.model === 'free') return 0;
  if (c.students_covered != null && c.students_covered > 0 && annual !== null) return centsShare(annual, 1, c.students_covered);
  // Why: one per-student or per-seat licence serves one student, so the unit price is the cost per student.
  if ((c.model === 'per_student' || c.model === 'per_seat') && c.unit_price != null) return centsOf(c.unit_price);
  return null;
}

/** Cost per seat in cents: annual cost ÷ seats. */
export function costPerSeatOf(m: Manifest, annual: Cents | null): Cents | null {
  const seats = m.cost?.seats;
  if (annual === null || seats == null || seats <= 0) return null;
  return centsShare(annual, 1, seats);
}

/** The strings a usage row's app may equal to match a product: id, name, aliases (ignoring case and spaces). */
export function matchKeys(p: Product): string[] {
  return [p.id, p.manifest.name, ...(p.manifest.usage?.aliases ?? [])].map((s) => s.trim().toLowerCase()).filter(Boolean);
}

/** The app ids a usage row's app id may equal to match the product first: its `usage.client_ids` (ignoring case and spaces). */
export function clientIdKeys(p: Product): string[] {
  return (p.manifest.usage?.client_ids ?? []).map((s) => s.trim().toLowerCase()).filter(Boolean);
}
