/** `edvet rules` and `edvet explain RULE|CHECK`: what each rule checks, its policy keys (with the values in force) and remediation text. */
import { stringify } from 'yaml';
import { defaultPolicyValue } from '../load/policy.js';
import { closest } from '../load/schema/issues.js';
import { usageError } from '../model/errors.js';
import type { RuleData } from '../load/schema/rules-data.js';
import type { RuleInfo } from '../model/types.js';
import { ruleInfo } from '../engine/evaluate.js';
import { ruleData } from '../load/rules-data.js';
import { ruleHome, type Rule } from '../rules/define.js';
import { CHECK_NAMES, RULES, RULE_IDS } from '../rules/index.js';
import { FORMATS_BY_COMMAND } from '../reporters/index.js';
import { chooseFormat, deliver, policyFor } from './common.js';
import type { LoadedPolicy } from '../load/policy.js';
import { md } from '../reporters/markdown.js';
import type { CommandContext, CommandResult } from './context.js';

function show(v: unknown): string {
  return typeof v === 'string' ? v : stringify(v, { flow: true }).trim();
}

/** `edvet rules`: every rule with its check and title. */
export async function runRules(ctx: CommandContext): Promise<CommandResult> {
  const format = chooseFormat(ctx, 'rules', FORMATS_BY_COMMAND.rules);
  const data = ruleData();
  const infos = RULES.map((r) => ruleInfo(r, data));
  let text: string;
  if (format === 'json') {
    text = `${JSON.stringify({ schemaVersion: 1, rules: infos.map((r) => withDefaults(r)) }, null, 2)}\n`;
  } else if (format === 'markdown') {
    text = `# edvet rules\n\n| rule | check | title |\n| --- | --- | --- |\n${infos.map((r) => `| \`${r.id}\` | ${r.check} | ${r.title} |`).join('\n')}\n`;
  } else {
    const w = Math.max(...infos.map((r) => r.id.length));
    const c = Math.max(...infos.map((r) => r.check.length));
    text = `${'RULE'.padEnd(w)}  ${'CHECK'.padEnd(c)}  TITLE\n${infos.map((r) => `${r.id.padEnd(w)}  ${r.check.padEnd(c)}  ${r.title}`).join('\n')}\n\nRun \`edvet explain RULE\` for what a rule checks, the policy keys that tune it and its remediation text, \`edvet explain CHECK\` for the rules of a check.\n`;
  }
  return { stdout: deliver(ctx, text), exitCode: 0 };
}

function withDefaults(r: RuleInfo, defaults: unknown = defaultPolicyValue()) {
  return { ...r, policyDefaults: Object.fromEntries(r.policyKeys.map((k) => [k, valueAt(defaults, k)])) };
}

/** The value of a policy key path such as `usage.dormant_warn_ratio` in a policy value. */
function valueAt(policy: unknown, key: string): unknown {
  let v: unknown = policy;
  for (const seg of key.split('.')) v = v && typeof v === 'object' ? (v as Record<string, unknown>)[seg] : undefined;
  return v ?? null;
}

/** A rule's texts, its policy keys' defaults, and their values in the policy in force. */
function explained(r: RuleInfo, lp: LoadedPolicy) {
  return { ...withDefaults(r), policyValues: Object.fromEntries(r.policyKeys.map((k) => [k, valueAt(lp.policy, k)])) };
}

/** `edvet explain RULE|CHECK`: one rule, with the values of the policy in force, or the rules of one check. */
export async function runExplain(ctx: CommandContext, id: string): Promise<CommandResult> {
  const format = chooseFormat(ctx, 'explain', FORMATS_BY_COMMAND.explain);
  const rule = RULES.find((r) => r.id === id);
  const isCheck = !rule && CHECK_NAMES.includes(id);
  if (!rule && !isCheck) {
    const near = closest(id, [...RULE_IDS, ...CHECK_NAMES]);
    throw usageError(`unknown rule or check '${id}'${near ? `; did you mean '${near}'?` : ''} (\`edvet rules\` lists them)`);
  }
  const lp = policyFor(ctx, []);
  const source = lp.source;
  const data = ruleData();
  if (isCheck) return { stdout: deliver(ctx, explainCheck(format, id, RULES.filter((r) => r.check === id).map((x) => explained(ruleInfo(x, data), lp)), source)), exitCode: 0 };
  const r = explained(ruleInfo(rule!, data), lp);
  const valueCell = (k: string) => {
    const v = show(r.policyValues[k]);
    const d = show(r.policyDefaults[k]);
    return v === d ? v : `${v} (default ${d})`;
  };
  let text: string;
  if (format === 'json') {
    text = `${JSON.stringify({ schemaVersion: 1, policy: { source }, rule: r }, null, 2)}\n`;
  } else if (format === 'markdown') {
    text = `# \`${r.id}\`: ${r.title}\n\nCheck: **${r.check}**\n\n${r.description}\n\n## Policy keys\n\nValues from the policy ${md(source)}.\n\n| key | value | default |\n| --- | --- | --- |\n${r.policyKeys.map((k) => `| \`${k}\` | \`${show(r.policyValues[k])}\` | \`${show(r.policyDefaults[k])}\` |`).join('\n')}\n\n## Remediation\n\n${r.remediation}\n`;
  } else {
    text = `${r.id} — ${r.title}\ncheck: ${r.check}\n\n${wrap(r.description)}\n\npolicy keys (values from the policy ${source}):\n${r.policyKeys.map((k) => `  ${k}: ${valueCell(k)}`).join('\n')}\n\nremediation:\n${wrap(r.remediation, '  ')}\n`;
  }
  return { stdout: deliver(ctx, text), exitCode: 0 };
}

