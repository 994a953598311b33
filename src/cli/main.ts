/**
 * The privdiff command line. Exit codes like a linter: 0 nothing at or above --fail-on,
 * 1 findings at or above it, 2 bad usage or unreadable input (one line, no stack trace).
 */
import { Command, CommanderError, Option } from 'commander';
import { InputError, UsageError } from '../errors.js';
import type { Finding, Severity } from '../model/finding.js';
import { toolVersion } from '../report/version.js';
import { STDIN } from '../stream-input.js';
import { readDataFile } from '../vocab/data-file.js';
import { askedReportLanguage, LANGUAGES, reportLanguage, systemLanguage, type Language } from './languages.js';
import { consentAt, FAIL_LEVELS, FORMATS, jobs, nonEmptyList, reassemblyJobs } from './options.js';
import { openOutputFile, refuseInputAsOutput, type NamedInput, type OutputTarget } from './output-file.js';
import { progress } from './progress.js';
import { registerStudyCommands } from './study-command.js';
import { flowWriter } from './write-flows.js';

export interface Io {
  stdout(text: string): void;
  stderr(text: string): void;
}

const processIo: Io = { stdout: (t) => process.stdout.write(t), stderr: (t) => process.stderr.write(t) };

/** Severities from the least to the most severe (the order of --fail-on's levels, read backwards). */
const SEVERITY_ORDER = FAIL_LEVELS.filter((l): l is Severity => l !== 'none').reverse();

export function failingFindings(findings: Finding[], failOn: string): Finding[] {
  if (failOn === 'none') return [];
  const threshold = SEVERITY_ORDER.indexOf(failOn as Severity);
  return findings.filter((f) => SEVERITY_ORDER.indexOf(f.severity) >= threshold);
}

/** Writes to -o FILE (whole or not at all: see output-file.ts), or to stdout. */
export function emit(io: Io, text: string, output: string | undefined, inputs: readonly NamedInput[] = []): void {
  if (!output) {
    io.stdout(text);
    return;
  }
  const file = openOutputFile(output, inputs);
  file.write(text);
  file.commit();
}

/** A destination written piece by piece: -o FILE (synchronous writes to a temporary file, renamed at commit) or stdout. */
export function outputSink(io: Io, output: string | undefined, inputs: readonly NamedInput[] = []): OutputTarget {
  if (!output) return { write: io.stdout, commit: () => {}, abort: () => {} };
  return openOutputFile(output, inputs);
}

/** The inputs of a command by role, for refusing an `-o` that names one of them. */
function inputsOf(files: { policy?: string; captures?: string[]; identifiers?: string; keylog?: string }): NamedInput[] {
  const inputs: NamedInput[] = [];
  if (files.policy) inputs.push({ role: 'the policy', file: files.policy });
  for (const c of files.captures ?? []) inputs.push({ role: 'the capture', file: c });
  if (files.identifiers) inputs.push({ role: 'the identifiers file', file: files.identifiers });
  if (files.keylog) inputs.push({ role: 'the key log', file: files.keylog });
  return inputs;
}

const EXAMPLES = `
Examples:
  privdiff compare policy.html capture.pcap --identifiers device.json --region EU -o report.html --format html
  privdiff compare https://example.com/privacy app.har --jurisdiction pipl,gdpr --fail-on high
  privdiff extract policy.pdf --format md
  privdiff observe capture.pcapng --identifiers device.json
  tcpdump -w - -i any | privdiff observe -
  privdiff check policy.md --jurisdiction gdpr
  privdiff rules list`;

const PROGRESS_HELP = 'progress lines on stderr even when it is not a terminal (by default: a live line on a terminal; elsewhere a line every 5 s once a run is long)';

