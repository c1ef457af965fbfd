/**
 * `junit` — for CI test tabs: `<testsuites>` with one `<testsuite>` per
 * product (name = product id) and one `<testcase>` per finding (classname =
 * product id, name = rule id). `fail` → `<failure>`; `warn` → `<failure>` only
 * with `failOn: 'warn'`, else a `<system-out>` note; `n/a` and `waived` →
 * `<skipped message=…>`. A finding known from the baseline keeps its mapping
 * (a known fail is still a `<failure>`) and says "known from the baseline" in
 * its text. Follows the common (Jenkins junit-10.xsd) schema: no attributes
 * beyond it; text is XML-escaped and characters illegal in XML 1.0 removed.
 */
import type { Finding, ProductReport, Report } from '../model/types.js';
import type { Reporter, ReporterOptions } from './types.js';
import { clean, sortedProducts, valueText, waiverText } from './util.js';

// Characters not allowed in XML 1.0 documents (C0 controls except tab/LF/CR, surrogates, U+FFFE/U+FFFF).
// eslint-disable-next-line no-control-regex
const XML_ILLEGAL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Escapes text for XML content and attribute values (`& < > " '`, and CR/LF/tab in attributes). */
export function xml(value: unknown, attribute = false): string {
  const s = clean(value, true)
    .replace(XML_ILLEGAL, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
  return attribute ? s.replace(/\n/g, '&#10;').replace(/\t/g, '&#9;') : s;
}

function detail(p: ProductReport, f: Finding): string {
  const lines = [
    `${p.name} (${p.id}): ${f.message}`,
    `evidence: ${f.evidence.field} = ${valueText(f.evidence.value)} (expected ${valueText(f.evidence.expected)})`,
    `at ${f.source.file}:${f.source.line}:${f.source.column}`,
  ];
  if (f.waiver) lines.push(waiverText(f));
  if (f.remediation) lines.push(`remediation: ${f.remediation}`);
  if (f.known) lines.push('known from the baseline');
  return lines.map((l) => clean(l)).join('\n');
}

type Kind = 'failure' | 'skipped' | 'note' | 'pass';

function kindOf(f: Finding, failOn: ReporterOptions['failOn']): Kind {
  if (f.status === 'fail') return 'failure';
  if (f.status === 'warn') return failOn === 'warn' ? 'failure' : 'note';
  if (f.status === 'n/a' || f.status === 'waived') return 'skipped';
  return 'pass';
}

/** Renders the report as JUnit XML. */
export const renderJunit: Reporter = (report: Report, options: ReporterOptions) => {
  const products = sortedProducts(report);
  let tests = 0;
  let failures = 0;
  let skipped = 0;
  const suites: string[] = [];
  for (const p of products) {
    const cases: string[] = [];
    let sFail = 0;
    let sSkip = 0;
    for (const f of p.findings) {
      const kind = kindOf(f, options.failOn);
      const open = `    <testcase classname="${xml(p.id, true)}" name="${xml(f.rule, true)}" time="0">`;
      if (kind === 'failure') {
        sFail++;
        const msg = `${f.status}: ${clean(f.message)}${f.known ? ' (known from the baseline)' : ''}`;
        cases.push(`${open}\n      <failure message="${xml(msg, true)}" type="${xml(f.status, true)}">${xml(detail(p, f))}</failure>\n    </testcase>`);
      } else if (kind === 'skipped') {
        sSkip++;
        const reason = f.status === 'waived' ? `waived: ${clean(f.message)}; ${waiverText(f)}` : `n/a: ${clean(f.message)}`;
        cases.push(`${open}\n      <skipped message="${xml(reason, true)}"/>\n    </testcase>`);
      } else if (kind === 'note') {
        cases.push(`${open}\n      <system-out>${xml(`warn: ${detail(p, f)}`)}</system-out>\n    </testcase>`);
      } else {
        cases.push(`    <testcase classname="${xml(p.id, true)}" name="${xml(f.rule, true)}" time="0"/>`);
      }
    }
    tests += p.findings.length;
    failures += sFail;
    skipped += sSkip;
    const props = [
      ['product', p.name], ['vendor', p.vendor], ['verdict', p.verdict], ['manifest', p.source.file], ['policy', report.policy.source],
    ].map(([k, v]) => `      <property name="${xml(k, true)}" value="${xml(v, true)}"/>`);
    suites.push(
      [
        `  <testsuite name="${xml(p.id, true)}" tests="${p.findings.length}" failures="${sFail}" errors="0" skipped="${sSkip}" time="0" timestamp="${xml(report.asOf, true)}T00:00:00">`,
        '    <properties>',
        ...props,
        '    </properties>',
        ...cases,
        '  </testsuite>',
      ].join('\n'),
    );
  }
  const head = `<testsuites name="${xml(`edvet ${report.command}`, true)}" tests="${tests}" failures="${failures}" errors="0" skipped="${skipped}" time="0">`;
  return ['<?xml version="1.0" encoding="UTF-8"?>', head, ...suites, '</testsuites>', ''].join('\n');
};
