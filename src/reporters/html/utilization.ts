/** "Teacher utilization": the utilization chart against the policy minimum, and its table. */
import type { ProductReport } from '../../model/types.js';
import { int, pct } from '../util.js';
import { utilizationChart } from './charts.js';
import { dataTable, productLabel, section, type Section } from './document.js';

/** The utilization section over the products with usage figures; `min` is the policy's minimum. */
export function utilizationSection(ps: readonly ProductReport[], min: number): Section {
  const withUtil = ps.filter((p) => p.usage!.teacherUtilization !== null);
  const noUtil = ps.filter((p) => p.usage!.teacherUtilization === null);
  const body = [`<p>Share of teachers with access who signed in this semester. The policy minimum is ${pct(min)}; an active product below it is a sunset candidate.</p>`];
  if (withUtil.length > 0) body.push(utilizationChart(withUtil, min));
  if (ps.length > 0) {
    const rows = ps.map((p) => {
      const u = p.usage!;
      const t = u.teacherUtilization;
      const note = t === null ? 'unknown' : t < min ? 'below the minimum' : 'meets the minimum';
      return `<tr><th scope="row">${productLabel(p)}</th><td class="num">${int(u.teachersWithAccess)}</td><td class="num">${int(u.activeTeachers)}</td><td class="num">${pct(t)}</td><td>${note}</td></tr>`;
    });
    body.push(
      dataTable(
        'Teacher utilization table',
        `Teacher utilization per product against the ${pct(min)} minimum (the data of the chart above)`,
        ['Product', ['Teachers with access', 'num'], ['Active teachers', 'num'], ['Utilization', 'num'], 'Against the minimum'],
        rows,
      ),
    );
    if (noUtil.length > 0) body.push(`<p class="meta">Not charted (teachers with access unknown): ${noUtil.map(productLabel).join(', ')}.</p>`);
  }
  return section('h-util', 'Teacher utilization', 'Teacher utilization', body);
}