const JOBS_HELP = 'worker threads for personal-data detection (default: one fewer than the cores, at most 4; 0: none)';
const REASSEMBLY_JOBS_HELP = 'worker threads for TCP reassembly and HTTP parsing of pcap and pcapng captures past their first 32 MiB (default 0: all on the main thread, which measured faster on two cores)';
const POLICY_ARG = 'privacy policy: .html, .pdf, .txt or .md file, an http(s) URL, or - for standard input';
const CAPTURES_ARG = 'captures: pcap, pcapng, HAR, mitmproxy flow dump or JSON Lines flows (- for standard input)';
const COMPARE_INPUTS_ARG = 'captures (pcap, pcapng, HAR, mitmproxy flow dump, JSON Lines flows; - for standard input) or phone privacy reports (iOS App Privacy Report, TrackerControl CSV)';

/** --app: an app id or, for a phone's privacy report, an app's name; never empty. */
function appId(value: string): string {
  if (value.trim() === '') throw new UsageError('--app takes an app id such as com.example.app, or an app name (got "")');
  return value.trim();
}

/** Standard input can feed one input only. */
function checkStdin(inputs: string[]): void {
  if (inputs.filter((i) => i === STDIN).length > 1) throw new UsageError('standard input (-) can be given as one input only');
}

