/**
 * `sarif` — SARIF 2.1.0 for code scanning: one run, every rule of the report
 * in `tool.driver.rules`, one result per warn (`warning`) and fail (`error`)
 * located at the manifest line and column (path relative to `options.cwd`,
 * forward slashes, `%SRCROOT%`). Findings known from the baseline carry
 * `baselineState: "unchanged"`, the others `"new"`. A rule's
 * `defaultConfiguration.level` is `error`: each result states its own level.
 */
import type { Finding, ProductReport, Report } from '../model/types.js';
import type { Reporter, ReporterOptions } from './types.js';
import { clean, relPath, sortedProducts, valueText } from './util.js';

/** Where the edvet project lives (SARIF `informationUri`). */
export const INFORMATION_URI = 'https://github.com/edvet/edvet';

/** The SARIF schema URI. */
export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

/** A relative path as a URI reference: each segment percent-encoded, `/` kept. */
function uriOf(file: string, cwd: string): string {
  return relPath(clean(file), cwd)
    .split('/')
    .map((seg) => encodeURIComponent(seg))
    .join('/');
}

function result(p: ProductReport, f: Finding, ruleIndex: Map<string, number>, cwd: string) {
  const idx = ruleIndex.get(f.rule);
  const text = `${clean(p.name)} (${clean(p.id)}): ${clean(f.message)}`;
  return {
    ruleId: f.rule,
    ...(idx !== undefined ? { ruleIndex: idx } : {}),
    level: f.status === 'fail' ? 'error' : 'warning',
    message: { text },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri: uriOf(f.source.file, cwd), uriBaseId: '%SRCROOT%' },
          region: { startLine: Math.max(1, f.source.line), startColumn: Math.max(1, f.source.column) },
        },
      },
    ],
    partialFingerprints: { 'edvetFinding/v1': `${clean(p.id)}:${f.rule}` },
    baselineState: f.known ? 'unchanged' : 'new',
    properties: {
      product: clean(p.id),
      check: f.check,
      status: f.status,
      field: clean(f.evidence.field),
      value: clean(valueText(f.evidence.value)),
      expected: clean(valueText(f.evidence.expected)),
    },
  };
}

/** The SARIF log object of a report. */
export function reportToSarif(report: Report, options: ReporterOptions) {
  const ruleIndex = new Map(report.rules.map((r, i) => [r.id, i]));
  const results = sortedProducts(report).flatMap((p) =>
    p.findings.filter((f) => f.status === 'warn' || f.status === 'fail').map((f) => result(p, f, ruleIndex, options.cwd)),
  );
  return {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'edvet',
            informationUri: INFORMATION_URI,
            version: report.generator.version,
            semanticVersion: report.generator.version,
            rules: report.rules.map((r) => ({
              id: r.id,
              name: r.id.replace(/[^A-Za-z0-9]+(.)?/g, (_, ch: string | undefined) => (ch ? ch.toUpperCase() : '')).replace(/^./, (c) => c.toUpperCase()),
              shortDescription: { text: clean(r.title) },
              fullDescription: { text: clean(r.description) },
              help: { text: clean(r.remediation) },
              defaultConfiguration: { level: 'error' },
              properties: { check: r.check, policyKeys: [...r.policyKeys] },
            })),
          },
        },
        automationDetails: { id: `edvet/${clean(report.command)}/` },
        results,
        properties: { asOf: report.asOf, policy: clean(report.policy.source) },
      },
    ],
  };
}

/** Renders the report as a SARIF 2.1.0 log (2-space indent, trailing newline). */
export const renderSarif: Reporter = (report, options) => `${JSON.stringify(reportToSarif(report, options), null, 2)}\n`;
