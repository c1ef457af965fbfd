/**
 * commander wiring only: flags → command → exit status. The one place that
 * reads process state (argv, env, clock, terminal) and turns error values
 * into text. It returns the exit status and never calls process.exit.
 */
import { Command, CommanderError, Option } from 'commander';
import type { CommandContext, CommandResult, FailOn, Output } from './commands/context.js';
import type { UsageFlags } from './commands/usage.js';
import { escapeLine, escapeLines } from './model/escape.js';
import { VERSION } from './paths.js';
import { FORMATS_BY_COMMAND } from './reporters/index.js';
import { BUILTIN_FORMATS } from './load/usage/format-names.js';


interface CommonFlags {
  policy?: string;
  asOf?: string;
  format?: string;
  output?: string;
  failOn?: string;
  baseline?: string;
  tool?: string[];
  color?: boolean;
  quiet?: boolean;
}

interface CommonOptions {
  /** The command's formats, the default first (listed in the help). */
  formats: readonly string[];
  asOf?: boolean;
  output?: boolean;
  failOn?: boolean;
  baseline?: boolean;
}

/** The flags several commands share; each command gets only those it reads. */
function addCommon(cmd: Command, opts: CommonOptions): Command {
  cmd.option('--policy <file>', 'the district policy (default: edvet.policy.yaml here, else the nearest one at or above the first catalog folder up to the repository root, else the defaults)');
  if (opts.asOf !== false) cmd.option('--as-of <date>', 'the date the audit is "as of" (YYYY-MM-DD; default today in the policy time zone)');
  if (opts.formats.length) cmd.option('--format <name>', formatHelp(opts.formats));
  if (opts.output !== false) cmd.option('--output <file>', 'write the report to this file (atomically) instead of stdout');
  cmd
    .option('--tool <id>', 'only this product (repeatable)', (v: string, prev: string[] = []) => [...prev, v])
    .option('--no-color', 'plain text without colour (also NO_COLOR)')
    .option('--quiet', 'no progress output on stderr');
  if (opts.failOn !== false) cmd.addOption(new Option('--fail-on <level>', 'which finding makes the exit status 1').choices(['fail', 'warn', 'never']).default('fail'));
  if (opts.baseline) cmd.option('--baseline <file>', 'an earlier JSON report: findings already in it are marked known and do not count');
  return cmd;
}

/** `--format`'s help: the command's formats, the default first. */
function formatHelp(formats: readonly string[]): string {
  return `output format: ${formats.map((f, i) => (i === 0 ? `${f} (default)` : f)).join(', ')}`;
}


/**
 * A commander error in edvet's words: `edvet: error: …`, a missing required
 * option or argument named with what it is, then the command's usage line.
 */
function commanderErrorText(cmd: Command, message: string): string {
  let text = message.replace(/^error: /, '').trim().replace(/\s*\n\(Did you mean (.*)\)$/, '; did you mean $1');
  const name = cmd.parent ? `edvet ${cmd.name()}` : 'edvet';
  const missingOption = /^required option '([^']+)' not specified$/.exec(text);
  if (missingOption) {
    const opt = cmd.options.find((o) => o.flags === missingOption[1]);
    text = `\`${name}\` needs ${missingOption[1].replace(/<(\w+)>/, (_, a: string) => a.toUpperCase())}${opt?.description ? `: ${opt.description}` : ''}`;
  }
  const missingArgument = /^missing required argument '([^']+)'$/.exec(text);
  if (missingArgument) {
    const arg = cmd.registeredArguments.find((a) => a.name() === missingArgument[1]);
    text = `\`${name}\` needs ${missingArgument[1].toUpperCase()}${arg?.description ? `: ${arg.description}` : ''}`;
  }
  const lines = [`edvet: error: ${text}`];
  if (cmd.parent) lines.push(`Usage: ${name} ${cmd.usage()}`, `Run \`${name} --help\` for its flags.`);
  else lines.push('Run `edvet --help` for the commands.');
  return `${lines.join('\n')}\n`;
}