/** Words joined into lines of at most `width` columns, each indented. */
function wrapWords(words: string[], width: number, indent: string): string {
  const lines: string[] = [];
  let line = '';
  for (const word of words) {
    if (line && indent.length + line.length + 1 + word.length > width) {
      lines.push(indent + line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(indent + line);
  return lines.join('\n');
}

/** The 39 app types of --app-category, listed after the compare help (read only when help is shown). */
function appCategoryHelp(): string {
  const { categories } = readDataFile<{ categories: { id: string }[] }>('data', 'app-categories.json');
  const ids = categories.map((c, i) => `${c.id}${i < categories.length - 1 ? ',' : ''}`);
  return `\n--app-category (China's 2021 rules on necessary personal information) takes:\n${wrapWords(ids, 80, '  ')}`;
}

const languageOption = (flags: string, description: string) => new Option(flags, description).choices(LANGUAGES);

/** The command tree (exported for the help's own tests). */
export function program(io: Io): { cli: Command; result: { code: number } } {
  const result = { code: 0 };
  const warn = (message: string) => io.stderr(`privdiff: warning: ${message}\n`);
  const cli = new Command('privdiff')
    .description('Does this app or website do what its privacy policy says? Compares a privacy policy (English or Chinese) with captured network traffic and reports every personal-data flow the policy does not disclose, discloses vaguely, or contradicts.')
    .version(toolVersion(), '-V, --version')
    .addHelpText('after', EXAMPLES)
    .showHelpAfterError('(run privdiff --help for usage)')
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr, outputError: (text, write) => write(`privdiff: ${text.replace(/^error: /, '')}`) });

  cli
    .command('compare')
    .summary('compare a policy with captured traffic and report the gaps')
    .description('Compare a privacy policy with captured traffic. Every personal-data flow gets a disclosure class (clear, vague, omitted, contradicted or ambiguous), and the gaps become findings under the chosen laws.')
    .argument('<policy>', POLICY_ARG)
    .argument('<capture...>', COMPARE_INPUTS_ARG)
    .option('--identifiers <file>', "the test device's known identifiers (JSON, see schemas/identifiers.schema.json)")
    .option('--first-party <domains>', "the app's own domains, comma-separated (added to those inferred from the policy, the app id and the traffic)", nonEmptyList('--first-party', 'example.com'))
    .option('--app <id>', "the app: its id (Android package or iOS bundle id, e.g. com.example.app) makes its domain first party; with a phone privacy report covering many apps, the one to read (bundle id, package name or app name)", appId)
    .option('--jurisdiction <ids>', 'rule packs to apply, comma-separated (default: those of --region, else all); see `privdiff rules`', nonEmptyList('--jurisdiction', 'gdpr,pipl'))
    .option('--region <region>', "the user's region: EU, EEA, CN, US, US-CA, BR, UK or an ISO country code")
    .option('--consent-at <time|flow>', 'when the user consented: an ISO time with a zone, or the index of the first flow after consent; earlier flows are checked for collection before consent', consentAt)
    .option('--app-category <category>', "the app's type under China's necessary-information rules (the types are listed below)")
    .option('--keylog <file>', 'TLS key log (NSS format) to decrypt HTTPS in pcaps')
    .option('-j, --jobs <n>', JOBS_HELP, jobs)
    .option('--reassembly-jobs <n>', REASSEMBLY_JOBS_HELP, reassemblyJobs)
    .addOption(languageOption('--report-lang <lang>', "the report's language (default: the policy's)"))
    .addOption(languageOption('--policy-lang <lang>', "read the policy as this language instead of the detected one"))
    .addOption(languageOption('--lang <lang>', 'deprecated: the old name of --report-lang').hideHelp())
    .addOption(new Option('--format <format>', 'report format').choices(FORMATS).default('md'))
    .option('-o, --output <file>', 'write the report to a file (a summary goes to stdout)')
    .addOption(new Option('--fail-on <severity>', 'exit 1 when a finding is at or above this severity').choices(FAIL_LEVELS).default('low'))
    .option('--reveal', 'show detected values unmasked in the report')
    .option('-q, --quiet', 'no summary on stdout')
    .option('--progress', PROGRESS_HELP)
    .addHelpText('after', appCategoryHelp)
    .action(async (policy: string, captures: string[], opts) => {
      checkStdin([policy, ...captures]);
      const asked = askedReportLanguage(opts, warn);
      const inputs = inputsOf({ policy, captures, identifiers: opts.identifiers, keylog: opts.keylog });
      // Checked before anything is read: a long run must not end by refusing to write.
      if (opts.output) refuseInputAsOutput(opts.output, inputs);
      const [{ analyse }, { loadKnownIdentifiers }, { loadKeyLog }, { formatters }, { terminalSummary }] = await Promise.all([
        import('../pipeline.js'), import('../observe/detect/index.js'), import('../observe/tls/keylog.js'), import('../report/index.js'), import('./summary.js'),
      ]);
      const identifiers = opts.identifiers ? loadKnownIdentifiers(opts.identifiers) : undefined;
      const shown = progress(process.stderr, { always: opts.progress === true });
      const { report, errors, policyMixed } = await analyse({
        policy, captures,
        ...(identifiers ? { identifiers } : {}),
        ...(opts.firstParty ? { firstParty: opts.firstParty } : {}),
        ...(opts.app ? { app: opts.app as string } : {}),
        ...(opts.jurisdiction ? { jurisdictions: opts.jurisdiction } : {}),
        ...(opts.region !== undefined ? { region: opts.region } : {}),
        ...(opts.consentAt ? { consentAt: opts.consentAt } : {}),
        ...(opts.appCategory !== undefined ? { appCategory: opts.appCategory } : {}),
        ...(opts.policyLang ? { policyLang: opts.policyLang as Language } : {}),
        ...(opts.keylog ? { keylog: await loadKeyLog(opts.keylog) } : {}),
        ...(opts.jobs !== undefined ? { detectionWorkers: opts.jobs as number } : {}),
        ...(opts.reassemblyJobs !== undefined ? { reassemblyWorkers: opts.reassemblyJobs as number } : {}),
        reveal: opts.reveal === true,
        onWarning: warn,
        onProgress: shown.onBytes,
        onFlow: shown.onFlow,
      });
      shown.finish();
      const reportLang = reportLanguage(asked, { language: report.policy.language, mixed: policyMixed });
      const formatter = formatters[opts.format as string];
      if (!formatter) throw new UsageError(`the ${opts.format} format is not available in this build`);
      emit(io, formatter(report, { lang: reportLang }), opts.output, inputs);
      if (opts.output && !opts.quiet) io.stdout(terminalSummary(report, reportLang, opts.output));
      for (const e of errors) io.stderr(`privdiff: ${e.message}\n`);
      result.code = errors.length > 0 ? 2 : failingFindings(report.findings, opts.failOn).length > 0 ? 1 : 0;
    });

  cli
    .command('extract')
    .summary('print the practice statements and notice elements of a policy')
    .argument('<policy>', POLICY_ARG)
    .addOption(new Option('--format <format>', 'output format').choices(['json', 'md']).default('json'))
    .addOption(languageOption('--policy-lang <lang>', 'read the policy as this language instead of the detected one'))
    .addOption(languageOption('--lang <lang>', 'deprecated: the old name of --policy-lang').hideHelp())
    .option('-o, --output <file>', 'write to a file')
    .action(async (policy: string, opts) => {
      if (opts.lang !== undefined) {
        if (opts.policyLang !== undefined && opts.policyLang !== opts.lang) throw new UsageError(`--lang ${opts.lang} and --policy-lang ${opts.policyLang} disagree (--lang is the old name of --policy-lang)`);
        warn(`--lang is deprecated for extract: use --policy-lang ${opts.lang} (the policy's language is detected when neither is given)`);
      }
      const inputs = inputsOf({ policy });
      if (opts.output) refuseInputAsOutput(opts.output, inputs);
      const { commandExtract } = await import('./commands.js');
      emit(io, await commandExtract(policy, opts.format, opts.policyLang ?? opts.lang, warn), opts.output, inputs);
    });

  cli
    .command('observe')
    .summary('print the flows of captures and the personal data they carry')
    .argument('<capture...>', CAPTURES_ARG)
    .option('--identifiers <file>', "the test device's known identifiers (JSON)")
    .option('--first-party <domains>', "the app's own domains, comma-separated", nonEmptyList('--first-party', 'example.com'))
    .addOption(new Option('--format <format>', 'output format: json (one document; indented on stdout, compact in a file) or jsonl (one flow a line)').choices(['json', 'jsonl']).default('json'))
    .option('--keylog <file>', 'TLS key log (NSS format) to decrypt HTTPS in pcaps')
    .option('-j, --jobs <n>', JOBS_HELP, jobs)
    .option('--reassembly-jobs <n>', REASSEMBLY_JOBS_HELP, reassemblyJobs)
    .option('--reveal', 'show detected values unmasked')
    .option('-o, --output <file>', 'write to a file')
    .option('--progress', PROGRESS_HELP)
    .action(async (captures: string[], opts) => {
      checkStdin(captures);
      const inputs = inputsOf({ captures, identifiers: opts.identifiers, keylog: opts.keylog });
      if (opts.output) refuseInputAsOutput(opts.output, inputs);
      const [{ commandObserve }, { loadKnownIdentifiers }, { loadKeyLog }] = await Promise.all([
        import('./commands.js'), import('../observe/detect/load-identifiers.js'), import('../observe/tls/keylog.js'),
      ]);
      const identifiers = opts.identifiers ? loadKnownIdentifiers(opts.identifiers) : undefined;
      const shown = progress(process.stderr, { always: opts.progress === true });
      const sink = outputSink(io, opts.output, inputs);
      const out = flowWriter(sink.write, opts.format, !opts.output);
      let outcome;
      try {
        outcome = await commandObserve(captures, out, {
        ...(identifiers ? { identifiers } : {}),
        firstParty: opts.firstParty ?? [],
        ...(opts.keylog ? { keylog: await loadKeyLog(opts.keylog) } : {}),
        ...(opts.jobs !== undefined ? { detectionWorkers: opts.jobs as number } : {}),
        ...(opts.reassemblyJobs !== undefined ? { reassemblyWorkers: opts.reassemblyJobs as number } : {}),
        reveal: opts.reveal === true,
        onWarning: warn,
        onProgress: shown.onBytes,
        onFlow: shown.onFlow,
      });
      } catch (error) {
        // The document was ended (valid JSON); a file is still written, with the failure in its errors.
        sink.commit();
        throw error;
      }
      sink.commit();
      shown.finish();
      const { errors } = outcome;
      for (const e of errors) io.stderr(`privdiff: ${e.message}\n`);
      result.code = errors.length > 0 ? 2 : 0;
    });

  cli
    .command('check')
    .summary('policy-only checks: required notice elements under each law')
    .argument('<policy>', POLICY_ARG)
    .option('--jurisdiction <ids>', 'rule packs, comma-separated (default: those of --region, else all)', nonEmptyList('--jurisdiction', 'gdpr,pipl'))
    .option('--region <region>', "the user's region, to choose rule packs")
    .addOption(languageOption('--report-lang <lang>', "the output's language (default: the policy's)"))
    .addOption(languageOption('--policy-lang <lang>', 'read the policy as this language instead of the detected one'))
    .addOption(languageOption('--lang <lang>', 'deprecated: the old name of --report-lang').hideHelp())
    .addOption(new Option('--format <format>', 'output format').choices(FORMATS).default('md'))
    .option('-o, --output <file>', 'write to a file')
    .addOption(new Option('--fail-on <severity>', 'exit 1 when a finding is at or above this severity').choices(FAIL_LEVELS).default('low'))
    .action(async (source: string, opts) => {
      const asked = askedReportLanguage(opts, warn);
      const inputs = inputsOf({ policy: source });
      if (opts.output) refuseInputAsOutput(opts.output, inputs);
      const [{ checkPolicyFile }, { buildReport, formatters }] = await Promise.all([import('../pipeline.js'), import('../report/index.js')]);
      const { policy, findings, packs, policyMixed } = await checkPolicyFile(source, opts.jurisdiction, opts.region, opts.policyLang ? { lang: opts.policyLang as Language } : {});
      for (const warning of policy.warnings ?? []) warn(warning);
      const report = buildReport({ mode: 'check', policy, captures: [], flows: [], observations: [], findings, jurisdictions: packs.map((p) => p.jurisdiction) });
      const formatter = formatters[opts.format as string];
      if (!formatter) throw new UsageError(`the ${opts.format} format is not available in this build`);
      emit(io, formatter(report, { lang: reportLanguage(asked, { language: policy.language, mixed: policyMixed }) }), opts.output, inputs);
      result.code = failingFindings(findings, opts.failOn).length > 0 ? 1 : 0;
    });

  cli
    .command('rules')
    .summary('list the jurisdiction rule packs, or show one rule')
    .argument('[action]', 'list or show', 'list')
    .argument('[id]', 'rule id for show (e.g. pipl/undisclosed-sharing)')
    .addOption(languageOption('--lang <lang>', 'language of the titles (default: the system locale\'s, else English)'))
    .option('--jurisdiction <ids>', 'only these packs, comma-separated', nonEmptyList('--jurisdiction', 'gdpr,pipl'))
    .action(async (action: string, id: string | undefined, opts) => {
      const { commandRules } = await import('./command-rules.js');
      io.stdout(commandRules(action, id, (opts.lang as Language | undefined) ?? systemLanguage() ?? 'en', opts.jurisdiction));
    });

  registerStudyCommands(cli, io, result);
  return { cli, result };
}

export async function main(argv: string[], io: Io = processIo): Promise<number> {
  const { cli, result } = program(io);
  try {
    if (argv.length === 0) {
      // No command is a usage mistake: say what the commands are, with the examples, and exit 2.
      io.stderr(`${cli.helpInformation()}${EXAMPLES.replace(/^\n/, '\n')}\n`);
      return 2;
    }
    await cli.parseAsync(argv, { from: 'user' });
    return result.code;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
    if (error instanceof InputError || error instanceof UsageError) {
      io.stderr(`privdiff: ${error.message}\n`);
      return 2;
    }
    io.stderr(`privdiff: internal error (please report it): ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    return 2;
  }
}