function explainCheck(format: string, check: string, rules: ReturnType<typeof explained>[], source: string): string {
  if (format === 'json') return `${JSON.stringify({ schemaVersion: 1, policy: { source }, check, rules }, null, 2)}\n`;
  if (format === 'markdown') {
    return `# Check \`${check}\`\n\n${rules.length} rule${rules.length === 1 ? '' : 's'}; values from the policy ${md(source)}.\n\n| rule | title | policy keys |\n| --- | --- | --- |\n${rules.map((r) => `| \`${r.id}\` | ${md(r.title)} | ${r.policyKeys.map((k) => `\`${k}\`: \`${show(r.policyValues[k])}\``).join('<br>')} |`).join('\n')}\n`;
  }
  const w = Math.max(...rules.map((r) => r.id.length));
  const lines = rules.flatMap((r) => [`  ${r.id.padEnd(w)}  ${r.title}`, ...r.policyKeys.map((k) => `  ${' '.repeat(w)}    ${k}: ${show(r.policyValues[k])}`)]);
  return `check ${check}: ${rules.length} rule${rules.length === 1 ? '' : 's'} (values from the policy ${source})\n${lines.join('\n')}\n\nRun \`edvet explain RULE\` for what a rule checks and its remediation text.\n`;
}

function wrap(s: string, indent = ''): string {
  const words = s.split(/\s+/);
  const lines: string[] = [];
  let line = '';
  for (const w of words) {
    if ((line + ' ' + w).trim().length > 78 - indent.length) {
      lines.push(line);
      line = w;
    } else line = line ? `${line} ${w}` : w;
  }
  if (line) lines.push(line);
  return lines.map((l) => indent + l).join('\n');
}

/** Where the spec defines each kind of rule. */
const SPEC_SECTION: Record<Rule['kind'], string> = {
  vetting: '"Vetting rules" (feeds the vetting verdict)',
  usage: '"Usage rules" (counts toward the exit status and the sunset plans, never the verdict)',
  contract: '"Contract rule" (counts toward the exit status, never the verdict)',
  lifecycle: 'privacy-laws.md, check "lifecycle" (counts toward the exit status, never the verdict)',
};

const cell = (s: string) => s.replace(/\|/g, '\\|');

/**
 * The page docs/rules/<id>.md: what the rule checks, each outcome by message
 * id with its status and words, the policy keys with their defaults, the
 * remediation and where the spec defines it, all from rules/ and the rule's
 * declared messages (test/rules/parity.test.ts keeps the files equal to it).
 */
export function ruleDoc(rule: Rule, data: RuleData): string {
  const r = withDefaults(ruleInfo(rule, data));
  const home = ruleHome(rule.id);
  const words = data.texts[rule.id].messages;
  const outcomes = Object.entries(rule.messages).map(([id, status]) => `| ${status} | \`${id}\` | ${cell(words[id])} |`);
  const keys = r.policyKeys.map((k) => `| \`${k}\` | \`${cell(show(r.policyDefaults[k]))}\` |`);
  return [
    `# \`${r.id}\`: ${r.title}`,
    '',
    `Check **${r.check}**. Spec: ${rule.id.startsWith('law.') ? 'privacy-laws.md §3, "Law packs" (feeds the vetting verdict)' : `rules.md, ${SPEC_SECTION[rule.kind]}`}.`,
    `Code \`src/rules/${home.dir}/${home.name}.ts\`, texts \`rules/${home.texts}.yaml\`, cases \`test/rules/${home.dir}/${home.name}.test.ts\`.`,
    '',
    r.description,
    '',
    '## Outcomes',
    '',
    'Each message id the rule declares, the status it reports and its words (`{name}` is filled from the finding).',
    '',
    '| status | message id | message |',
    '| --- | --- | --- |',
    ...outcomes,
    '',
    ...(rule.items
      ? [
          '## Items',
          '',
          'In the order the rule checks them; the first that does not hold is the finding\'s field. A `fail` item is a section that was read (§); a `warn` item is known only from a summary of the law (§²) or required only on the district\'s request.',
          '',
          '| field | section | when missing |',
          '| --- | --- | --- |',
          ...rule.items.map((i) => `| \`${i.field}\` | ${cell(i.cite)} | ${i.level} |`),
          '',
        ]
      : []),
    '## Policy keys',
    '',
    ...(keys.length ? ['| key | default |', '| --- | --- |', ...keys] : ['None.']),
    '',
    '## Remediation',
    '',
    'Sent with a warn or fail (in reports and vendor letters):',
    '',
    `> ${r.remediation}`,
    '',
    '<!-- Generated from rules/ and the rule\'s messages: `npx vitest run test/rules/parity.test.ts -u` rewrites it. -->',
    '',
  ].join('\n');
}