/** Run the CLI on `argv` (without node and script); returns the exit status. */
export async function main(argv: string[]): Promise<number> {
  const env = process.env;
  // SIGINT/SIGTERM: no handler here, so they end the run at once even inside a long synchronous step;
  // src/commands/write.ts adds one when a temp file may exist, to remove it (see guardSignals there).
  // A reader that closes the pipe early (`edvet … | head`) is not an error: stop writing quietly.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code !== 'EPIPE') throw e;
  });
  const debug = env.EDVET_DEBUG === '1';
  const errTTY = Boolean(process.stderr.isTTY);
  const inCI = Boolean(env.CI) && env.CI !== 'false';
  let exitCode = 0;
  const out = async (s: Output): Promise<void> => {
    if (typeof s === 'string') {
      if (s) process.stdout.write(s);
      return;
    }
    const stdout = process.stdout;
    // A buffer stdout could not take at once (a pipe whose reader lags) is queued in memory: wait until it drains,
    // so the pieces never pile up. A reader that went away (`| head`) ends the writing, as a closed pipe does.
    const write = async (bytes: Buffer | string): Promise<void> => {
      if (stdout.destroyed || stdout.write(bytes) || stdout.destroyed) return;
      await new Promise<void>((resolve) => {
        const done = () => {
          stdout.off('drain', done);
          stdout.off('error', done);
          stdout.off('close', done);
          resolve();
        };
        stdout.once('drain', done);
        stdout.once('error', done);
        stdout.once('close', done);
      });
    };
    // A report in pieces is encoded into buffers of about a megabyte as it is rendered, each written when full:
    // it is never held whole. A written buffer is never reused (a stream may still hold it).
    const BATCH = 1 << 20;
    let batch = Buffer.allocUnsafe(BATCH);
    let used = 0;
    for (const piece of s) {
      if (stdout.destroyed) return;
      // UTF-8 takes at most 3 bytes per UTF-16 unit.
      if (used > 0 && used + 3 * piece.length > batch.length) {
        await write(batch.subarray(0, used));
        batch = Buffer.allocUnsafe(BATCH);
        used = 0;
      }
      if (3 * piece.length > batch.length) await write(piece);
      else used += batch.write(piece, used, 'utf8');
    }
    if (used > 0) await write(batch.subarray(0, used));
  };
  const makeCtx = (flags: CommonFlags): CommandContext => {
    const toFile = Boolean(flags.output);
    const color = flags.color !== false && !('NO_COLOR' in env) && !toFile && Boolean(process.stdout.isTTY) && env.TERM !== 'dumb';
    const progress = errTTY && !inCI && !flags.quiet;
    let statusShown = false;
    return {
      cwd: process.cwd(),
      now: new Date(),
      clock: () => performance.now(),
      policy: flags.policy,
      asOf: flags.asOf,
      format: flags.format,
      output: flags.output,
      failOn: (flags.failOn ?? 'fail') as FailOn,
      baseline: flags.baseline,
      tool: flags.tool ?? [],
      color,
      progress,
      stderr(line: string) {
        if (statusShown) process.stderr.write('\r\x1b[2K');
        statusShown = false;
        process.stderr.write(`${escapeLine(line)}\n`);
      },
      status(line: string) {
        if (!progress) return;
        process.stderr.write(`\r\x1b[2K${escapeLine(line)}`);
        statusShown = line !== '';
      },
    };
  };
  const finish = async (r: CommandResult) => {
    await out(r.stdout);
    exitCode = r.exitCode;
  };

  const program = new Command();
  program
    .name('edvet')
    .description('Vet K-12 educational software against a district checklist, and audit the licenses it pays for.')
    .version(VERSION, '-V, --version')
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(escapeLines(s)), writeOut: (s) => process.stdout.write(s) });

  addCommon(
    program.command('vet').usage('[PATH...] [options]').argument('[paths...]', 'manifest files or catalog folders').description('vet manifests against the policy; one verdict per product'),
    { formats: FORMATS_BY_COMMAND.vet, baseline: true },
  ).action(async (paths: string[], flags: CommonFlags) => finish(await (await import('./commands/vet.js')).runVet(makeCtx(flags), paths)));
  addCommon(
    program.command('validate').usage('[PATH...] [options]').argument('[paths...]', 'manifest files or catalog folders').description('schema check of manifests and the policy: every error with file, line and column'),
    { formats: FORMATS_BY_COMMAND.validate, asOf: false, failOn: false },
  ).action(async (paths: string[], flags: CommonFlags) => finish(await (await import('./commands/validate.js')).runValidate(makeCtx(flags), paths)));
  const usageFlags = (cmd: Command, usageRequired: boolean) =>
    cmd
      .requiredOption('--catalog <path>', 'the catalog folder (or a manifest file)')
      .option('--usage <file...>', `usage exports: files or folders (repeatable)${usageRequired ? '' : '; without them, no usage figures (vetting, renewals, the plans of sunsetting products)'}`)
      .option('--roster <path>', 'a OneRoster CSV folder or a simple roster CSV')
      .option('--usage-format <name>', `force the usage export format instead of detecting it from the header: ${BUILTIN_FORMATS.join(', ')}, or a custom format of the policy`)
      .option('--compare <file>', "an earlier JSON report (usage, sunset or audit), usually last budget season's: the report gains a \"since last audit\" comparison");
  for (const name of ['usage', 'sunset'] as const) {
    addCommon(
      // Why: privacy-laws.md "Decided details": a sunsetting product's plan needs no usage, so `sunset` runs without --usage (product.md: [--usage FILE...]).
      usageFlags(
        program
          .command(name)
          .usage(name === 'usage' ? '--catalog PATH --usage FILE... [--roster PATH] [options]' : '--catalog PATH [--usage FILE...] [--roster PATH] [options]')
          .description(name === 'usage' ? 'license utilization per product' : 'sunset candidates and a retirement plan for each'),
        name === 'usage',
      ),
      { formats: FORMATS_BY_COMMAND[name] },
    ).action(async (flags: CommonFlags & UsageFlags) => finish(await (await import('./commands/usage.js')).runUsageCommand(makeCtx(flags), name, flags)));
  }
  const auditCmd = addCommon(
    usageFlags(program.command('audit').usage('(--catalog PATH | --demo) [--usage FILE...] [--roster PATH] [options]').description('vetting, usage, sunset plans, renewals and totals in one report'), false).option(
      '--demo',
      'run on the sample district shipped in fixtures/ (instead of --catalog)',
    ),
    { formats: FORMATS_BY_COMMAND.audit, baseline: true },
  ).action(async (flags: CommonFlags & UsageFlags & { demo?: boolean }) => finish(await (await import('./commands/usage.js')).runUsageCommand(makeCtx(flags), 'audit', flags)));
  // --catalog is optional with --demo: relax the required option for audit (the command says when both are missing).
  const catalogOpt = auditCmd.options.find((o) => o.long === '--catalog');
  if (catalogOpt) catalogOpt.mandatory = false;
  addCommon(
    program
      .command('letters')
      .usage('--catalog PATH --out-dir DIR [options]')
      .description('one vendor rejection letter per rejected product, or (--kind deletion) one data-disposal request per product whose deletion is due')
      .requiredOption('--catalog <path>', 'the catalog folder (or a manifest file)')
      .requiredOption('--out-dir <dir>', 'the folder to write letters into (created if missing)')
      .option('--kind <kind>', 'rejection (vendor rejection letters) or deletion (directives for disposition of data)', 'rejection')
      .option('--force', 'replace letters that already exist'),
    { formats: FORMATS_BY_COMMAND.letters, output: false, failOn: false },
  ).action(async (flags: CommonFlags & { catalog: string; outDir: string; force?: boolean; kind?: string }) => finish(await (await import('./commands/letters.js')).runLetters(makeCtx(flags), flags)));
  addCommon(
    program
      .command('publish')
      .usage('--catalog PATH --out-dir DIR [options]')
      .description("the public, parent-facing page of the operators that hold students' data (index.html, operators.csv, operators.json)")
      .requiredOption('--catalog <path>', 'the catalog folder (or a manifest file)')
      .requiredOption('--out-dir <dir>', 'the folder to write the page into (created if missing)')
      .option('--force', 'replace files that already exist'),
    { formats: [], output: false, failOn: false },
  ).action(async (flags: CommonFlags & { catalog: string; outDir: string; force?: boolean }) => finish(await (await import('./commands/publish.js')).runPublish(makeCtx(flags), flags)));
  addCommon(
    program.command('list').usage('[PATH...] [options]').argument('[paths...]', 'manifest files or catalog folders').description('the catalog as an inventory: one row per product (table, csv, markdown, json, html)'),
    { formats: FORMATS_BY_COMMAND.list, failOn: false },
  ).action(async (paths: string[], flags: CommonFlags) =>
    finish(await (await import('./commands/list.js')).runList(makeCtx(flags), paths, process.stdout.isTTY ? process.stdout.columns : undefined)),
  );
  program
    .command('import')
    .usage('FILE... --out-dir DIR [options]  |  --from-usage PATH... --catalog PATH --out-dir DIR [options]')
    .argument('[files...]', 'the app inventory: CSV or XLSX spreadsheets')
    .description('turn an app inventory (CSV or XLSX) or the unmatched apps of sign-in exports into draft manifests')
    .requiredOption('--out-dir <dir>', 'the folder to write the drafts into (created if missing)')
    .option('--layout <name>', 'force a layout: sas-digital-toolkit, google-accessed-apps, edvet-list or generic')
    .option(
      '--map <field=column>',
      'generic layout: fill a manifest field from a column (repeatable); fields: name, id, active, vendor, vendor_contact, category, status, audience, grades, subjects, deployed_on, reviewed_on, privacy.policy_url, privacy.dpa.signed, privacy.dpa.signed_on, privacy.dpa.expires_on, accessibility.wcag_version, accessibility.conformance, accessibility.vpat_url, evidence.essa_tier, cost.model, cost.unit_price, cost.annual_total, cost.seats, cost.students_covered, cost.renewal_on, cost.notice_days, cost.auto_renews, usage.aliases, usage.client_ids (a unique last part is enough: renewal_on)',
      (v: string, prev: string[] = []) => [...prev, v],
    )
    .option('--sheet <name>', 'the worksheet of an XLSX workbook (default: the first)')
    .option('--from-usage <path...>', 'sign-in exports: a draft for every app no product of --catalog matches')
    .option('--catalog <path>', 'with --from-usage: the catalog whose products are known')
    .option('--min-rows <n>', 'with --from-usage: fewest rows an app needs for a draft (default 50)')
    .option('--force', 'replace drafts that already exist')
    .option('--format <name>', 'table (default: the summary on stderr only) or json (also on stdout)')
    .option('--policy <file>', 'with --from-usage: the district policy (usage formats, time zone)')
    .option('--as-of <date>', 'with --from-usage: sign-ins after this date are not counted')
    .option('--quiet', 'no progress output on stderr')
    .action(async (files: string[], flags: CommonFlags & import('./commands/import.js').ImportFlags) => finish(await (await import('./commands/import.js')).runImport(makeCtx(flags), files, flags)));
  program
    .command('init')
    .usage('[DIR]')
    .argument('[dir]', 'where to write the starter files (default: the current folder)', '.')
    .description('scaffold a starter catalog, a policy file, a CI workflow and the edvet package it installs')
    .action(async (dir: string) => finish(await (await import('./commands/init.js')).runInit(makeCtx({}), dir)));
  program
    .command('rules')
    .description('list the rules')
    .option('--format <name>', formatHelp(FORMATS_BY_COMMAND.rules))
    .option('--output <file>', 'write to this file instead of stdout')
    .action(async (flags: CommonFlags) => finish(await (await import('./commands/rules.js')).runRules(makeCtx(flags))));
  program
    .command('explain')
    .usage('RULE|CHECK [options]')
    .argument('<rule>', 'a rule id such as privacy.dpa, or a check such as cost for its rules')
    .description('explain one rule (what it checks, the policy keys that tune it with their values in the policy in force, the remediation text), or list the rules of a check')
    .option('--policy <file>', 'the district policy whose values to show (default: edvet.policy.yaml here, else the defaults)')
    .option('--format <name>', formatHelp(FORMATS_BY_COMMAND.explain))
    .option('--output <file>', 'write to this file instead of stdout')
    .action(async (rule: string, flags: CommonFlags) => finish(await (await import('./commands/rules.js')).runExplain(makeCtx(flags), rule)));

  // Errors commander finds (a missing required option, an unknown flag) are reported below in edvet's
  // words, with the usage line of the command they belong to; a usage error a command raises gets the same.
  let failed: { cmd: Command; message: string } | null = null;
  let running: Command | null = null;
  for (const cmd of [program, ...program.commands]) {
    cmd.configureOutput({ outputError: (message) => void (failed ??= { cmd, message }) });
  }
  program.hook('preAction', (_program, action) => {
    running = action;
  });

  try {
    if (argv.length === 0) {
      program.outputHelp();
      return 0;
    }
    await program.parseAsync(argv, { from: 'user' });
    return exitCode;
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help') return 0;
      const f = failed as { cmd: Command; message: string } | null;
      process.stderr.write(escapeLines(commanderErrorText(f?.cmd ?? program, f?.message ?? e.message)));
      return 2;
    }
    const { EdvetError, formatProblem } = await import('./model/errors.js');
    // A file-system failure no loader caught (a folder that vanished mid-run) is still an input error naming the path.
    e = (await import('./load/files.js')).fsFailureAsInput(e, process.cwd());
    if (e instanceof EdvetError && e.kind !== 'internal') {
      for (const p of e.problems) process.stderr.write(`edvet: error: ${formatProblem(p)}\n`);
      const cmd = running as Command | null;
      if (e.kind === 'usage' && cmd) process.stderr.write(`Usage: edvet ${cmd.name()} ${cmd.usage()}\nRun \`edvet ${cmd.name()} --help\` for its flags.\n`);
      else if (e.kind === 'usage') process.stderr.write('Run `edvet --help` for the commands and flags.\n');
      return 2;
    }
    process.stderr.write(`edvet: internal error: ${escapeLine(e instanceof Error ? e.message : String(e))}\n`);
    if (debug && e instanceof Error && e.stack) process.stderr.write(`${escapeLines(e.stack)}\n`);
    else process.stderr.write('Set EDVET_DEBUG=1 for details, and please report it.\n');
    return 2;
  }
}
