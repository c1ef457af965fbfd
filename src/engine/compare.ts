/**
 * "Since last audit" (reports.md): this run beside an earlier edvet JSON
 * report. Products are matched by id; the figures compared are the ones both
 * reports define the same way (active users, teacher utilization, wasted
 * spend, the annual spend and wasted spend totals). Pure: no I/O.
 */
import type { PreviousReport } from '../model/previous.js';
import type { Cents } from '../model/money.js';
import type { Comparison, ProductReport, Summary } from '../model/types.js';

const byId = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The comparison of this run's products and summary with the earlier report (wasted spend only when this run read usage exports). */
export function compareReports(previous: PreviousReport, products: readonly ProductReport[], summary: Summary, hasUsage: boolean): Comparison {
  const before = new Map(previous.products.map((p) => [p.id, p]));
  const now = new Map(products.map((p) => [p.id, p]));
  const names: Record<string, string> = {};
  for (const p of previous.products) names[p.id] = p.name;
  for (const p of products) names[p.id] = p.name || p.id;
  const both = [...now.keys()].filter((id) => before.has(id)).sort(byId);
  return {
    previousAsOf: previous.asOf,
    productsAdded: [...now.keys()].filter((id) => !before.has(id)).sort(byId),
    productsRemoved: [...before.keys()].filter((id) => !now.has(id)).sort(byId),
    verdictChanges: both
      .filter((id) => before.get(id)!.verdict !== null && before.get(id)!.verdict !== now.get(id)!.verdict)
      .map((id) => ({ product: id, from: before.get(id)!.verdict!, to: now.get(id)!.verdict })),
    annualSpend: { previous: previous.annualSpend, now: summary.annualSpend },
    wastedSpend: { previous: previous.wastedSpend, now: hasUsage ? summary.wastedSpend : null },
    products: both.map((id) => {
      const b = before.get(id)!;
      const u = now.get(id)!.usage;
      return {
        product: id,
        activeUsers: { previous: b.activeUsers, now: u ? u.activeUsers : null },
        teacherUtilization: { previous: b.teacherUtilization, now: u ? u.teacherUtilization : null },
        wastedSpend: { previous: b.wastedSpend, now: (u?.wastedSpend ?? null) as Cents | null },
      };
    }),
    names,
  };
}
