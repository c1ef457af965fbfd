/** "Teacher utilization": the utilization chart against the policy minimum over the products its rule measures, its table, and the products it does not measure. */
import type { Finding, ProductReport, Report } from '../../model/types.js';
import { int, pct, utilizationText } from '../util.js';
import { utilizationChart } from './charts.js';
import { badge, dataTable, esc, productLabel, section, type Section } from './document.js';

/** The product's usage.teacher-utilization finding. */
export function utilizationFinding(p: ProductReport): Finding | undefined {
  return p.findings.find((f) => f.rule === 'usage.teacher-utilization');
}

/** The utilization section over the products with usage figures; the minimum and the window come from the report. */
export function utilizationSection(report: Report, ps: readonly ProductReport[]): Section {
  const min = report.thresholds.teacherUtilizationMin;
  const days = report.thresholds.semesterDays;
  // Why: a chart shows only products its rule applies to (reports.md "Figures that agree"); the rest are "not measured".
  const measured = ps.filter((p) => {
    const f = utilizationFinding(p);
    return f !== undefined && f.status !== 'n/a' && p.usage!.teacherUtilization !== null;
  });
  const notMeasured = ps.filter((p) => !measured.includes(p));
  const body = [`<p>Share of teachers with access who signed in during the last ${days} school days. The policy minimum is ${pct(min)}; an active product whose rule fails is a sunset candidate.</p>`];
  if (measured.length > 0) {
    body.push(utilizationChart(measured, min, (p) => utilizationFinding(p)?.status === 'fail'));
    const rows = measured.map((p) => {
      const u = p.usage!;
      const f = utilizationFinding(p)!;
      // Counts give lower bounds (usage-sources.md "Lower bounds").
      const atLeast = u.basis === 'counts' ? 'at least ' : '';
      return `<tr><th scope="row">${productLabel(p)}</th><td class="num">${int(u.teachersWithAccess)}</td><td class="num">${atLeast}${int(u.semesterActiveTeachers)}</td><td class="num">${utilizationText(u)}</td><td>${badge(f.status)}${f.status === 'fail' ? ' below the minimum' : ''}</td></tr>`;
    });
    body.push(
      dataTable(
        'Teacher utilization table',
        `Teacher utilization per product, last ${days} school days, against the ${pct(min)} minimum (the data of the chart above)`,
        ['Product', ['Teachers with access', 'num'], [`Active teachers (last ${days} school days)`, 'num'], ['Utilization', 'num'], 'Rule'],
        rows,
      ),
    );
  } else body.push('<p>The rule measures no product.</p>');
  if (notMeasured.length > 0) {
    const items = notMeasured.map((p) => {
      const f = utilizationFinding(p);
      const why = f && f.status === 'n/a' ? f.message : p.usage!.teacherUtilization === null ? 'teachers with access unknown' : 'not evaluated';
      return `<li>${productLabel(p)}: ${esc(why)}</li>`;
    });
    body.push(`<h3>Not measured</h3>`, `<ul class="notmeasured">${items.join('')}</ul>`);
  }
  return section('h-util', 'Teacher utilization', 'Teacher utilization', body);
}
